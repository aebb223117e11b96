"""One search over every collection in ``SEARCH_COLLECTIONS``: ranked together, counted per collection.

Every collection registered in settings takes part, so a new app's collection (needs, coalitions …) joins the
search box without changes here. Each collection is searched with the same analysed query; the full-text scores
come from one index (SQLite FTS5 computes BM25 statistics over the whole table, PostgreSQL ranks each entry on
its own), so hits of different collections are merged by score. A collection may put exact matches first
(``SearchCollection.pinned_keys``: a statute citation such as *2 kap. 12 § TF*) and describes its hits for
display (``describe``: the page to open and what the hit belongs to).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from kraft.search import service
from kraft.search.collections import HitInfo, SearchCollection, all_collections
from kraft.search.documents import Hit, SearchQuery, SearchResult, Viewer
from kraft.search.vocabulary import spelling_suggestion

MAX_DEPTH = 1000  # hits ranked per collection; pages beyond it are refused by the callers
PINNED_SCORE = 1e9
LANGUAGE_BOOST = 1.25  # a record in the searcher's language ranks as if it matched a quarter better


@dataclass(frozen=True)
class FoundHit:
    collection: str
    hit: Hit
    info: HitInfo
    pinned: bool = False
    flags: tuple[str, ...] = ()  # e.g. ("repealed",) for repealed law (``SearchCollection.hit_flags``)


@dataclass(frozen=True)
class FederatedResult:
    total: int
    hits: list[FoundHit]
    counts: dict[str, int]  # every searched collection, also those without hits
    suggestion: str = ""  # a spelling that the index knows, when the query's words are unknown
    collections: tuple[str, ...] = field(default_factory=tuple)


def searchable_text(text: str) -> bool:
    """Whether the text has anything to search for (letters or digits), e.g. not only punctuation."""
    return bool(re.search(r"\w", text))


def search_everywhere(
    text: str,
    viewer: Viewer,
    collections: Sequence[str] | None = None,
    *,
    page: int = 1,
    page_size: int = 20,
    mode: str = "lexical",
    language: str = "sv",
) -> FederatedResult:
    """Hits of ``collections`` (default: all) for ``text``, merged by score, with a count per collection.
    Records in the searcher's ``language`` weigh more (Swedish records first for a Swedish searcher)."""
    available = all_collections()
    names = [name for name in (collections or list(available)) if name in available]
    counts = dict.fromkeys(available, 0)
    if not searchable_text(text):
        return FederatedResult(0, [], counts, collections=tuple(names))
    depth = min(MAX_DEPTH, max(1, page) * page_size)
    ranked: list[tuple[float, int, str, Hit, bool]] = []
    for order, name in enumerate(available):
        pinned, result = _search_one(available[name], name, text, viewer, depth, mode)
        counts[name] = result.total
        if name not in names:
            continue
        for hit in result.hits:
            boost = LANGUAGE_BOOST if hit.language == language and hit.score > 0 else 1.0
            score = PINNED_SCORE - pinned.index(hit.key) if hit.key in pinned else hit.score * boost
            ranked.append((score, order, name, hit, hit.key in pinned))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    offset = (max(1, page) - 1) * page_size
    window = ranked[offset : offset + page_size]
    infos, flags = _describe(available, window)
    hits = [
        FoundHit(name, hit, infos.get((name, hit.key), HitInfo()), is_pinned, flags.get((name, hit.key), ()))
        for _s, _o, name, hit, is_pinned in window
    ]
    total = sum(counts[name] for name in names)
    suggestion = spelling_suggestion(text, viewer, list(available))
    return FederatedResult(total, hits, counts, suggestion, tuple(names))


def _search_one(
    collection: SearchCollection, name: str, text: str, viewer: Viewer, depth: int, mode: str
) -> tuple[list[str], SearchResult]:
    query = SearchQuery(name, text, viewer=viewer, page=1, page_size=depth, mode=mode)
    pinned = [key for key in collection.pinned_keys(text, viewer) if key]
    result = service.search(query)
    if not pinned:
        return [], result
    found = {hit.key for hit in result.hits}
    missing = [key for key in pinned if key not in found]
    extra = service.hits_for_keys(name, missing, viewer, text) if missing else []
    hits = [*extra, *result.hits]
    return pinned, replace(result, hits=hits, total=result.total + len(extra))


def _describe(
    available: dict[str, SearchCollection], window: Sequence[tuple[float, int, str, Hit, bool]]
) -> tuple[dict[tuple[str, str], HitInfo], dict[tuple[str, str], tuple[str, ...]]]:
    keys: dict[str, list[str]] = {}
    for _score, _order, name, hit, _pinned in window:
        keys.setdefault(name, []).append(hit.key)
    infos: dict[tuple[str, str], HitInfo] = {}
    flags: dict[tuple[str, str], tuple[str, ...]] = {}
    for name, wanted in keys.items():
        for key, info in available[name].describe(wanted).items():
            infos[(name, key)] = info
        for key, found in available[name].hit_flags(wanted).items():
            flags[(name, key)] = tuple(found)
    return infos, flags
