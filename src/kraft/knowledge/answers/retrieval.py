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
from kraft.search.documents import SearchQuery

RETRIEVE = 20


def search_mode() -> str:
    return "hybrid" if "default" in (getattr(settings, "EMBEDDERS", {}) or {}) else "lexical"


def retrieve(
    user: Any, query: Query, *, limit: int = RETRIEVE, library_ids: Iterable[int] | None = None
) -> list[Candidate]:
    filters: dict[str, tuple[str, ...]] = {}
    if library_ids is not None:
        filters["library"] = tuple(str(pk) for pk in library_ids)
    result = search_service.search(
        SearchQuery(
            collection=COLLECTION,
            text=query.retrieval_text(),
            viewer=search_service.viewer_for(user),
            filters=filters,
            page_size=limit,
            mode=search_mode(),
            snippets=False,
        )
    )
    ids = [int(hit.key) for hit in result.hits if hit.key.isdigit()]
    passages = passages_by_ids(user, ids)
    candidates = []
    for hit in result.hits:
        passage = passages.get(int(hit.key)) if hit.key.isdigit() else None
        if passage is None:
            continue
        candidates.append(
            Candidate(
                key=str(passage.pk),
                text=passage.text,
                score=hit.score,
                title=" ".join(part for part in (passage.heading, passage.document.title) if part),
                demoted=passage.document.repealed,
                payload=passage,
            )
        )
    return candidates
