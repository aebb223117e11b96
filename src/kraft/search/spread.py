"""In how many documents of a collection each indexed term occurs.

A word most statutes use (*beslut*, *först*) says little about which statute a question is about; a word few use
(*turordning*) says much. Passage-level IDF cannot tell the two apart when both are in a few hundred paragraphs:
the one is spread over every statute, the other gathered in one. Callers weigh query terms by this spread
(``kraft.knowledge.answers.topicality``).

Read from the index's own analysed text (the terms the search matches), public Swedish entries only, grouped by an
attribute (``document``); kept per process until those entries change (their number or latest update), as the
statutes' citation vocabulary is (``kraft.knowledge.citations.library_vocabulary``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max

from kraft.search.documents import PUBLIC
from kraft.search.models import SearchEntry


@dataclass(frozen=True)
class TermSpread:
    groups: int  # how many groups (documents) the entries form
    counts: dict[str, int]  # term → in how many of them it occurs


_cache: dict[tuple[str, str, str, str], tuple[Any, TermSpread]] = {}


def term_spread(collection: str, kind: str, attribute: str = "document", database: str = "default") -> TermSpread:
    entries = SearchEntry.objects.using(database).filter(
        collection=collection, kind=kind, visibility=PUBLIC, language="sv"
    )
    version = tuple(entries.aggregate(n=Count("pk"), changed=Max("updated_at")).values())
    key = (database, collection, kind, attribute)
    cached = _cache.get(key)
    if cached is None or cached[0] != version:
        cached = (version, _count(entries, attribute))
        _cache[key] = cached
    return cached[1]


def _count(entries: Any, attribute: str) -> TermSpread:
    groups: dict[str, set[str]] = {}
    rows = entries.values_list("attributes", "analysed_title", "analysed_body", "analysed_extra")
    for attributes, *texts in rows.iterator(chunk_size=2000):
        values = (attributes or {}).get(attribute) or [""]
        terms = groups.setdefault(str(values[0]), set())
        for text in texts:
            terms.update(text.split())
    counts: dict[str, int] = {}
    for terms in groups.values():
        for term in terms:
            counts[term] = counts.get(term, 0) + 1
    return TermSpread(groups=len(groups), counts=counts)
