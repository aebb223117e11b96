from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kraft.accounts import permissions
from kraft.audit.models import AuditEvent
from kraft.organisations.models import Organisation


def can_view_any_audit(user: Any) -> bool:
    return permissions.is_staff(user) or bool(permissions.administered_organisation_ids(user))


def events_for(
    user: Any,
    *,
    organisation: int | None = None,
    action: str = "",
    actor: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """Staff see every event; organisation admins see their organisations' events. Anyone else: refused."""
    queryset = AuditEvent.objects.select_related("organisation")
    if organisation is not None:
        org = Organisation.objects.filter(pk=organisation).first()
        if org is None or not permissions.can_view_audit(user, org):
            raise PermissionDenied(_("Du får inte läsa den här organisationens granskningslogg."))
        queryset = queryset.filter(organisation=org)
    elif not permissions.is_staff(user):
        ids = permissions.administered_organisation_ids(user)
        if not ids:
            raise PermissionDenied(
                "Granskningsloggen är till för organisationens administratörer och plattformens personal."
            )
        queryset = queryset.filter(organisation_id__in=ids)
    if action:
        queryset = queryset.filter(action=action)
    if actor:
        queryset = queryset.filter(actor_label__icontains=actor)
    if since:
        queryset = queryset.filter(created_at__date__gte=since)
    if until:
        queryset = queryset.filter(created_at__date__lte=until)
    return queryset.order_by("-created_at", "-id")


def organisation_choices(user: Any) -> QuerySet[Organisation]:
    """Organisations whose trail the person may filter on."""
    if permissions.is_staff(user):
        ids = AuditEvent.objects.exclude(organisation=None).values("organisation_id").distinct()
        return Organisation.objects.filter(pk__in=ids).order_by("name")
    return Organisation.objects.filter(pk__in=permissions.administered_organisation_ids(user)).order_by("name")
