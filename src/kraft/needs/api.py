"""/api/v1/needs: list with filters, a need, create, update, publish, status, signals (and ``similar`` from
``kraft.matchmaking.api``). The same selectors, services and permissions as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kraft.core.api import AUTH, OPTIONAL_AUTH, ErrorOut, paginate, user_of
from kraft.initiatives.models import Initiative
from kraft.needs import selectors, services
from kraft.needs.models import Need, Signal
from kraft.organisations.models import Organisation

router = Router(tags=["behov"])

StatusName = Literal["open", "forming", "in_progress", "solved", "closed"]
SignalKind = Literal["same_need", "solved", "contribute", "follow"]
Contribution = Literal["data", "competence", "funding", "pilot_site", "procurement"]


class NeedFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Fritext (svensk fulltextsökning)")
    area: str | None = Field(None, description="Verksamhetsområde (slug); flera med kommatecken")
    county: str | None = Field(None, description="Länskod för organisationen, t.ex. 22")
    status: str | None = Field(
        None, description="open, forming, in_progress, solved, closed (standard: alla utom stängda)"
    )
    organisation: str | None = Field(None, description="Organisationens id")
    page: int = 1
    page_size: int = 20


class NeedOrganisationRef(Schema):
    id: int
    name: str
    kind: str
    county_code: str | None = None


class SignalCounts(Schema):
    same_need: int
    solved: int
    contribute: int
    follow: int


class NeedSummaryOut(Schema):
    id: int
    url: str
    title: str
    status: str
    visibility: str
    urgency: str
    welfare_area: str | None
    organisation: NeedOrganisationRef
    signals: SignalCounts
    opened_at: datetime | None
    updated_at: datetime
    version: int


class NeedOut(NeedSummaryOut):
    problem: str
    desired_outcome: str
    target_group: str
    involves_personal_data: bool | None
    involves_secrecy: bool | None
    legal_basis: str
    constraints: str
    initiatives: list[int]
    solved_by: int | None


class NeedPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[NeedSummaryOut]


class NeedContent(Schema):
    title: str | None = Field(None, max_length=250)
    problem: str | None = Field(None, max_length=services.MAX_TEXT)
    desired_outcome: str | None = Field(None, max_length=services.MAX_TEXT)
    target_group: str | None = Field(None, max_length=300)
    welfare_area: str | None = Field(None, description="Slug, t.ex. vard-och-omsorg")
    involves_personal_data: bool | None = None
    involves_secrecy: bool | None = None
    legal_basis: str | None = None
    constraints: str | None = None
    urgency: Literal["low", "medium", "high"] | None = None
    visibility: Literal["public", "members"] | None = None
    contact_role: Literal["editor", "admin"] | None = None
    initiatives: list[int] | None = Field(None, description="Organisationens egna initiativ (id)")


class NeedIn(NeedContent):
    organisation: int = Field(..., description="Organisationen som har behovet")
    title: str = Field(..., max_length=250)
    problem: str = Field(..., max_length=services.MAX_TEXT)
    publish: bool = False


class NeedUpdateIn(NeedContent):
    version: int = Field(..., description="Versionen du utgick från (fältet version i GET-svaret)")


class StatusIn(Schema):
    status: StatusName
    solved_by: int | None = Field(None, description="Initiativet som löste behovet (krävs för solved)")


class SignalOut(Schema):
    id: int
    kind: str
    organisation: NeedOrganisationRef
    contributions: list[str]
    initiative: int | None
    comment: str
    created_at: datetime


class SignalIn(Schema):
    organisation: int
    kind: SignalKind
    contributions: list[Contribution] = []
    initiative: int | None = None
    comment: str = Field("", max_length=1000)


def _org(organisation: Organisation) -> dict[str, Any]:
    county = organisation.county
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "county_code": county.code if county else None,
    }


def _counts(need: Need) -> dict[str, int]:
    kinds = [s.kind for s in need.signals.all()]
    return {kind: kinds.count(kind) for kind in Signal.Kind.values}


def summary_out(need: Need) -> dict[str, Any]:
    return {
        "id": need.pk,
        "url": f"/behov/{need.pk}/",
        "title": need.title,
        "status": need.status,
        "visibility": need.visibility,
        "urgency": need.urgency,
        "welfare_area": need.welfare_area.slug if need.welfare_area else None,
        "organisation": _org(need.organisation),
        "signals": _counts(need),
        "opened_at": need.opened_at,
        "updated_at": need.updated_at,
        "version": need.version,
    }


def detail_out(user: Any, need: Need) -> dict[str, Any]:
    need = selectors.get_need_for_user(user, need.pk)
    data = summary_out(need)
    for name in (
        "problem",
        "desired_outcome",
        "target_group",
        "involves_personal_data",
        "involves_secrecy",
        "legal_basis",
        "constraints",
    ):
        data[name] = getattr(need, name)
    data["initiatives"] = [i.pk for i in need.initiatives.all()]
    data["solved_by"] = need.solved_by_id
    return data


def signal_out(signal: Signal) -> dict[str, Any]:
    return {
        "id": signal.pk,
        "kind": signal.kind,
        "organisation": _org(signal.organisation),
        "contributions": list(signal.contributions or []),
        "initiative": signal.initiative_id,
        "comment": signal.comment,
        "created_at": signal.created_at,
    }


def _content(payload: NeedContent, *, only_sent: bool = True) -> tuple[dict[str, Any], list[Initiative] | None]:
    raw = payload.dict(exclude_unset=only_sent)
    ids = raw.pop("initiatives", None)
    for name in ("organisation", "publish", "version"):
        raw.pop(name, None)
    data = {
        k: ("" if v is None and k not in ("welfare_area", "involves_personal_data", "involves_secrecy") else v)
        for k, v in raw.items()
    }
    initiatives = None
    if ids is not None:
        initiatives = list(Initiative.objects.filter(pk__in=ids))
        if len(initiatives) != len(set(ids)):
            raise HttpError(400, "Okänt initiativ.")
    return data, initiatives


@router.get("", response=NeedPage, auth=OPTIONAL_AUTH, summary="Lista behov")
def list_needs(request: HttpRequest, filters: Query[NeedFilters]) -> dict[str, Any]:
    """Behov som du får se, med samma filter som listsidan. Utkast syns bara för den egna organisationen."""
    queryset = selectors.list_needs(user_of(request), request.GET).prefetch_related("signals")
    page = paginate(queryset, filters.page, filters.page_size)
    page["results"] = [summary_out(n) for n in page["results"]]
    return page


@router.post(
    "", response={201: NeedOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut}, auth=AUTH, summary="Skapa ett behov"
)
def create_need(request: HttpRequest, payload: NeedIn) -> tuple[int, dict[str, Any]]:
    """Ett utkast (eller publicerat direkt med `publish: true`) för en organisation där du är redaktör."""
    user = user_of(request)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise HttpError(400, "Okänd organisation.")
    data, initiatives = _content(payload)
    need = services.create_need(
        user, data, organisation=organisation, initiatives=initiatives or (), publish=payload.publish
    )
    return 201, detail_out(user, need)


@router.get("/{int:need_id}", response={200: NeedOut, 404: ErrorOut}, auth=OPTIONAL_AUTH, summary="Ett behov")
def get_need(request: HttpRequest, need_id: int) -> dict[str, Any]:
    user = user_of(request)
    return detail_out(user, selectors.get_need_for_user(user, need_id))


class NeedStaleOut(Schema):
    detail: str
    code: str
    current_version: int
    changes: dict[str, dict[str, Any]]


@router.patch(
    "/{int:need_id}",
    response={200: NeedOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: NeedStaleOut},
    auth=AUTH,
    summary="Ändra ett behov",
)
def patch_need(request: HttpRequest, need_id: int, payload: NeedUpdateIn) -> Any:
    """Ändrar bara fälten som skickas. `version` krävs; är den inaktuell svarar API:t 409 med vad som ändrats."""
    user = user_of(request)
    need = selectors.get_need_for_user(user, need_id)
    data, initiatives = _content(payload)
    try:
        services.update_need(user, need, data, payload.version, initiatives=initiatives)
    except services.StaleEdit as conflict:
        return 409, {
            "detail": "Behovet har ändrats sedan du hämtade det. Hämta det igen och gör om ändringen.",
            "code": "stale",
            "current_version": conflict.current_version,
            "changes": {k: {"theirs": t, "yours": y} for k, (t, y) in conflict.changes.items()},
        }
    return 200, detail_out(user, need)


WRITE = {200: NeedOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.post("/{int:need_id}/publish", response=WRITE, auth=AUTH, summary="Publicera ett behov")
def publish_need(request: HttpRequest, need_id: int) -> Any:
    user = user_of(request)
    need = selectors.get_need_for_user(user, need_id)
    services.publish_need(user, need)
    return 200, detail_out(user, need)


@router.post("/{int:need_id}/status", response=WRITE, auth=AUTH, summary="Ändra ett behovs status")
def set_status(request: HttpRequest, need_id: int, payload: StatusIn) -> Any:
    user = user_of(request)
    need = selectors.get_need_for_user(user, need_id)
    solved_by = None
    if payload.solved_by is not None:
        solved_by = Initiative.objects.exclude(status=Initiative.Status.DRAFT).filter(pk=payload.solved_by).first()
        if solved_by is None:
            raise HttpError(400, "Okänt eller opublicerat initiativ.")
    services.set_need_status(user, need, payload.status, solved_by=solved_by)
    return 200, detail_out(user, need)


@router.get(
    "/{int:need_id}/signals",
    response={200: list[SignalOut], 404: ErrorOut},
    auth=OPTIONAL_AUTH,
    summary="Signaler på ett behov",
)
def list_signals(request: HttpRequest, need_id: int) -> list[dict[str, Any]]:
    """Signalerna är publika per organisation: vilka som har samma behov, har löst det, kan bidra eller följer."""
    need = selectors.get_need_for_user(user_of(request), need_id)
    return [signal_out(s) for s in need.signals.all()]


@router.post(
    "/{int:need_id}/signals",
    response={201: SignalOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Ge en signal",
)
def add_signal(request: HttpRequest, need_id: int, payload: SignalIn) -> tuple[int, dict[str, Any]]:
    """För en organisation där du har en roll. Samma signal två gånger avvisas."""
    user = user_of(request)
    need = selectors.get_need_for_user(user, need_id)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise HttpError(400, "Okänd organisation.")
    initiative = Initiative.objects.filter(pk=payload.initiative).first() if payload.initiative else None
    signal = services.add_signal(
        user,
        need,
        organisation=organisation,
        kind=payload.kind,
        contributions=payload.contributions,
        initiative=initiative,
        comment=payload.comment,
    )
    return 201, signal_out(signal)
