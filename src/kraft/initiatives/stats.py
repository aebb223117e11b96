"""Figures for the statistics page and ``GET /api/v1/initiatives/statistics``: one function, two renderings.

Counted: published initiatives (not supplier templates) that the asker may see, after the list's filters.
The measured annual value is the sum of ``roi.effect_annual_value`` over the measured effects (what
``roi.compute(...).annual_value_measured`` adds up per initiative); the other sums use the figures stored by the
services.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from kraft.initiatives import filters, maps, roi
from kraft.initiatives.models import Effect, Initiative, Technique, WelfareArea
from kraft.organisations.models import County

DEFAULT_COUNTRY = "se"


def scoped(queryset: QuerySet[Initiative], params: Any) -> QuerySet[Initiative]:
    """Swedish initiatives unless the person asks for another country scope (``country=international|all|NL``)."""
    wanted = filters.values(params, "country")
    if not wanted:
        params = _with(params, "country", DEFAULT_COUNTRY)
    elif wanted == ["all"]:
        params = _with(params, "country", None)
    return maps.published(filters.apply(queryset, params))


def _with(params: Any, name: str, value: str | None) -> dict[str, list[str]]:
    plain: dict[str, list[str]] = {}
    if hasattr(params, "lists"):
        plain = {k: list(v) for k, v in params.lists()}
    elif isinstance(params, Mapping):
        plain = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    plain.pop(name, None)
    if value is not None:
        plain[name] = [value]
    return plain


def _counts(queryset: QuerySet[Initiative], field: str) -> dict[Any, int]:
    return {row[field]: row["n"] for row in queryset.values(field).annotate(n=Count("pk")).order_by()}


def compute(queryset: QuerySet[Initiative]) -> dict[str, Any]:
    """Every figure, as plain values ready for JSON (Decimals as strings)."""
    total = queryset.count()
    evaluated_qs = queryset.filter(is_evaluated=True)
    evaluated = evaluated_qs.count()
    measured_effects = Effect.objects.filter(initiative__in=evaluated_qs.values("pk"), basis=Effect.Basis.MEASURED)
    measured = sum((roi.effect_annual_value(e) for e in measured_effects.iterator()), Decimal("0"))
    sums = queryset.aggregate(value=Sum("annual_value"), cost=Sum("total_cost"))
    by_area = _counts(queryset, "welfare_area_id")
    by_technique = _counts(queryset, "technique_id")
    by_stage = _counts(queryset, "stage")
    by_county = _counts(queryset, "lead_organisation__county__code")
    by_risk = _counts(queryset, "risk_class")
    return {
        "total": total,
        "evaluated": evaluated,
        "evaluated_share": round(evaluated / total, 4) if total else 0,
        "measured_annual_value": str(measured.quantize(roi.CENT)),
        "annual_value": str((sums["value"] or Decimal(0)).quantize(roi.CENT)),
        "total_cost": str((sums["cost"] or Decimal(0)).quantize(roi.CENT)),
        "by_area": [
            {"key": a.slug, "label": a.name, "label_en": a.name_en, "count": by_area.get(a.pk, 0)}
            for a in WelfareArea.objects.all()
        ]
        + _unset(by_area.get(None, 0)),
        "by_technique": [
            {"key": t.slug, "label": t.name, "label_en": t.name_en, "count": by_technique.get(t.pk, 0)}
            for t in Technique.objects.all()
        ]
        + _unset(by_technique.get(None, 0)),
        "by_stage": [
            {"key": value, "label": str(label), "count": by_stage.get(value, 0)}
            for value, label in Initiative.Stage.choices
        ],
        "by_county": [
            {"key": c.code, "label": c.name, "count": by_county.get(c.code, 0)} for c in County.objects.order_by("code")
        ]
        + _unset(by_county.get(None, 0)),
        "by_risk_class": [
            {"key": value, "label": str(label), "count": by_risk.get(value, 0)}
            for value, label in Initiative.RiskClass.choices
        ],
        "by_published_quarter": _by_quarter(queryset),
        "by_start_year": _by_start_year(queryset),
    }


def _unset(count: int) -> list[dict[str, Any]]:
    return [{"key": "", "label": "–", "count": count}] if count else []


def _by_quarter(queryset: QuerySet[Initiative]) -> list[dict[str, Any]]:
    rows = (
        queryset.exclude(published_at=None)
        .annotate(y=ExtractYear("published_at"), m=ExtractMonth("published_at"))
        .values("y", "m")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[int, int], int] = {}
    for row in rows:
        key = (row["y"], (row["m"] - 1) // 3 + 1)
        counts[key] = counts.get(key, 0) + row["n"]
    if not counts:
        return []
    (first_year, first_q), (last_year, last_q) = min(counts), max(counts)
    result = []
    year, quarter = first_year, first_q
    while (year, quarter) <= (last_year, last_q):  # every quarter in the range, also the empty ones
        result.append(
            {"key": f"{year}-Q{quarter}", "label": f"{year} K{quarter}", "count": counts.get((year, quarter), 0)}
        )
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    return result


def _by_start_year(queryset: QuerySet[Initiative]) -> list[dict[str, Any]]:
    rows = queryset.exclude(start_date=None).annotate(y=ExtractYear("start_date")).values("y").annotate(n=Count("pk"))
    counts = {row["y"]: row["n"] for row in rows.order_by()}
    if not counts:
        return []
    return [{"key": str(y), "label": str(y), "count": counts.get(y, 0)} for y in range(min(counts), max(counts) + 1)]


def statistics_for(user: Any, params: Any) -> dict[str, Any]:
    """What ``GET /api/v1/initiatives/statistics`` answers (call it from the API route with ``user_of(request)``)."""
    from kraft.initiatives import selectors

    data = compute(scoped(selectors.visible_initiatives(user), params))
    data["scope"] = {"country": filters.values(params, "country") or [DEFAULT_COUNTRY]}
    return data
