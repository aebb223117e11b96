"""``GET /api/v1/search/``: one search across every collection, with what the caller may see.

Without ``collection`` every collection in ``SEARCH_COLLECTIONS`` is searched and the hits are ranked together;
``collections`` gives the count of each (the per-collection filter). A statute citation (*2 kap. 12 § TF*) puts
that paragraph first. Unknown parameters, an unknown collection and out-of-range pages are a 400 with a message.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kraft.core.api import OPTIONAL_AUTH, ErrorOut, user_of
from kraft.search import federation, service
from kraft.search.collections import collection_paths
from kraft.search.labels import collection_label

router = Router(tags=["Sök"])
MAX_QUERY = 500


class SearchFilters(Schema):
    q: str = Field(
        "", description="Söktext; svensk analys (böjningar, sammansättningar, stavningsvarianter, 2 kap. 1 § TF)."
    )
    collection: str = Field("", description="En samling (initiatives, organisations, passages …); tom: alla.")
    mode: str = Field("lexical", pattern="^(lexical|dense|hybrid)$")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1)


class HitOut(Schema):
    collection: str
    key: str
    title: str
    snippet: str = Field(description="HTML: escaped text with <mark> around matched words.")
    score: float
    url: str = Field(description="The page that opens the hit; a passage opens highlighted in its document.")
    organisation: str = Field(description="The organisation the hit belongs to (a passage: its library's).")
    context: str = Field(description="Where the hit sits: the document of a passage, the stage of an initiative …")
    pinned: bool = Field(description="Named exactly by the query (a citation), so shown first.")
    flags: list[str] = Field(
        default_factory=list, description="Markeringar som träffen ska visas med, t.ex. repealed (upphävd lag)."
    )


class CollectionCount(Schema):
    name: str
    label: str
    count: int


class SearchOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    collections: list[CollectionCount]
    suggestion: str = Field(description="A spelling the index knows, when nothing matched; otherwise empty.")
    results: list[HitOut]


def _check(request: HttpRequest, filters: SearchFilters) -> None:
    unknown = sorted(set(request.GET) - set(SearchFilters.model_fields))
    if unknown:
        allowed = ", ".join(SearchFilters.model_fields)
        raise HttpError(400, f"Okänd parameter: {', '.join(unknown)}. Tillåtna: {allowed}.")
    if filters.collection and filters.collection not in collection_paths():
        raise HttpError(400, f"Okänd samling: {filters.collection}. Välj bland: {', '.join(collection_paths())}.")
    if filters.page_size > settings.API_PAGE_SIZE_MAX:
        raise HttpError(400, f"page_size måste vara mellan 1 och {settings.API_PAGE_SIZE_MAX}.")
    if len(filters.q) > MAX_QUERY:
        raise HttpError(400, f"Söktexten får vara högst {MAX_QUERY} tecken.")
    if filters.page * filters.page_size > federation.MAX_DEPTH:
        raise HttpError(400, f"Bara de {federation.MAX_DEPTH} bästa träffarna visas; välj en lägre sida.")


@router.get("/", response={200: SearchOut, 400: ErrorOut}, auth=OPTIONAL_AUTH, summary="Sök")
def search(request: HttpRequest, filters: Query[SearchFilters]) -> dict[str, Any]:
    _check(request, filters)
    result = federation.search_everywhere(
        filters.q,
        service.viewer_for(user_of(request)),
        [filters.collection] if filters.collection else None,
        page=filters.page,
        page_size=filters.page_size,
        mode=filters.mode,
        language=getattr(request, "LANGUAGE_CODE", "sv")[:2],
    )
    return {
        "count": result.total,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": max(1, -(-result.total // filters.page_size)),
        "collections": [
            {"name": name, "label": str(collection_label(name)), "count": count}
            for name, count in result.counts.items()
        ],
        "suggestion": result.suggestion,
        "results": [
            {
                "collection": found.collection,
                "key": found.hit.key,
                "title": found.hit.title,
                "snippet": found.hit.snippet,
                "score": found.hit.score,
                "url": found.info.url,
                "organisation": found.info.organisation,
                "context": found.info.context,
                "pinned": found.pinned,
                "flags": list(found.flags),
            }
            for found in result.hits
        ],
    }
