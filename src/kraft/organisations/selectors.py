from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, When
from django.http import Http404

from kraft.accounts import permissions
from kraft.organisations.models import Membership, Organisation


def organisations_for(
    user: Any, *, q: str = "", kind: str = "", county: str = "", status: str = ""
) -> QuerySet[Organisation]:
    """Approved organisations for everyone; staff may also list pending and rejected ones with ``status``."""
    queryset = Organisation.objects.select_related("county")
    if status and permissions.is_staff(user):
        queryset = queryset.filter(status=status)
    else:
        queryset = queryset.filter(status=Organisation.Status.APPROVED)
    if kind:
        queryset = queryset.filter(kind=kind)
    if county:
        queryset = queryset.filter(county__code=county)
    if not q:
        return queryset.order_by("name", "pk")
    if status and status != Organisation.Status.APPROVED and permissions.is_staff(user):
        # Pending and rejected organisations are not in the public search index.
        matches = Q(name__icontains=q) | Q(official_name__icontains=q) | Q(org_number__icontains=q)
        return queryset.filter(matches).order_by("name", "pk")
    return _ranked_by_search(queryset, q)


def _ranked_by_search(queryset: QuerySet[Organisation], q: str) -> QuerySet[Organisation]:
    """Swedish full-text search through the search port, best match first."""
    from kraft.organisations.search import matching_organisation_ids

    ids = matching_organisation_ids(q)
    if not ids:
        return queryset.none()
    rank = Case(*(When(pk=pk, then=position) for position, pk in enumerate(ids)), output_field=IntegerField())
    return queryset.filter(pk__in=ids).order_by(rank, "name")


def get_organisation_for_user(user: Any, pk: int) -> Organisation:
    organisation = Organisation.objects.select_related("county", "created_by").filter(pk=pk).first()
    if organisation is None or not permissions.can_view_organisation(user, organisation):
        raise Http404
    return organisation


def active_members(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation, status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("-role", "user__first_name", "user__last_name", "user__username")
    )


def pending_requests(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation, status=Membership.Status.PENDING)
        .select_related("user")
        .order_by("requested_at")
    )


def pending_organisations() -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(status=Organisation.Status.PENDING)
        .select_related("county", "created_by")
        .order_by("created_at")
    )


def membership_of(user: Any, organisation: Organisation) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def administered_organisations(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=permissions.administered_organisation_ids(user)).annotate(
        pending=Count("memberships", filter=Q(memberships__status=Membership.Status.PENDING))
    )
