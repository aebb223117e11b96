"""The search port's public API: what other apps call to index, remove and find their records.

>>> from kraft.search import service
>>> service.index_object(initiative)            # after a save, inside the same transaction
>>> service.search(SearchQuery("initiatives", "äldreomsorg", viewer=service.viewer_for(request.user)))
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from itertools import islice
from typing import Any

from kraft.accounts import permissions
from kraft.search import spread
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


def move_documents(source: str, target: str, keys: Iterable[str], backend: str = "default") -> int:
    """Move documents between collections without analysing them again (how a staged document goes live)."""
    return get_backend(backend).move(source, target, [str(key) for key in keys])


def search(query: SearchQuery, backend: str = "default") -> SearchResult:
    """The backend's ranking; with ``pin_cited``, the records the text cites exactly come first."""
    search_backend = get_backend(backend)
    collection = get_collection(query.collection) if query.pin_cited and query.text.strip() else None
    cited = collection.cited_keys(query.text) if collection is not None else []
    pinned = search_backend.hits_for(query, cited) if cited else []
    if not pinned:
        return search_backend.search(query)
    # Rank the rest as usual, deep enough to fill the asked page once the pinned hits are taken out of it.
    page_size = max(1, min(int(query.page_size), 1000))
    start = (max(1, int(query.page)) - 1) * page_size
    ranked = search_backend.search(replace(query, page=1, page_size=min(1000, start + page_size + len(pinned))))
    keys = {hit.key for hit in pinned}
    top = max((hit.score for hit in ranked.hits), default=1.0)
    merged = [Hit(h.key, top, h.title, h.snippet) for h in pinned] + [h for h in ranked.hits if h.key not in keys]
    unmatched = len(keys - {hit.key for hit in ranked.hits})
    return SearchResult(total=ranked.total + unmatched, hits=merged[start : start + page_size], facets=ranked.facets)


def similarities(query: SearchQuery, keys: Sequence[str], backend: str = "default") -> dict[str, float]:
    """How close in meaning the query's text is to each given record the viewer may see (cosine of the embedder's
    vectors); empty when no embedder is configured or the records have no vectors yet."""
    return get_backend(backend).similarities(query, keys)


def rarity(terms: Sequence[str], backend: str = "default") -> dict[str, float]:
    """Each analysed term's inverse document frequency over the whole index, BM25's
    log(1 + (N − df + 0.5) / (df + 0.5)): how rare it is among everything indexed, whatever a query retrieved."""
    found = get_backend(backend)
    frequencies = getattr(found, "document_frequencies", None)
    entries = getattr(found, "entry_count", None)
    if not terms or frequencies is None or entries is None:
        return {}
    counts = frequencies(list(dict.fromkeys(terms)))
    total = entries()
    return {term: math.log(1 + (total - df + 0.5) / (df + 0.5)) for term, df in counts.items()}


def term_spread(collection: str, kind: str, attribute: str = "document", backend: str = "default") -> spread.TermSpread:
    """In how many documents (values of ``attribute``) of the collection's public Swedish entries of ``kind`` each
    indexed term occurs (``kraft.search.spread``); empty for a backend without an entry table."""
    database = getattr(get_backend(backend), "database", None)
    if database is None:
        return spread.TermSpread(groups=0, counts={})
    return spread.term_spread(collection, kind, attribute, database)


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
