"""/api/v1/organisations: list, read, members, register, join. The same services and permissions as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kraft.accounts import permissions
from kraft.core.api import AUTH, OPTIONAL_AUTH, ErrorOut, PageNumber, PageSize, paginate, user_of
from kraft.organisations import selectors, services
from kraft.organisations.models import County, Membership, Organisation

router = Router(tags=["organisationer"])

KindIn = Literal["kommun", "region", "civilsamhalle", "kommunalt_samarbete", "myndighet", "annan"]
RegistrableKind = Literal["civilsamhalle", "kommunalt_samarbete", "myndighet", "annan"]


class CountyOut(Schema):
    code: str
    name: str


class OrganisationOut(Schema):
    id: int
    name: str
    official_name: str
    kind: str
    kind_label: str
    legal_form: str
    org_number: str | None
    municipality_code: str | None
    county: CountyOut | None
    population: int | None
    latitude: float | None
    longitude: float | None
    website: str
    description: str
    status: str
    version: int

    @staticmethod
    def resolve_kind_label(obj: Organisation) -> str:
        return str(obj.get_kind_display())


class OrganisationPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[OrganisationOut]


class OrganisationFilters(Schema):
    kind: KindIn | None = Field(None, description="Typ av organisation")
    county: str | None = Field(None, description="Länskod, två siffror (t.ex. 22)", pattern=r"^\d{2}$")
    q: str | None = Field(None, max_length=100, description="Del av namn eller organisationsnummer")
    status: Literal["pending", "approved", "rejected"] | None = Field(
        None, description="Bara för plattformens personal; andra ser godkända organisationer"
    )
    page: PageNumber = 1
    page_size: PageSize = 50


class MemberOut(Schema):
    id: int
    username: str
    name: str
    role: str
    email: str | None = None


class MembershipOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str
    role: str
    status: str
    requested_at: datetime


class RegisterIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    kind: RegistrableKind
    org_number: str = Field(..., max_length=13, description="Organisationsnummer, t.ex. 802012-3456")
    legal_form: str = ""
    county: str | None = Field(None, pattern=r"^\d{2}$", description="Länskod")
    website: str = ""
    email: str = ""
    description: str = Field("", max_length=5000)


class JoinIn(Schema):
    message: str = Field("", max_length=1000)


def membership_out(membership: Membership) -> dict[str, Any]:
    return {
        "id": membership.pk,
        "organisation_id": membership.organisation_id,
        "organisation_name": membership.organisation.name,
        "role": membership.role,
        "status": membership.status,
        "requested_at": membership.requested_at,
    }


@router.get("", response=OrganisationPage, auth=OPTIONAL_AUTH, summary="Lista organisationer")
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilters]) -> dict[str, Any]:
    """Godkända organisationer, filtrerade på typ, län (kod) och fritext, med totalt antal (`count`)."""
    user = user_of(request)
    if filters.status and not permissions.is_staff(user):
        raise HttpError(403, _("Bara plattformens personal kan filtrera på status."))
    queryset = selectors.organisations_for(
        user, q=filters.q or "", kind=filters.kind or "", county=filters.county or "", status=filters.status or ""
    )
    return paginate(queryset, filters.page, filters.page_size)


@router.get(
    "/{int:organisation_id}",
    response={200: OrganisationOut, 404: ErrorOut},
    auth=OPTIONAL_AUTH,
    summary="En organisation",
)
def get_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    return selectors.get_organisation_for_user(user_of(request), organisation_id)


@router.get(
    "/{int:organisation_id}/members",
    response={200: list[MemberOut], 401: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Organisationens medlemmar",
)
def list_members(request: HttpRequest, organisation_id: int) -> list[dict[str, Any]]:
    """Aktiva medlemmar med roll. E-postadresser visas bara för organisationens administratörer."""
    user = user_of(request)
    organisation = selectors.get_organisation_for_user(user, organisation_id)
    if not permissions.can_view_members(user, organisation):
        raise PermissionDenied(_("Logga in för att se medlemmarna."))
    show_email = permissions.can_manage_members(user, organisation)
    return [
        {
            "id": m.pk,
            "username": m.user.get_username(),
            "name": m.user.get_full_name() or m.user.get_username(),
            "role": m.role,
            "email": m.user.email if show_email else None,
        }
        for m in selectors.active_members(organisation)
    ]


@router.post(
    "", response={201: OrganisationOut, 400: ErrorOut, 401: ErrorOut}, auth=AUTH, summary="Registrera en organisation"
)
def register_organisation(request: HttpRequest, payload: RegisterIn) -> tuple[int, Organisation]:
    """Registrerar en förening, stiftelse, kommunalförbund, myndighet m.m. Organisationsnumret kontrolleras
    (format och kontrollsiffra). Organisationen väntar sedan på godkännande av plattformens personal."""
    data = payload.dict()
    county_code = data.pop("county")
    if county_code:
        county = County.objects.filter(code=county_code).first()
        if county is None:
            raise HttpError(400, _("Okänd länskod."))
        data["county"] = county
    fields = {k: v for k, v in data.items() if k not in ("name", "kind", "org_number") and v not in ("", None)}
    organisation = services.register_organisation(
        user_of(request), name=data["name"], kind=data["kind"], org_number=data["org_number"], **fields
    )
    return 201, organisation


@router.post(
    "/{int:organisation_id}/join",
    response={201: MembershipOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=AUTH,
    summary="Begär medlemskap",
)
def join_organisation(request: HttpRequest, organisation_id: int, payload: JoinIn | None = None) -> Any:
    user = user_of(request)
    organisation = selectors.get_organisation_for_user(user, organisation_id)
    try:
        membership = services.request_membership(user, organisation, payload.message if payload else "")
    except ValidationError as error:
        code = getattr(error, "code", None)
        status = 409 if code in ("already_requested", "already_member") else 400
        return status, {"detail": " ".join(error.messages), "code": code or "invalid"}
    return 201, membership_out(membership)


# ---------------------------------------------------------------- administration (admins and staff)


class RequestOut(Schema):
    id: int
    username: str
    name: str
    email: str
    message: str
    requested_at: datetime


class RoleIn(Schema):
    role: Literal["member", "editor", "admin"]


class ApproveIn(Schema):
    role: Literal["member", "editor", "admin"] = "member"


class RejectIn(Schema):
    reason: str = Field("", max_length=500)


def _managed_membership(request: HttpRequest, organisation_id: int, membership_id: int) -> Membership:
    user = user_of(request)
    organisation = selectors.get_organisation_for_user(user, organisation_id)
    if not permissions.can_manage_members(user, organisation):
        raise PermissionDenied(_("Bara organisationens administratörer kan hantera medlemmar."))
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=membership_id, organisation=organisation
    )


@router.get(
    "/{int:organisation_id}/requests",
    response={200: list[RequestOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Väntande förfrågningar om medlemskap",
)
def list_requests(request: HttpRequest, organisation_id: int) -> list[dict[str, Any]]:
    user = user_of(request)
    organisation = selectors.get_organisation_for_user(user, organisation_id)
    if not permissions.can_manage_members(user, organisation):
        raise PermissionDenied(_("Bara organisationens administratörer kan hantera medlemmar."))
    return [
        {
            "id": m.pk,
            "username": m.user.get_username(),
            "name": m.user.get_full_name(),
            "email": m.user.email,
            "message": m.message,
            "requested_at": m.requested_at,
        }
        for m in selectors.pending_requests(organisation)
    ]


@router.post(
    "/{int:organisation_id}/requests/{int:membership_id}/approve",
    response={200: MembershipOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Godkänn en förfrågan",
)
def approve_request(request: HttpRequest, organisation_id: int, membership_id: int, payload: ApproveIn) -> Any:
    membership = _managed_membership(request, organisation_id, membership_id)
    return membership_out(services.approve_membership(user_of(request), membership, payload.role))


@router.post(
    "/{int:organisation_id}/requests/{int:membership_id}/reject",
    response={200: MembershipOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Avslå en förfrågan",
)
def reject_request(request: HttpRequest, organisation_id: int, membership_id: int) -> Any:
    membership = _managed_membership(request, organisation_id, membership_id)
    return membership_out(services.reject_membership(user_of(request), membership))


@router.put(
    "/{int:organisation_id}/members/{int:membership_id}/role",
    response={200: MembershipOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Ändra en medlems roll",
)
def change_member_role(request: HttpRequest, organisation_id: int, membership_id: int, payload: RoleIn) -> Any:
    """Vägras med 400 om organisationen då skulle stå utan aktiv administratör."""
    membership = _managed_membership(request, organisation_id, membership_id)
    return membership_out(services.change_role(user_of(request), membership, payload.role))


@router.delete(
    "/{int:organisation_id}/members/{int:membership_id}",
    response={204: None, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Ta bort en medlem",
)
def remove_member(request: HttpRequest, organisation_id: int, membership_id: int) -> Any:
    """Vägras med 400 om personen är organisationens sista administratör."""
    membership = _managed_membership(request, organisation_id, membership_id)
    services.remove_member(user_of(request), membership)
    return 204, None


def _pending_for_staff(request: HttpRequest, organisation_id: int) -> Organisation:
    if not permissions.can_approve_organisations(user_of(request)):
        raise PermissionDenied(_("Bara plattformens personal kan godkänna organisationer."))
    return get_object_or_404(Organisation, pk=organisation_id)


@router.post(
    "/{int:organisation_id}/approve",
    response={200: OrganisationOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Godkänn en registrerad organisation (personal)",
)
def approve_organisation(request: HttpRequest, organisation_id: int) -> Any:
    organisation = _pending_for_staff(request, organisation_id)
    services.approve_organisation(user_of(request), organisation)
    organisation.refresh_from_db()
    return organisation


@router.post(
    "/{int:organisation_id}/reject",
    response={200: OrganisationOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Avslå en registrerad organisation (personal)",
)
def reject_organisation(request: HttpRequest, organisation_id: int, payload: RejectIn | None = None) -> Any:
    organisation = _pending_for_staff(request, organisation_id)
    services.reject_organisation(user_of(request), organisation, payload.reason if payload else "")
    organisation.refresh_from_db()
    return organisation
