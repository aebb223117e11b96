from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kraft.accounts.models import ApiToken
from kraft.organisations.models import Membership


def memberships_of(person: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=person)
        .exclude(status=Membership.Status.REJECTED)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def tokens_of(person: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=person).order_by("revoked_at", "-created_at")
