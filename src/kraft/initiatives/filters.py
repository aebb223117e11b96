"""The registry's filters, shared by the list page, the API, exports, the map and statistics.

Parameters (query-string names; each may repeat to mean "any of"):
``q`` (text), ``area`` and ``technique`` (slugs), ``stage``, ``county`` (two-digit län code), ``municipality``
(four-digit kommunkod; lead or partner organisation), ``organisation`` (id; lead or partner), ``organisation_kind``,
``risk_class``, ``evaluated`` and ``has_partners`` (``1``/``0``), ``country`` (``se``, ``international``, ``all`` or an
ISO code; the list page shows ``se`` unless asked otherwise), ``status``, ``record_type``; ``sort`` is one of ``SORTS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import F, Q, QuerySet

from kraft.initiatives.models import Initiative

FACETS = (
    "area",
    "technique",
    "stage",
    "county",
    "organisation_kind",
    "risk_class",
    "evaluated",
    "has_partners",
    "country",
    "record_type",
    "status",
)
OTHER_FILTERS = ("q", "municipality", "organisation")
SORTS = {
    "newest": (F("published_at").desc(nulls_last=True), "-created_at", "-pk"),
    "title": ("title", "pk"),
    "roi": (F("roi").desc(nulls_last=True), "-annual_value", "pk"),
    "value": ("-annual_value", "pk"),
}
TRUE = {"1", "true", "ja", "yes", "on"}
FALSE = {"0", "false", "nej", "no", "off"}
Partners = Initiative.partners.through


def values(params: Any, name: str) -> list[str]:
    """All non-empty values of a parameter (QueryDict, dict of lists or dict of strings)."""
    if params is None:
        return []
    if hasattr(params, "getlist"):
        raw = params.getlist(name)
    else:
        raw = params.get(name) if isinstance(params, Mapping) else getattr(params, name, None)
        raw = raw if isinstance(raw, list | tuple) else [raw]
    out: list[str] = []
    for value in raw:
        if value in (None, ""):
            continue
        # `?stage=pilot,i_drift` works as well as repeating the parameter; NUL bytes never reach the database
        for part in str(value).replace("\x00", "").split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def _boolean(queryset: QuerySet[Initiative], wanted: list[str], condition: Q) -> QuerySet[Initiative]:
    flags = {True for v in wanted if v.lower() in TRUE} | {False for v in wanted if v.lower() in FALSE}
    if flags == {True}:
        return queryset.filter(condition)
    if flags == {False}:
        return queryset.exclude(condition)
    return queryset


def _with_partner(**lookup: Any) -> Q:
    return Q(pk__in=Partners.objects.filter(**lookup).values("initiative_id"))


ALL_COUNTRIES = {"all", "alla"}


def _country(wanted: list[str]) -> Q:
    if any(value.lower() in ALL_COUNTRIES for value in wanted):
        return Q()
    condition = Q()
    for value in wanted:
        lowered = value.lower()
        if lowered in {"se", "sverige", "sweden"}:
            condition |= Q(country="SE")
        elif lowered in {"international", "int", "internationellt"}:
            condition |= ~Q(country="SE")
        else:
            condition |= Q(country=value.upper()[:2])
    return condition


def apply(queryset: QuerySet[Initiative], params: Any, *, skip: str | None = None) -> QuerySet[Initiative]:
    """Filter an already visibility-checked queryset. ``skip`` leaves one facet out (for that facet's counts)."""
    simple = {
        "area": "welfare_area__slug__in",
        "technique": "technique__slug__in",
        "stage": "stage__in",
        "county": "lead_organisation__county__code__in",
        "organisation_kind": "lead_organisation__kind__in",
        "risk_class": "risk_class__in",
        "record_type": "record_type__in",
        "status": "status__in",
    }
    for name, lookup in simple.items():
        wanted = values(params, name)
        if name != skip and wanted:
            queryset = queryset.filter(**{lookup: wanted})
    if skip != "evaluated":
        queryset = _boolean(queryset, values(params, "evaluated"), Q(is_evaluated=True))
    if skip != "has_partners":
        queryset = _boolean(queryset, values(params, "has_partners"), _with_partner())
    if skip != "country" and values(params, "country"):
        queryset = queryset.filter(_country(values(params, "country")))
    municipalities = values(params, "municipality")
    if municipalities:
        queryset = queryset.filter(
            Q(lead_organisation__municipality_code__in=municipalities)
            | _with_partner(organisation__municipality_code__in=municipalities)
        )
    organisations = [v for v in values(params, "organisation") if v.isdigit()]
    if organisations:
        queryset = queryset.filter(
            Q(lead_organisation_id__in=organisations) | _with_partner(organisation_id__in=organisations)
        )
    text = " ".join(values(params, "q"))[:200]
    if text:
        queryset = text_filter(queryset, text)
    return queryset


def text_filter(queryset: QuerySet[Initiative], text: str) -> QuerySet[Initiative]:
    """Full-text matching through the search port; plain substring matching only while the port is missing."""
    from kraft.initiatives.search import matching_keys

    keys = matching_keys(text)
    if keys is not None:
        return queryset.filter(pk__in=[int(k) for k in keys if k.isdigit()])
    condition = Q()
    for word in text.split():
        condition &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(problem__icontains=word)
            | Q(supplier__icontains=word)
            | Q(lead_organisation__name__icontains=word)
        )
    return queryset.filter(condition)


def order(queryset: QuerySet[Initiative], sort: str | None) -> QuerySet[Initiative]:
    return queryset.order_by(*SORTS.get(sort or "newest", SORTS["newest"]))
