"""The search port's public API: what other apps call to index, remove and find their records.

>>> from kraft.search import service
>>> service.index_object(initiative)            # after a save, inside the same transaction
>>> service.search(SearchQuery("initiatives", "äldreomsorg", viewer=service.viewer_for(request.user)))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from kraft.accounts import permissions
from kraft.search.backends import get_backend
from kraft.search.collections import all_collections, collections_for, get_collection
from kraft.search.documents import Hit, SearchDocument, SearchQuery, SearchResult, Viewer

Progress = Callable[[str, int, int | None], None]  # collection, documents done so far, total if known


def viewer_for(user: Any) -> Viewer:
    """Staff see everything; members see their organisations' private documents; everyone sees public ones."""
    if permissions.is_staff(user):
        return Viewer(is_staff=True)
    return Viewer(organisation_ids=frozenset(permissions.member_organisation_ids(user)))


def index_documents(documents: Iterable[SearchDocument], backend: str = "default") -> int:
    """Add or replace documents (matched on collection and key)."""
    return get_backend(backend).index(documents)


def delete_documents(collection: str, keys: Iterable[str], backend: str = "default") -> int:
    return get_backend(backend).delete(collection, [str(key) for key in keys])


def search(query: SearchQuery, backend: str = "default") -> SearchResult:
    return get_backend(backend).search(query)


def hits_for_keys(
    collection: str, keys: Sequence[str], viewer: Viewer, text: str = "", backend: str = "default"
) -> list[Hit]:
    """Hits for known keys (e.g. the paragraph a citation names), only those the viewer may see."""
    found = get_backend(backend)
    hits = getattr(found, "hits_for_keys", None)
    return list(hits(collection, keys, viewer, text)) if callable(hits) else []


def index_object(obj: Any, backend: str = "default") -> None:
    """Bring the index in line with one saved record, in every collection that indexes its model."""
    for name, collection in collections_for(obj):
        document = collection.document_for(obj)
        if document is None:
            delete_documents(name, [collection.key_for(obj)], backend)
        else:
            index_documents([document], backend)


def remove_object(obj: Any, backend: str = "default") -> None:
    """Take a deleted (or hidden) record out of the index; call it before or after the delete."""
    for name, collection in collections_for(obj):
        delete_documents(name, [collection.key_for(obj)], backend)


def reindex(
    collection: str | None = None, progress: Progress | None = None, backend: str = "default"
) -> dict[str, int]:
    """Rebuild one collection, or all, from the records themselves. Returns documents indexed per collection."""
    if collection is not None:
        found = get_collection(collection)
        if found is None:
            raise LookupError(f"Okänd eller otillgänglig söksamling: {collection}")
        targets = {collection: found}
    else:
        targets = all_collections()
    search_backend = get_backend(backend)
    counts: dict[str, int] = {}
    for name, source in targets.items():
        search_backend.clear(name)
        total = source.count()
        done = 0
        documents = iter(source.documents())
        if progress:
            progress(name, 0, total)
        while batch := list(islice(documents, 500)):
            done += search_backend.index(batch)
            if progress:
                progress(name, done, total)
        counts[name] = done
    return counts
