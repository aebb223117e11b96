"""Statistics people want: value, hours and kronor – expected and measured – by area, county, organisation kind
and start year, for everything or for the person's own organisation or county.

One pass over the effects of the initiatives in scope (each effect's kronor per year from ``roi`` – the one
computation – and its hours per year: hours × people × periods for effects counted in hours).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kraft.initiatives import roi
from kraft.initiatives.models import Effect, Initiative, WelfareArea
from kraft.organisations.models import County, Organisation

DIMENSIONS = {
    "area": _("verksamhetsområde"),
    "county": _("län"),
    "organisation_kind": _("typ av organisation"),
    "year": _("startår"),
}
MEASURES = {
    "count": _("Antal initiativ"),
    "value_expected": _("Förväntat värde, kr per år"),
    "value_measured": _("Uppmätt värde, kr per år"),
    "hours_expected": _("Förväntade timmar per år"),
    "hours_measured": _("Uppmätta timmar per år"),
    "cost": _("Total kostnad, kr"),
}
SCOPES = {"all": _("Alla"), "organisation": _("Min organisation"), "county": _("Mitt län")}


@dataclass
class Group:
    key: str
    label: str
    label_en: str = ""
    figures: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(MEASURES, Decimal(0)))


def _group_key(initiative: Initiative, dimension: str) -> str:
    lead = initiative.lead_organisation
    if dimension == "area":
        return initiative.welfare_area.slug if initiative.welfare_area_id else ""  # type: ignore[union-attr]
    if dimension == "county":
        return lead.county.code if lead and lead.county_id else ""  # type: ignore[union-attr]
    if dimension == "organisation_kind":
        return lead.kind if lead else ""
    return str(initiative.start_date.year) if initiative.start_date else ""


def _labels(dimension: str) -> list[tuple[str, str, str]]:
    if dimension == "area":
        return [(a.slug, a.name, a.name_en) for a in WelfareArea.objects.all()]
    if dimension == "county":
        return [(c.code, c.name, c.name) for c in County.objects.order_by("code")]
    if dimension == "organisation_kind":
        return [(value, str(label), "") for value, label in Organisation.Kind.choices]
    return []


def by_dimension(queryset: QuerySet[Initiative], dimension: str) -> list[Group]:
    """One group per value of the dimension (also empty ones, so that the categories stay put), then "not given"."""
    initiatives = {
        i.pk: i
        for i in queryset.select_related("welfare_area", "lead_organisation__county").only(
            "pk", "start_date", "total_cost", "welfare_area__slug", "lead_organisation__kind",
            "lead_organisation__county__code",
        )
    }  # fmt: skip
    groups: dict[str, Group] = {key: Group(key, label, en) for key, label, en in _labels(dimension)}
    keys = {pk: _group_key(i, dimension) for pk, i in initiatives.items()}
    if dimension == "year" and keys:
        years = sorted({int(k) for k in keys.values() if k})
        groups = {str(y): Group(str(y), str(y)) for y in range(years[0], years[-1] + 1)} if years else {}
    unset = Group("", "–")
    for pk, initiative in initiatives.items():
        group = groups.get(keys[pk]) or unset
        group.figures["count"] += 1
        group.figures["cost"] += initiative.total_cost or 0
    effects = Effect.objects.filter(initiative_id__in=list(initiatives)).only(
        "initiative_id", "unit", "basis", "hours", "people", "periods_per_year", "hourly_cost", "amount", "count",
        "value_per_unit", "percent", "base_amount",
    )  # fmt: skip
    for effect in effects.iterator(chunk_size=2000):
        group = groups.get(keys[effect.initiative_id]) or unset
        basis = "measured" if effect.basis == Effect.Basis.MEASURED else "expected"
        group.figures[f"value_{basis}"] += roi.effect_annual_value(effect)
        if effect.unit == roi.UNIT_HOURS:
            hours = (effect.hours or 0) * (effect.people or 0) * (effect.periods_per_year or 0)
            group.figures[f"hours_{basis}"] += Decimal(hours)
    result = list(groups.values())
    if unset.figures["count"]:
        result.append(unset)
    return result


def scope_filter(queryset: QuerySet[Initiative], scope: str, user: Any) -> QuerySet[Initiative]:
    """``organisation``: initiatives the person's organisations lead or take part in; ``county``: those led in the
    counties of the person's organisations; anything else: everything in view."""
    from kraft.accounts import permissions

    organisations = list(permissions.member_organisation_ids(user)) if getattr(user, "is_authenticated", False) else []
    if scope == "organisation" and organisations:
        partnered = Initiative.partners.through.objects.filter(organisation_id__in=organisations)
        return queryset.filter(Q(lead_organisation_id__in=organisations) | Q(pk__in=partnered.values("initiative_id")))
    if scope == "county" and organisations:
        counties = Organisation.objects.filter(pk__in=organisations).values("county_id")
        return queryset.filter(lead_organisation__county_id__in=counties)
    return queryset
