"""Figures of the needs map and statistics page, from public needs only."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from kraft.needs import selectors
from kraft.needs.models import Need, Signal


@dataclass
class CountyFigure:
    code: str
    name: str
    needs: int
    signals: int


def by_county(needs: QuerySet[Need]) -> dict[str, dict[str, int]]:
    rows = needs.values("organisation__county__code").annotate(
        n=Count("pk", distinct=True), s=Count("signals", filter=~Q(signals__kind=Signal.Kind.FOLLOW))
    )
    return {
        r["organisation__county__code"]: {"needs": r["n"], "signals": r["s"]}
        for r in rows
        if r["organisation__county__code"]
    }


def by_area(needs: QuerySet[Need]) -> list[tuple[str, int]]:
    rows = needs.values("welfare_area__name", "welfare_area__name_en").annotate(n=Count("pk")).order_by("-n")
    from django.utils.translation import get_language

    english = (get_language() or "sv").startswith("en")
    return [
        (
            (r["welfare_area__name_en"] if english and r["welfare_area__name_en"] else r["welfare_area__name"]) or "–",
            r["n"],
        )
        for r in rows
    ]


def by_status(needs: QuerySet[Need]) -> list[tuple[str, int]]:
    counts = dict(needs.values_list("status").annotate(n=Count("pk")))
    return [(str(label), counts.get(value, 0)) for value, label in Need.Status.choices if value != Need.Status.DRAFT]


def coalition_figures() -> dict[str, Any]:
    """Coalitions formed and the days from a need's opening to its first coalition (median)."""
    try:
        from kraft.coalitions import selectors as coalitions
    except ImportError:  # pragma: no cover
        return {"formed": 0, "median_days": None, "with_initiative": 0}
    durations = [d for d in coalitions.days_from_need_to_coalition() if d is not None]
    return {
        "formed": coalitions.public_coalitions().count(),
        "with_initiative": coalitions.public_coalitions().filter(initiative__isnull=False).count(),
        "median_days": round(statistics.median(durations), 1) if durations else None,
    }


def summary() -> dict[str, Any]:
    needs = selectors.public_needs()
    return {
        "needs": needs.count(),
        "signals": Signal.objects.filter(need__in=needs).exclude(kind=Signal.Kind.FOLLOW).count(),
        "organisations_signalling": Signal.objects.filter(need__in=needs).values("organisation").distinct().count(),
        "by_area": by_area(needs),
        "by_status": by_status(needs),
        "coalitions": coalition_figures(),
    }
