"""Reads of initiatives, permission-checked and with their related rows fetched in a fixed number of queries.

Use ``visible_initiatives(user)`` for anything that lists initiatives to a person (pages, API, exports, map,
statistics): drafts are visible only to members of the lead organisation and to staff.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from kraft.accounts import permissions
from kraft.initiatives.models import Effect, Initiative, InitiativeVersion
from kraft.organisations.models import Organisation


def visible_initiatives(user: Any) -> QuerySet[Initiative]:
    """Every initiative the person may see: published and archived ones, plus drafts of their organisations."""
    queryset = Initiative.objects.all()
    if permissions.is_staff(user):
        return queryset
    own = permissions.member_organisation_ids(user)
    public = ~Q(status=Initiative.Status.DRAFT)
    if own:
        return queryset.filter(public | Q(lead_organisation_id__in=own))
    return queryset.filter(public)


def with_related(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """What list rows and cards show, in a constant number of queries whatever the page size."""
    return queryset.select_related(
        "welfare_area", "technique", "lead_organisation", "lead_organisation__county"
    ).prefetch_related("partners")


def get_initiative_for_user(user: Any, pk: Any) -> Initiative:
    """One initiative with everything its page shows, or 404 when it does not exist or is not visible."""
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    queryset = visible_initiatives(user).select_related(
        "welfare_area", "technique", "lead_organisation__county", "reused_from__lead_organisation"
    )
    queryset = queryset.prefetch_related(
        "partners__county",
        Prefetch("effects", queryset=Effect.objects.order_by("id")),
        "costs",
    )
    initiative = queryset.filter(pk=pk).first()
    if initiative is None:
        raise Http404
    return initiative


def reuses_of(user: Any, initiative: Initiative) -> QuerySet[Initiative]:
    """Visible initiatives that started from this one ("reused by N")."""
    return visible_initiatives(user).filter(reused_from=initiative).select_related("lead_organisation")


def versions_of(initiative: Initiative) -> QuerySet[InitiativeVersion]:
    return InitiativeVersion.objects.filter(initiative=initiative).select_related("created_by").order_by("-number")


def similar_initiatives(user: Any, initiative: Initiative, limit: int = 3) -> list[Initiative]:
    """Published initiatives elsewhere in the same welfare area or technique, evaluated ones first."""
    if not initiative.welfare_area_id and not initiative.technique_id:
        return []
    match = Q()
    if initiative.welfare_area_id:
        match |= Q(welfare_area_id=initiative.welfare_area_id)
    if initiative.technique_id:
        match |= Q(technique_id=initiative.technique_id)
    queryset = (
        visible_initiatives(user)
        .filter(match, status=Initiative.Status.PUBLISHED)
        .exclude(pk=initiative.pk)
        .exclude(lead_organisation_id=initiative.lead_organisation_id, lead_organisation__isnull=False)
    )
    ranked = sorted(
        with_related(queryset).order_by("-is_evaluated", "-published_at")[: limit * 4],
        key=lambda other: (
            -(other.welfare_area_id == initiative.welfare_area_id and other.technique_id == initiative.technique_id),
            -other.is_evaluated,
        ),
    )
    return ranked[:limit]


def initiatives_for_organisation(user: Any, organisation: Organisation) -> QuerySet[Initiative]:
    """Visible initiatives that the organisation leads or takes part in, newest first."""
    queryset = visible_initiatives(user).filter(Q(lead_organisation=organisation) | Q(partners=organisation)).distinct()
    return with_related(queryset).order_by("-published_at", "-updated_at")
