"""Permission-checked reads of assessments.

An assessment is private to its organisation (any active member sees it; staff too) until its admins publish
it; a published (closed) assessment is visible to everyone. Respondents' individual answers are only ever shown
to the respondent: others see results per dimension and per role.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kraft.accounts import permissions
from kraft.assessments.models import Assessment, Invitation, PlanItem
from kraft.organisations.models import Organisation


def visible_assessments(user: Any) -> QuerySet[Assessment]:
    queryset = Assessment.objects.select_related("organisation__county")
    if permissions.is_staff(user):
        return queryset
    public = Q(is_published=True, status=Assessment.Status.CLOSED)
    own = permissions.member_organisation_ids(user)
    return queryset.filter(public | Q(organisation_id__in=own)) if own else queryset.filter(public)


def can_view_private(user: Any, assessment: Assessment) -> bool:
    """Members of the organisation: progress, evidence links and the plan."""
    return permissions.can_view_private_of(user, assessment.organisation_id)


def get_assessment_for_user(user: Any, pk: Any) -> Assessment:
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    assessment = visible_assessments(user).filter(pk=pk).first()
    if assessment is None:
        raise Http404
    return assessment


def invitation_of(user: Any, assessment: Assessment) -> Invitation | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Invitation.objects.filter(assessment=assessment, respondent=user).first()


def invitations_of(assessment: Assessment) -> QuerySet[Invitation]:
    return (
        assessment.invitations.select_related("respondent")
        .annotate(answers=Count("responses"))
        .order_by("invited_at", "id")
    )


def rounds_of(user: Any, organisation: Organisation) -> QuerySet[Assessment]:
    """The organisation's assessments the person may see, oldest round first."""
    return visible_assessments(user).filter(organisation=organisation).order_by("round")


def previous_closed(assessment: Assessment) -> Assessment | None:
    return (
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id, status=Assessment.Status.CLOSED, round__lt=assessment.round
        )
        .order_by("-round")
        .first()
    )


def latest_visible(user: Any, organisation: Organisation) -> Assessment | None:
    return (
        visible_assessments(user)
        .filter(organisation=organisation, status=Assessment.Status.CLOSED)
        .order_by("-round")
        .first()
    )


def open_invitations(user: Any) -> QuerySet[Invitation]:
    """Assessments the person is invited to answer and has not handed in yet."""
    if not getattr(user, "is_authenticated", False):
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(respondent=user, assessment__status=Assessment.Status.OPEN)
        .exclude(status=Invitation.Status.SUBMITTED)
        .select_related("assessment__organisation")
        .order_by("invited_at")
    )


def plan_items_owned(user: Any) -> QuerySet[PlanItem]:
    if not getattr(user, "is_authenticated", False):
        return PlanItem.objects.none()
    return (
        PlanItem.objects.filter(
            owner=user, plan__assessment__organisation_id__in=permissions.member_organisation_ids(user)
        )
        .exclude(status=PlanItem.Status.DONE)
        .select_related("plan__assessment__organisation")
        .order_by("due_on")
    )


def plan_items_of(assessment: Assessment) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(plan__assessment=assessment).select_related("owner").order_by("due_on", "id")


def organisation_members(organisation: Organisation) -> QuerySet[Any]:
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation, memberships__status="active", is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def documents_for(organisation: Organisation) -> QuerySet[Any]:
    """Documents in the organisation's own libraries, offered as evidence."""
    from kraft.knowledge.models import Document

    return (
        Document.objects.filter(library__organisation=organisation).exclude(status="superseded").order_by("title")[:200]
    )


def can_view_private_of_organisation(user: Any, organisation: Organisation) -> bool:
    return permissions.can_view_private_of(user, organisation)
