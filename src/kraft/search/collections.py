"""Search collections: what each app puts in the index.

``settings.SEARCH_COLLECTIONS`` maps a collection name to the dotted path of a ``SearchCollection`` subclass.
Classes are imported on first use; a missing class (an app not installed, or not written yet) is skipped with
a warning rather than breaking search for the others.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from django.utils.module_loading import import_string

from kraft.search.documents import SearchDocument, Viewer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HitInfo:
    """What a search hit shows besides its title and snippet."""

    url: str = ""  # the page that opens the hit (a passage opens highlighted in its document)
    organisation: str = ""  # whose record it is
    context: str = ""  # e.g. the document a passage belongs to
    summary: str = ""  # a summary already shown with the hit (the snippet then does not repeat it)


class SearchCollection:
    """Describes one kind of record to the index.

    ``documents()`` yields every document (used by reindex); ``document_for(obj)`` the document of one record, or
    ``None`` when the record should not be in the index (a draft that was unpublished, a rejected organisation …).
    ``model`` lets ``index_object``/``remove_object`` find the collection of a saved model instance.
    """

    name: ClassVar[str] = ""
    model: ClassVar[type[Any] | None] = None

    def documents(self) -> Iterable[SearchDocument]:
        raise NotImplementedError

    def document_for(self, obj: Any) -> SearchDocument | None:
        raise NotImplementedError

    def key_for(self, obj: Any) -> str:
        return str(obj.pk)

    def count(self) -> int | None:
        """How many documents ``documents()`` will yield, if cheap to know (for progress bars)."""
        return None

    def cited_keys(self, text: str) -> list[str]:
        """Keys of the records ``text`` cites exactly (a statute's paragraph), best first; visibility is the
        backend's business. Used when a query asks for ``pin_cited``."""
        return []

    def describe(self, keys: Sequence[str]) -> dict[str, HitInfo]:
        """Links and owners of hits, in one query. By default the model's ``get_absolute_url`` and the record's
        ``organisation`` or ``lead_organisation``; collections override it for more."""
        model = self.model
        if model is None or not keys:
            return {}
        infos: dict[str, HitInfo] = {}
        for obj in model._default_manager.filter(pk__in=[k for k in keys if str(k).isdigit()]):
            url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
            owner = getattr(obj, "organisation", None) or getattr(obj, "lead_organisation", None)
            infos[self.key_for(obj)] = HitInfo(url=url, organisation=str(owner) if owner else "")
        return infos

    def pinned_keys(self, text: str, viewer: Viewer) -> list[str]:
        """Keys that the text names exactly (a citation, an id), to show first; none by default."""
        return []

    def hit_flags(self, keys: list[str]) -> dict[str, tuple[str, ...]]:
        """Flags the search page and API show next to hits, by key (e.g. ``("repealed",)`` for repealed law)."""
        return {}


def collection_paths() -> dict[str, str]:
    return dict(getattr(settings, "SEARCH_COLLECTIONS", {}) or {})


def get_collection(name: str) -> SearchCollection | None:
    path = collection_paths().get(name)
    if path is None:
        return None
    try:
        collection_class = import_string(path)
    except ImportError:
        logger.warning("Söksamlingen %s (%s) kunde inte laddas; den hoppas över.", name, path)
        return None
    collection: SearchCollection = collection_class()
    return collection


def all_collections() -> dict[str, SearchCollection]:
    loaded = {name: get_collection(name) for name in collection_paths()}
    return {name: collection for name, collection in loaded.items() if collection is not None}


def collections_for(obj: Any) -> list[tuple[str, SearchCollection]]:
    """The collections that index instances of ``obj``'s model."""
    found = []
    for name, collection in all_collections().items():
        model = getattr(collection, "model", None)
        if model is not None and isinstance(obj, model):
            found.append((name, collection))
    return found
