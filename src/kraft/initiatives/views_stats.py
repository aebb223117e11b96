"""The statistics page: counts by area, technique, stage, county and over time, with charts and tables."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kraft.initiatives import charts, filters, selectors, stats, stats_measures

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


def _choice(request: HttpRequest, name: str, allowed: dict[str, Any], default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in allowed else default


def _measure_text(measure: str, value: float) -> str:
    if measure.startswith("value") or measure == "cost":
        return charts.Datum("", value).text + "\u00a0kr"
    if measure.startswith("hours"):
        return charts.Datum("", round(value)).text + "\u00a0h"
    return charts.Datum("", value).text


def _measure_sections(queryset: Any, measure: str) -> list[dict[str, Any]]:
    """Per dimension: a chart of the chosen measure and a table of every measure."""
    english = (get_language() or "sv").startswith("en")
    sections = []
    for dimension, name in stats_measures.DIMENSIONS.items():
        groups = stats_measures.by_dimension(queryset, dimension)
        title = _("%(measure)s per %(dimension)s") % {"measure": stats_measures.MEASURES[measure], "dimension": name}
        data = [
            charts.Datum(
                _("Ej angivet") if g.label == "–" else ((g.label_en if english else "") or g.label),
                float(g.figures[measure]),
                _measure_text(measure, float(g.figures[measure])),
            )
            for g in groups
        ]
        rows = [
            {"label": d.label, "cells": [_measure_text(m, float(g.figures[m])) for m in stats_measures.MEASURES]}
            for d, g in zip(data, groups, strict=True)
        ]
        sections.append(
            {
                "id": f"by-{dimension}",
                "title": title,
                "svg": charts.bar_chart(data, title=title, chart_id=f"chart-by-{dimension}") if data else "",
                "rows": rows,
            }
        )
    return sections


def statistics_view(request: HttpRequest) -> HttpResponse:
    queryset = stats.scoped(selectors.visible_initiatives(request.user), request.GET)
    who = _choice(request, "omfang", stats_measures.SCOPES, "all")
    queryset = stats_measures.scope_filter(queryset, who, request.user)
    measure = _choice(request, "matt", stats_measures.MEASURES, "count")
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
        "measure": measure,
        "measures": list(stats_measures.MEASURES.items()),
        "who": who,
        "whos": list(stats_measures.SCOPES.items()) if request.user.is_authenticated else [],
        "sections": _measure_sections(queryset, measure),
    }
    return render(request, "initiatives/statistics.html", context)
