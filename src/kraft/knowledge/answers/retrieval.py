"""Retrieval for answers: the search port, restricted to what the asker may see, then the passages themselves.

Every hit is loaded again through the knowledge selectors, so a passage the asker may not see can never reach an
answer even if an index entry were stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings

from kraft.knowledge.answers.query import Query
from kraft.knowledge.answers.rank import Candidate
from kraft.knowledge.search import COLLECTION
from kraft.knowledge.selectors import passages_by_ids
from kraft.search import service as search_service
from kraft.search.documents import Hit, SearchQuery, Viewer

RETRIEVE = 20
RETRIEVE_HINTED = 10  # more passages from the statutes the question points at


def search_mode() -> str:
    return "hybrid" if "default" in (getattr(settings, "EMBEDDERS", {}) or {}) else "lexical"


def retrieve(
    user: Any, query: Query, *, limit: int = RETRIEVE, library_ids: Iterable[int] | None = None
) -> list[Candidate]:
    filters: dict[str, tuple[str, ...]] = {}
    if library_ids is not None:
        filters["library"] = tuple(str(pk) for pk in library_ids)
    viewer = search_service.viewer_for(user)
    hits: dict[str, tuple[float, bool]] = {}  # key → (score, hinted), in rank order
    for hit in _search(query.retrieval_text(), viewer, filters, limit):
        hits[hit.key] = (hit.score, False)
    if query.statutes:
        hinted_filters = {**filters, "sfs": tuple(query.statutes)}
        for hit in _search(query.retrieval_text(), viewer, hinted_filters, RETRIEVE_HINTED):
            hits[hit.key] = (max(hit.score, hits.get(hit.key, (0.0, True))[0]), True)
    passages = passages_by_ids(user, [int(key) for key in hits if key.isdigit()])
    candidates = []
    for key, (score, hinted) in hits.items():
        passage = passages.get(int(key)) if key.isdigit() else None
        if passage is None:
            continue
        candidates.append(
            Candidate(
                key=str(passage.pk),
                text=passage.text,
                score=score,
                title=" ".join(part for part in (passage.heading, passage.document.title) if part),
                demoted=passage.document.repealed,
                hinted=hinted,
                payload=passage,
            )
        )
    return candidates


def _search(text: str, viewer: Viewer, filters: dict[str, tuple[str, ...]], limit: int) -> list[Hit]:
    query = SearchQuery(
        collection=COLLECTION,
        text=text,
        viewer=viewer,
        filters=filters,
        page_size=limit,
        mode=search_mode(),
        snippets=False,
    )
    return search_service.search(query).hits
