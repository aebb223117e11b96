"""The search page: one box over every collection, grouped with counts, showing only what the person may see."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kraft.search import federation, service
from kraft.search.collections import collection_paths
from kraft.search.labels import collection_label

ALL = "alla"
PAGE_SIZE = 20
MAX_QUERY = 500


def _page_number(raw: str | None) -> int:
    try:
        return max(1, min(int(raw or "1"), federation.MAX_DEPTH // PAGE_SIZE))
    except ValueError:
        return 1


def _groups(hits: list[federation.FoundHit], counts: dict[str, int]) -> list[dict[str, Any]]:
    """The page's hits grouped by collection, groups in the order of their best hit."""
    groups: dict[str, list[federation.FoundHit]] = {}
    for found in hits:
        groups.setdefault(found.collection, []).append(found)
    return [
        {"name": name, "label": collection_label(name), "hits": found, "count": counts.get(name, 0)}
        for name, found in groups.items()
    ]


def search_page(request: HttpRequest) -> HttpResponse:
    names = list(collection_paths())
    text = request.GET.get("q", "").strip()
    collection = request.GET.get("samling", "") or ALL
    context: dict[str, Any] = {"q": text[:MAX_QUERY], "collection": collection, "all": ALL}
    errors = []
    if collection != ALL and collection not in names:
        errors.append(
            _("Det finns ingen samling som heter ”%(name)s”. Sökningen gäller alla samlingar.")
            % {"name": collection[:60]}
        )
        collection = context["collection"] = ALL
    if len(text) > MAX_QUERY:
        errors.append(_("Söktexten var längre än %(max)s tecken och har kortats.") % {"max": MAX_QUERY})
    if text and not federation.searchable_text(text):
        errors.append(_("Skriv minst ett ord eller en siffra att söka efter."))
    context["errors"] = errors
    context["collections"] = [(name, collection_label(name)) for name in names]
    page_number = _page_number(request.GET.get("page"))
    if context["q"]:
        result = federation.search_everywhere(
            context["q"],
            service.viewer_for(request.user),
            None if collection == ALL else [collection],
            page=page_number,
            page_size=PAGE_SIZE,
            language=getattr(request, "LANGUAGE_CODE", "sv")[:2],
        )
        shown = min(result.total, federation.MAX_DEPTH)
        context.update(
            result=result,
            groups=_groups(result.hits, result.counts),
            counts=[(name, collection_label(name), result.counts.get(name, 0)) for name in names],
            all_count=sum(result.counts.values()),
            page_obj=Paginator(range(shown), PAGE_SIZE).get_page(page_number),
            elsewhere=[
                (name, collection_label(name), count)
                for name, count in result.counts.items()
                if count and name != collection and collection != ALL
            ],
        )
    status = 400 if errors and not context["q"] else 200
    return render(request, "search/search.html", context, status=status)
