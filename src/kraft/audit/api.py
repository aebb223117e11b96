"""/api/v1/audit: the trail, for staff (everything) and organisation admins (their organisations)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from kraft.audit import selectors
from kraft.core.api import AUTH, ErrorOut, Id, PageNumber, PageSize, paginate, user_of

router = Router(tags=["granskningslogg"])


class AuditEventOut(Schema):
    id: int
    created_at: datetime
    actor: str = Field(..., alias="actor_label")
    action: str
    action_label: str
    target_type: str
    target_id: str
    target_label: str
    organisation_id: int | None
    before: Any = None
    after: Any = None


class AuditPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[AuditEventOut]


class AuditFilters(Schema):
    organisation: Id | None = Field(None, description="Organisationens id (krävs inte för personal)")
    action: str | None = Field(None, max_length=80)
    actor: str | None = Field(None, max_length=150, description="Del av användarnamnet")
    since: date | None = None
    until: date | None = None
    page: PageNumber = 1
    page_size: PageSize = 50


@router.get("", response={200: AuditPage, 401: ErrorOut, 403: ErrorOut}, auth=AUTH, summary="Granskningsloggen")
def list_events(request: HttpRequest, filters: Query[AuditFilters]) -> dict[str, Any]:
    """Personal ser allt; en organisations administratörer ser organisationens händelser (`?organisation=ID`)."""
    events = selectors.events_for(
        user_of(request),
        organisation=filters.organisation,
        action=filters.action or "",
        actor=filters.actor or "",
        since=filters.since,
        until=filters.until,
    )
    return paginate(events, filters.page, filters.page_size)
