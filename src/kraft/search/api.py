"""``GET /api/v1/search/``: one search across the registry's collections, with what the caller may see."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kraft.core.api import OPTIONAL_AUTH, ErrorOut, user_of
from kraft.search import service
from kraft.search.collections import collection_paths, get_collection
from kraft.search.documents import SearchQuery

router = Router(tags=["Sök"])


class SearchFilters(Schema):
    q: str = Field("", max_length=500, description="Söktext; svensk analys (böjningar, sammansättningar, 2 kap. 1 §).")
    collection: str = Field("initiatives", description="Samling: initiatives, organisations eller passages.")
    mode: str = Field("lexical", pattern="^(lexical|dense|hybrid)$")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1)


class HitOut(Schema):
    key: str
    title: str
    snippet: str = Field(description="HTML: escaped text with <mark> around matched words.")
    score: float
    flags: list[str] = Field(
        default_factory=list, description="Markeringar som träffen ska visas med, t.ex. repealed (upphävd lag)."
    )


class SearchOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[HitOut]


@router.get("/", response={200: SearchOut, 400: ErrorOut}, auth=OPTIONAL_AUTH, summary="Sök")
def search(request: HttpRequest, filters: Query[SearchFilters]) -> dict[str, Any]:
    if filters.collection not in collection_paths():
        raise HttpError(400, f"Okänd samling: {filters.collection}")
    if filters.page_size > settings.API_PAGE_SIZE_MAX:
        raise HttpError(400, f"page_size måste vara mellan 1 och {settings.API_PAGE_SIZE_MAX}.")
    query = SearchQuery(
        collection=filters.collection,
        text=filters.q,
        viewer=service.viewer_for(user_of(request)),
        page=filters.page,
        page_size=filters.page_size,
        mode=filters.mode,
        pin_cited=True,
    )
    result = service.search(query)
    found = get_collection(filters.collection)
    flags = found.hit_flags([h.key for h in result.hits]) if found is not None else {}
    return {
        "count": result.total,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": max(1, -(-result.total // filters.page_size)),
        "results": [
            {"key": h.key, "title": h.title, "snippet": h.snippet, "score": h.score, "flags": [*flags.get(h.key, ())]}
            for h in result.hits
        ],
    }
