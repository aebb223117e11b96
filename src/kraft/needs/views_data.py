"""The needs map, statistics and open data (CSV, JSON, DCAT-AP). Public needs only, whoever asks."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from kraft.initiatives import charts, maps
from kraft.needs import opendata, selectors, stats
from kraft.needs.models import Need


def map_view(request: HttpRequest) -> HttpResponse:
    filters = selectors.NeedFilters.from_query(request.GET)
    needs = selectors.filter_needs(selectors.public_needs(), filters)
    counts = stats.by_county(needs)
    areas = []
    for shape in maps.county_shapes():
        figure = counts.get(shape.code, {"needs": 0, "signals": 0})
        areas.append(
            {
                "code": shape.code,
                "name": shape.name,
                "path": shape.path,
                "needs": figure["needs"],
                "signals": figure["signals"],
                "fill": maps.colour(figure["needs"]),
                "url": f"{reverse('needs:list')}?county={shape.code}",
            }
        )
    from kraft.initiatives.models import WelfareArea

    return render(
        request,
        "needs/map.html",
        {
            "areas": areas,
            "view_box": maps.view_box(),
            "filters": filters,
            "welfare_areas": WelfareArea.objects.all(),
            "statuses": [c for c in Need.Status.choices if c[0] != Need.Status.DRAFT],
            "legend": [(low, high, fill) for low, high, fill in maps.BUCKETS],
        },
    )


def statistics_view(request: HttpRequest) -> HttpResponse:
    figures = stats.summary()
    area_chart = charts.bar_chart(
        [charts.Datum(label, value) for label, value in figures["by_area"]],
        title=str(_chart_title()),
        chart_id="needs-by-area",
    )
    return render(request, "needs/statistics.html", {"figures": figures, "area_chart": area_chart})


def _chart_title() -> str:
    from django.utils.translation import gettext as _

    return _("Publika behov per verksamhetsområde")


def export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    data = opendata.rows()
    if fmt == "csv":
        return opendata.csv_response(data)
    if fmt == "json":
        return opendata.json_response(data)
    raise Http404


def dcat_view(request: HttpRequest) -> HttpResponse:
    base = str(getattr(settings, "SITE_URL", "")).rstrip("/")
    body = json.dumps(
        {
            "@context": {
                "dcat": "http://www.w3.org/ns/dcat#",
                "dct": "http://purl.org/dc/terms/",
                "foaf": "http://xmlns.com/foaf/0.1/",
                "xsd": "http://www.w3.org/2001/XMLSchema#",
            },
            "@id": f"{base}/behov/dcat.jsonld",
            "@type": "dcat:Catalog",
            "dct:title": [{"@value": "Kraft – gemensamma behov", "@language": "sv"}],
            "dcat:dataset": opendata.dcat_datasets(base),
        },
        ensure_ascii=False,
        indent=1,
    )
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")
