"""Permission-checked reads of needs and signals, with related rows fetched in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from kraft.accounts import permissions
from kraft.needs.models import Need, NeedVersion, Signal
from kraft.organisations.models import Organisation

LISTED_STATUSES = (Need.Status.OPEN, Need.Status.FORMING, Need.Status.IN_PROGRESS, Need.Status.SOLVED)


def visible_needs(user: Any) -> QuerySet[Need]:
    """Public needs for everyone, members-only needs for anyone signed in, drafts for their organisation."""
    queryset = Need.objects.all()
    if permissions.is_staff(user):
        return queryset
    published = ~Q(status=Need.Status.DRAFT)
    if getattr(user, "is_authenticated", False):
        visible = published
    else:
        visible = published & Q(visibility=Need.Visibility.PUBLIC)
    own = permissions.member_organisation_ids(user)
    if own:
        visible |= Q(organisation_id__in=own)
    return queryset.filter(visible)


def public_needs() -> QuerySet[Need]:
    """What open data, the map and anonymous visitors see: published and public."""
    return Need.objects.exclude(status=Need.Status.DRAFT).filter(visibility=Need.Visibility.PUBLIC)


def with_related(queryset: QuerySet[Need]) -> QuerySet[Need]:
    return queryset.select_related("organisation__county", "welfare_area").annotate(
        signal_count=Count("signals", filter=~Q(signals__kind=Signal.Kind.FOLLOW), distinct=True),
        follower_count=Count("signals", filter=Q(signals__kind=Signal.Kind.FOLLOW), distinct=True),
    )


def get_need_for_user(user: Any, pk: Any) -> Need:
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    need = (
        visible_needs(user)
        .select_related("organisation__county", "welfare_area", "solved_by__lead_organisation")
        .prefetch_related(
            "initiatives",
            Prefetch(
                "signals",
                queryset=Signal.objects.select_related("organisation__county", "initiative").order_by("created_at"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if need is None:
        raise Http404
    return need


def versions_of(need: Need) -> QuerySet[NeedVersion]:
    return NeedVersion.objects.filter(need=need).select_related("created_by").order_by("-number")


@dataclass
class NeedFilters:
    area: str = ""
    county: str = ""
    status: str = ""
    organisation: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> NeedFilters:
        return cls(**{name: str(query.get(name) or "").strip()[:200] for name in cls.__dataclass_fields__})


def filter_needs(queryset: QuerySet[Need], filters: NeedFilters) -> QuerySet[Need]:
    if filters.area:
        queryset = queryset.filter(welfare_area__slug__in=filters.area.split(","))
    if filters.county:
        queryset = queryset.filter(organisation__county__code__in=filters.county.split(","))
    if filters.status:
        queryset = queryset.filter(status__in=filters.status.split(","))
    else:
        queryset = queryset.exclude(status=Need.Status.CLOSED)
    if filters.organisation.isdigit():
        queryset = queryset.filter(organisation_id=int(filters.organisation))
    if filters.q:
        queryset = _search(queryset, filters.q)
    return queryset


def _search(queryset: QuerySet[Need], text: str) -> QuerySet[Need]:
    """Swedish full-text search through the search port; visibility stays with the caller's queryset."""
    from kraft.needs.search import matching_keys

    keys = matching_keys(text)
    if keys is None:
        return queryset.filter(Q(title__icontains=text) | Q(problem__icontains=text))
    return queryset.filter(pk__in=[int(k) for k in keys])


def list_needs(user: Any, query: Mapping[str, Any]) -> QuerySet[Need]:
    return with_related(filter_needs(visible_needs(user), NeedFilters.from_query(query))).order_by(
        "-opened_at", "-updated_at"
    )


def needs_of_organisation(user: Any, organisation: Organisation) -> QuerySet[Need]:
    return with_related(visible_needs(user).filter(organisation=organisation)).order_by("-opened_at", "-updated_at")


def signals_of_organisation(user: Any, organisation: Organisation) -> QuerySet[Signal]:
    """The organisation's signals on needs the visitor may see (signals are public per organisation)."""
    return (
        Signal.objects.filter(organisation=organisation, need__in=visible_needs(user))
        .select_related("need__organisation")
        .order_by("-created_at")
    )


def followed_needs(user: Any) -> QuerySet[Need]:
    """Needs that the person's organisations follow or signalled on (for "Mitt arbete")."""
    own = permissions.member_organisation_ids(user)
    return (
        with_related(visible_needs(user).filter(signals__organisation_id__in=own).exclude(organisation_id__in=own))
        .distinct()
        .order_by("-updated_at")
    )


def signal_organisations(need: Need, kind: str | None = None) -> list[Organisation]:
    signals = [s for s in need.signals.all() if kind is None or s.kind == kind]
    return list(dict.fromkeys(s.organisation for s in signals))
