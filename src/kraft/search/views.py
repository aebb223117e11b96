"""The search page: one box over initiatives, organisations and knowledge, showing only what the person may see."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from kraft.search import service
from kraft.search.collections import collection_paths, get_collection
from kraft.search.documents import SearchQuery

LABELS = {"initiatives": _("AI-initiativ"), "organisations": _("Organisationer"), "passages": _("Kunskap")}
DETAIL_URLS = {"initiatives": "initiatives:detail", "organisations": "organisations:detail"}
PAGE_SIZE = 20


def hit_url(collection: str, key: str) -> str:
    found = get_collection(collection)
    url_for_key = getattr(found, "url_for_key", None)
    if callable(url_for_key):
        return str(url_for_key(key) or "")
    try:
        return reverse(DETAIL_URLS[collection], args=[key]) if collection in DETAIL_URLS else ""
    except NoReverseMatch:
        return ""


def search_page(request: HttpRequest) -> HttpResponse:
    collections = [(name, LABELS.get(name, name)) for name in collection_paths()]
    text = request.GET.get("q", "").strip()[:500]
    collection = request.GET.get("samling", "initiatives")
    if collection not in dict(collections):
        collection = collections[0][0] if collections else "initiatives"
    try:
        page_number = max(1, min(int(request.GET.get("page", "1")), 1000))
    except ValueError:
        page_number = 1
    context: dict[str, Any] = {"q": text, "collection": collection, "collections": collections}
    if text:
        query = SearchQuery(
            collection,
            text,
            viewer=service.viewer_for(request.user),
            page=page_number,
            page_size=PAGE_SIZE,
            pin_cited=True,
        )
        result = service.search(query)
        # A Paginator over the total gives the shared pagination include its page object.
        page_obj = Paginator(range(result.total), PAGE_SIZE).get_page(page_number)
        found = get_collection(collection)
        flags = found.hit_flags([hit.key for hit in result.hits]) if found is not None else {}
        hits = [
            {"hit": hit, "url": hit_url(collection, hit.key), "flags": flags.get(hit.key, ())} for hit in result.hits
        ]
        context.update(result=result, hits=hits, page_obj=page_obj)
    return render(request, "search/search.html", context)
