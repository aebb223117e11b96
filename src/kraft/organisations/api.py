"""/api/v1/organisations: list, read, members, register, join. The same services and permissions as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kraft.accounts import permissions
from kraft.core.api import AUTH, OPTIONAL_AUTH, ErrorOut, paginate, user_of
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
    page: int = 1
    page_size: int = 50


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
