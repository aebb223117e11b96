"""Reads of coalitions, permission-checked: coalitions are public (or visible to everyone signed in), invitations
only to the lead organisations and the invited one, decision files only to the coalition's members."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from kraft.accounts import permissions
from kraft.coalitions import services
from kraft.coalitions.models import Coalition, CoalitionMember, Invitation, Role
from kraft.organisations.models import Organisation

UNLOCK_AT = 3  # organisations in the coalition before the agreement template and facilitator list are offered


def visible_coalitions(user: Any) -> QuerySet[Coalition]:
    if permissions.is_staff(user) or getattr(user, "is_authenticated", False):
        return Coalition.objects.all()
    return Coalition.objects.filter(visibility=Coalition.Visibility.PUBLIC)


def public_coalitions() -> QuerySet[Coalition]:
    return Coalition.objects.filter(visibility=Coalition.Visibility.PUBLIC)


def with_related(queryset: QuerySet[Coalition]) -> QuerySet[Coalition]:
    return queryset.select_related("need__organisation", "initiative").prefetch_related(
        Prefetch(
            "members", queryset=CoalitionMember.objects.select_related("organisation__county").order_by("joined_at")
        )
    )


def get_coalition_for_user(user: Any, pk: Any) -> Coalition:
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    coalition = with_related(visible_coalitions(user)).prefetch_related("milestones").filter(pk=pk).first()
    if coalition is None:
        raise Http404
    return coalition


def invitations_visible_to(user: Any, coalition: Coalition) -> QuerySet[Invitation]:
    """Leads see every invitation; an invited organisation's people see theirs; others none."""
    invitations = coalition.invitations.select_related("organisation").order_by("-created_at")
    if services.can_lead(user, coalition):
        return invitations
    return invitations.filter(organisation_id__in=permissions.member_organisation_ids(user))


def open_invitations_for(user: Any) -> QuerySet[Invitation]:
    """Pending invitations to organisations where the person may answer (editors and admins)."""
    return (
        Invitation.objects.filter(
            status=Invitation.Status.PENDING, organisation_id__in=permissions.editable_organisation_ids(user)
        )
        .select_related("coalition", "organisation")
        .order_by("-created_at")
    )


def get_invitation_for_user(user: Any, pk: Any) -> Invitation:
    invitation = Invitation.objects.select_related("coalition", "organisation").filter(pk=pk).first()
    if invitation is None:
        raise Http404
    own = permissions.member_organisation_ids(user)
    if invitation.organisation_id not in own and not services.can_lead(user, invitation.coalition):
        raise Http404
    return invitation


def can_see_decisions(user: Any, coalition: Coalition) -> bool:
    return permissions.is_staff(user) or bool(
        services.member_ids(coalition) & permissions.member_organisation_ids(user)
    )


def facilitators(coalition: Coalition) -> QuerySet[Organisation]:
    """Regions and associations of municipalities in the members' counties: who can help coordinate."""
    counties = {m.organisation.county_id for m in coalition.members.all() if m.organisation.county_id}
    return (
        Organisation.objects.filter(status=Organisation.Status.APPROVED, county_id__in=counties)
        .filter(Q(kind=Organisation.Kind.REGION) | Q(kind=Organisation.Kind.MUNICIPAL_ASSOCIATION))
        .exclude(pk__in=services.member_ids(coalition))
        .order_by("kind", "name")
    )


def unlocked(coalition: Coalition) -> bool:
    return len(coalition.members.all()) >= UNLOCK_AT


def days_from_need_to_coalition() -> list[float | None]:
    rows = public_coalitions().filter(need__opened_at__isnull=False).values_list("created_at", "need__opened_at")
    return [max(0.0, (created - opened).total_seconds() / 86400) for created, opened in rows if opened is not None]


def coalitions_of_organisation(user: Any, organisation: Organisation) -> QuerySet[Coalition]:
    return visible_coalitions(user).filter(members__organisation=organisation).distinct()


def need_context(user: Any, need: Any) -> dict[str, Any]:
    """What the need page shows about coalitions: those grown from it, and a way to start one."""
    coalitions = list(visible_coalitions(user).filter(need=need))
    own = permissions.editable_organisation_ids(user)
    signalled = {s.organisation_id for s in need.signals.all()}
    can_start = (
        not need.is_draft
        and need.status not in ("solved", "closed")
        and bool(own & ({need.organisation_id} | signalled))
    )
    return {
        "coalitions": coalitions,
        "coalition_create_url": f"{reverse('coalitions:create')}?behov={need.pk}" if can_start else "",
    }


def lead_of(coalition: Coalition) -> Organisation | None:
    for member in coalition.members.all():
        if member.role == Role.LEAD:
            return member.organisation
    return None
