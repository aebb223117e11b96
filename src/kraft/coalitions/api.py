"""/api/v1/coalitions: list and detail, and answering an invitation (the same services as the pages)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from kraft.coalitions import selectors, services
from kraft.coalitions.models import Coalition
from kraft.core.api import AUTH, OPTIONAL_AUTH, ErrorOut, paginate, user_of

router = Router(tags=["samverkan"])


class CoalitionMemberOut(Schema):
    organisation_id: int
    organisation: str
    role: str
    hours: int | None
    kronor: float | None
    data: str
    decision_reference: str


class MilestoneOut(Schema):
    title: str
    due_date: str | None
    done: bool


class CoalitionOut(Schema):
    id: int
    url: str
    title: str
    description: str
    status: str
    need: int | None
    initiative: int | None
    members: list[CoalitionMemberOut]
    milestones: list[MilestoneOut]
    created_at: datetime


class CoalitionPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[CoalitionOut]


class InvitationAnswerIn(Schema):
    accept: bool
    decision_reference: str = Field("", max_length=300)


class InvitationAnswerOut(Schema):
    status: str
    coalition: int


def coalition_out(coalition: Coalition) -> dict[str, Any]:
    return {
        "id": coalition.pk,
        "url": f"/samverkan/{coalition.pk}/",
        "title": coalition.title,
        "description": coalition.description,
        "status": coalition.status,
        "need": coalition.need_id,
        "initiative": coalition.initiative_id,
        "members": [
            {
                "organisation_id": m.organisation_id,
                "organisation": str(m.organisation),
                "role": m.role,
                "hours": m.hours,
                "kronor": float(m.kronor) if m.kronor is not None else None,
                "data": m.data,
                "decision_reference": m.decision_reference,
            }
            for m in coalition.members.all()
        ],
        "milestones": [
            {
                "title": m.title,
                "due_date": m.due_date.isoformat() if m.due_date else None,
                "done": m.done_at is not None,
            }
            for m in coalition.milestones.all()
        ],
        "created_at": coalition.created_at,
    }


@router.get("", response=CoalitionPage, auth=OPTIONAL_AUTH, summary="Lista samverkan")
def list_coalitions(
    request: HttpRequest, status: str | None = None, page: int = 1, page_size: int = 20
) -> dict[str, Any]:
    """Samverkan kring gemensamma behov, med organisationer, roller, åtaganden och milstolpar."""
    queryset = selectors.with_related(selectors.visible_coalitions(user_of(request))).prefetch_related("milestones")
    if status:
        queryset = queryset.filter(status__in=status.split(","))
    result = paginate(queryset.order_by("-created_at"), page, page_size)
    result["results"] = [coalition_out(c) for c in result["results"]]
    return result


@router.get(
    "/{int:coalition_id}", response={200: CoalitionOut, 404: ErrorOut}, auth=OPTIONAL_AUTH, summary="En samverkan"
)
def get_coalition(request: HttpRequest, coalition_id: int) -> dict[str, Any]:
    return coalition_out(selectors.get_coalition_for_user(user_of(request), coalition_id))


@router.post(
    "/invitations/{int:invitation_id}/answer",
    response={200: InvitationAnswerOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Svara på en inbjudan",
)
def answer_invitation(request: HttpRequest, invitation_id: int, payload: InvitationAnswerIn) -> dict[str, Any]:
    """För redaktörer i den inbjudna organisationen. En inbjudan kan bara besvaras en gång."""
    user = user_of(request)
    invitation = selectors.get_invitation_for_user(user, invitation_id)
    services.respond(user, invitation, accept=payload.accept, decision_reference=payload.decision_reference)
    return {"status": invitation.status, "coalition": invitation.coalition_id}
