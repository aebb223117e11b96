"""The statistics page: counts by area, technique, stage, county and over time, with charts and tables."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kraft.initiatives import charts, filters, selectors, stats

SCOPES = (
    ("se", gettext_lazy("Sverige")),
    ("international", gettext_lazy("Internationellt")),
    ("all", gettext_lazy("Alla")),
)


def _label(item: dict[str, Any], english: bool) -> str:
    if item["label"] == "–":
        return _("Ej angivet")
    return str((item.get("label_en") if english else None) or item["label"])


def _quarter(key: str) -> str:
    year, quarter = key.split("-Q")
    return _("%(year)s K%(quarter)s") % {"year": year, "quarter": quarter}


def _chart(chart_id: str, title: str, items: list[dict[str, Any]], kind: str = "bar") -> dict[str, Any]:
    english = (get_language() or "sv").startswith("en")
    data = [
        charts.Datum(_quarter(i["key"]) if chart_id == "quarter" else _label(i, english), float(i["count"]))
        for i in items
    ]
    draw = charts.column_chart if kind == "column" else charts.bar_chart
    return {
        "id": chart_id,
        "title": title,
        "svg": draw(data, title=title, chart_id=f"chart-{chart_id}") if data else "",
        "rows": data,
        "total": sum(d.value for d in data),
    }


def statistics_view(request: HttpRequest) -> HttpResponse:
    queryset = stats.scoped(selectors.visible_initiatives(request.user), request.GET)
    figures = stats.compute(queryset)
    scope = (filters.values(request.GET, "country") or ["se"])[0]
    charts_ = [
        _chart("area", _("Initiativ per verksamhetsområde"), figures["by_area"]),
        _chart("technique", _("Initiativ per AI-teknik"), figures["by_technique"]),
        _chart("stage", _("Initiativ per fas"), figures["by_stage"]),
        _chart("risk", _("Initiativ per riskklass enligt AI-förordningen"), figures["by_risk_class"]),
        _chart("quarter", _("Publicerade initiativ per kvartal"), figures["by_published_quarter"], "column"),
        _chart("start", _("Initiativ per startår"), figures["by_start_year"], "column"),
    ]
    if scope == "se":
        charts_.insert(
            3, _chart("county", _("Initiativ per län (den ansvariga organisationens)"), figures["by_county"])
        )
    context = {
        "figures": figures,
        "evaluated_percent": Decimal(str(figures["evaluated_share"] * 100)).quantize(Decimal("0.1")),
        "charts": charts_,
        "scope": scope,
        "scopes": [{"key": k, "label": label, "current": k == scope} for k, label in SCOPES],
    }
    return render(request, "initiatives/statistics.html", context)
