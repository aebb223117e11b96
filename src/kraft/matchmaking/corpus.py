"""What the pages match against: public needs and published initiatives, as one engine per data version.

Nothing private enters: drafts, needs shown only to signed-in people and unpublished initiatives are left out, so
no suggestion can reveal them. The engine is rebuilt when the data changes; each record's analysed terms are
kept by content, so a rebuild only analyses what changed.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet

from kraft.initiatives.models import Initiative
from kraft.matchmaking import text as analysis
from kraft.matchmaking.engine import EngineOptions, Item, SimilarityEngine, item_terms
from kraft.needs.models import Need
from kraft.needs.selectors import public_needs

NEED, INITIATIVE = "need", "initiative"
_lock = threading.Lock()
_engine: tuple[tuple[Any, ...], SimilarityEngine] | None = None
_terms: dict[tuple[str, str], Counter[str]] = {}


def candidate_needs() -> QuerySet[Need]:
    return public_needs().exclude(status=Need.Status.CLOSED)


def candidate_initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.filter(status=Initiative.Status.PUBLISHED)


def need_text(need: Need) -> str:
    return "\n".join(p for p in (need.title, need.problem, need.desired_outcome, need.target_group) if p)


def initiative_text(initiative: Initiative) -> str:
    parts = (initiative.title, initiative.summary, initiative.description, initiative.problem, initiative.product)
    return "\n".join(p for p in parts if p)


def key_of(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def parse_key(key: str) -> tuple[str, int]:
    kind, _, pk = key.partition(":")
    return kind, int(pk)


def _version() -> tuple[Any, ...]:
    needs = candidate_needs().aggregate(n=Count("pk"), at=Max("updated_at"), top=Max("pk"))
    initiatives = candidate_initiatives().aggregate(n=Count("pk"), at=Max("updated_at"), top=Max("pk"))
    return (needs["n"], needs["at"], needs["top"], initiatives["n"], initiatives["at"], initiatives["top"])


def _items() -> list[Item]:
    items = [
        Item(key_of(NEED, pk), need_text(Need(title=t, problem=p, desired_outcome=d, target_group=g)), "sv")
        for pk, t, p, d, g in candidate_needs().values_list("pk", "title", "problem", "desired_outcome", "target_group")
    ]
    fields = ("pk", "title", "summary", "description", "problem", "product", "country")
    for pk, title, summary, description, problem, product, country in candidate_initiatives().values_list(*fields):
        text = "\n".join(p for p in (title, summary, description, problem, product) if p)
        items.append(Item(key_of(INITIATIVE, pk), text, analysis.language_of_country(country)))
    return items


def _analysed(item: Item) -> Counter[str]:
    digest = hashlib.sha1(f"{item.language}\n{item.text}".encode()).hexdigest()  # noqa: S324 - a cache key
    found = _terms.get((item.key, digest))
    if found is None:
        found = item_terms(item)
        _terms[(item.key, digest)] = found
    return found


def _dense_ranker() -> Any:
    """Dense rankings from the search port (public documents only), when an embedder is configured."""
    from kraft.search import service
    from kraft.search.documents import SearchQuery, Viewer
    from kraft.search.embedders import get_embedder

    if get_embedder() is None:
        return None

    def rank(text: str, depth: int) -> list[tuple[str, float]]:
        found: list[tuple[str, float]] = []
        for collection, kind in (("needs", NEED), ("initiatives", INITIATIVE)):
            query = SearchQuery(collection, text, viewer=Viewer(), page_size=depth, mode="dense", snippets=False)
            found += [(key_of(kind, int(hit.key)), hit.score) for hit in service.search(query).hits]
        return sorted(found, key=lambda pair: -pair[1])[:depth]  # one embedder, so cosines compare across both

    return rank


def engine() -> SimilarityEngine:
    """The engine over today's public records (rebuilt when they change)."""
    global _engine
    version = _version()
    with _lock:
        if _engine is None or _engine[0] != version:
            items = _items()
            live = {item.key for item in items}
            for stale in [k for k in _terms if k[0] not in live]:
                del _terms[stale]
            _engine = (
                version,
                SimilarityEngine(items, dense=_dense_ranker(), options=EngineOptions(), analysed=_analysed),
            )
        return _engine[1]


def reset() -> None:
    global _engine
    with _lock:
        _engine = None
        _terms.clear()


@dataclass(frozen=True)
class Query:
    text: str
    language: str
    exclude: tuple[str, ...] = ()
