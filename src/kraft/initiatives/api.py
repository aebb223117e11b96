"""/api/v1/initiatives: list, read, create, update, publish, archive, copy, effects, costs, versions, export.

The same selectors, services and permission functions as the pages: drafts are visible only to members of the
lead organisation and staff; writes need an editor of the lead organisation (token or session with CSRF).
Updates carry the ``version`` they started from; a stale one is refused with 409 and what changed since.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kraft.core.api import (
    AMOUNT_MAX,
    AUTH,
    ID_MAX,
    OPTIONAL_AUTH,
    Amount,
    ErrorOut,
    Id,
    PageNumber,
    PageSize,
    paginate,
    user_of,
)
from kraft.core.openapi import SPREADSHEET, file_download
from kraft.initiatives import roi, selectors, services, versions
from kraft.initiatives.models import Cost, Effect, Initiative
from kraft.organisations.models import Organisation

router = Router(tags=["initiativ"])

Stage = Literal["ide", "forstudie", "pilot", "i_drift", "skalad", "avslutad"]
RiskClass = Literal["oacceptabel", "hog", "begransad", "minimal", "oklart", "utanfor", "ej_bedomd"]
RecordType = Literal["initiative", "supplier_template"]
Dimension = Literal[
    "tidsbesparing",
    "kostnadsbesparing",
    "kvalitet",
    "medborgarnytta",
    "kompetens",
    "riskreduktion",
    "intakter",
    "hallbarhet",
    "annat",
]
Unit = Literal["hours", "sek", "count", "percent", "none"]
Basis = Literal["expected", "measured"]
CostKind = Literal["one_off", "recurring"]


# ------------------------------------------------------------------ schemas


class InitiativeFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Fritext (svensk fulltextsökning)")
    area: str | None = Field(None, description="Verksamhetsområde (slug); flera med kommatecken")
    technique: str | None = Field(None, description="AI-teknik (slug); flera med kommatecken")
    stage: str | None = Field(None, description="Fas: ide, forstudie, pilot, i_drift, skalad, avslutad")
    county: str | None = Field(None, description="Länskod för ansvarig organisation, t.ex. 22")
    municipality: str | None = Field(None, description="Kommunkod (ansvarig eller partner), t.ex. 2281")
    organisation: str | None = Field(None, description="Organisationens id (ansvarig eller partner)")
    organisation_kind: str | None = Field(None, description="kommun, region, civilsamhalle, …")
    risk_class: str | None = Field(None, description="Riskklass enligt AI-förordningen")
    evaluated: str | None = Field(None, description="1 = bara utvärderade, 0 = bara ej utvärderade")
    has_partners: str | None = Field(None, description="1 = med partner, 0 = utan")
    country: str | None = Field(None, description="se, international eller landskod")
    status: str | None = Field(None, description="published, draft, archived (standard: publicerade och egna utkast)")
    record_type: str | None = Field(None, description="initiative eller supplier_template")
    sort: Literal["relevance", "newest", "title", "roi", "value"] | None = None
    page: PageNumber = 1
    page_size: PageSize = 20


class NamedOut(Schema):
    slug: str
    name: str


class OrganisationRefOut(Schema):
    id: int
    name: str
    kind: str
    municipality_code: str | None = None
    county_code: str | None = None


class PartnerOut(OrganisationRefOut):
    confirmed: bool = Field(
        description="Har partnern själv bekräftat att den deltar? Annars visas den som ej bekräftad."
    )


class InitiativeSummaryOut(Schema):
    id: int
    url: str
    title: str
    summary: str
    status: str
    stage: str
    record_type: str
    country: str
    risk_class: str
    risk_class_confirmed: bool = Field(False, description="Riskklassen kommer från en triage (annars en uppskattning)")
    welfare_area: NamedOut | None
    technique: NamedOut | None
    lead_organisation: OrganisationRefOut | None
    partners: list[PartnerOut]
    is_evaluated: bool
    annual_value: float
    total_cost: float
    roi: float | None
    published_at: datetime | None
    updated_at: datetime
    version: int


class InitiativePage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[InitiativeSummaryOut]


class EffectOut(Schema):
    id: int
    dimension: str
    description: str
    unit: str
    basis: str
    periods_per_year: float
    hours: float | None
    people: float | None
    hourly_cost: float | None
    amount: float | None
    count: float | None
    value_per_unit: float | None
    percent: float | None
    base_amount: float | None
    baseline: str
    measured_on: date | None
    method: str
    follow_up_on: date | None
    annual_value: float


class CostOut(Schema):
    id: int
    description: str
    kind: str
    amount: float


class FiguresOut(Schema):
    horizon_years: int
    annual_value_expected: float
    annual_value_measured: float
    annual_value: float
    value_basis: str
    one_off_cost: float
    recurring_cost_per_year: float
    total_cost: float
    total_value: float
    net_value: float
    roi: float | None
    roi_percent: float | None
    payback_years: float | None
    is_evaluated: bool


class VersionOut(Schema):
    number: int
    created_at: datetime
    note: str


class InitiativeOut(InitiativeSummaryOut):
    description: str
    problem: str
    contact_name: str
    contact_email: str
    contact_phone: str
    start_date: date | None
    end_date: date | None
    tags: list[str]
    uses_personal_data: bool | None
    uses_sensitive_data: bool | None
    data_description: str
    legal_basis: str
    human_oversight: str
    supplier: str
    product: str
    open_source_url: str
    funding: str
    links: list[dict[str, Any]]
    horizon_years: int
    source_name: str
    source_id: str
    source_url: str
    licence: str
    attribution: str
    reused_from: int | None
    reused_by: list[int]
    effects: list[EffectOut]
    costs: list[CostOut]
    figures: FiguresOut
    versions: list[VersionOut]
    ai_act_triage: dict[str, Any] = Field(
        default_factory=dict, description="Resultatet av AI-förordningens triage; se /initiatives/{id}/triage"
    )


class EffectIn(Schema):
    dimension: Dimension
    description: str = Field("", max_length=300)
    unit: Unit = "sek"
    basis: Basis = "expected"
    periods_per_year: Amount = Decimal("1")
    hours: Amount | None = None
    people: Amount | None = None
    hourly_cost: Amount | None = None
    amount: Amount | None = None
    count: Amount | None = None
    value_per_unit: Amount | None = None
    percent: Amount | None = None
    base_amount: Amount | None = None
    baseline: str = Field("", max_length=300)
    measured_on: date | None = None
    method: str = Field("", max_length=300)
    follow_up_on: date | None = None


class CostIn(Schema):
    description: str = Field(..., min_length=1, max_length=300)
    kind: CostKind = "one_off"
    amount: Amount


class LinkIn(Schema):
    title: str = ""
    url: str


class ContentIn(Schema):
    """The initiative's own fields. On PATCH only the fields sent change; on PUT missing fields are emptied."""

    title: str | None = Field(None, max_length=250)
    summary: str | None = Field(None, max_length=300)
    description: str | None = None
    problem: str | None = None
    record_type: RecordType | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    welfare_area: str | None = Field(None, description="Slug, t.ex. vard-och-omsorg")
    technique: str | None = Field(None, description="Slug, t.ex. generativ-ai")
    stage: Stage | None = None
    start_date: date | None = None
    end_date: date | None = None
    tags: list[str] | None = None
    uses_personal_data: bool | None = None
    uses_sensitive_data: bool | None = None
    data_description: str | None = None
    legal_basis: str | None = None
    risk_class: RiskClass | None = None
    human_oversight: str | None = None
    supplier: str | None = None
    product: str | None = None
    open_source_url: str | None = None
    funding: str | None = None
    links: list[LinkIn] | None = None
    horizon_years: int | None = Field(None, ge=1, le=50)
    country: str | None = Field(None, min_length=2, max_length=2)
    partners: list[Id] | None = Field(None, max_length=200, description="Partnerorganisationernas id")


class InitiativeIn(ContentIn):
    title: str = Field(..., min_length=1, max_length=250)
    lead_organisation: Id = Field(..., description="Den ansvariga organisationens id")
    effects: list[EffectIn] = []
    costs: list[CostIn] = []
    publish: bool = False


class InitiativeUpdateIn(ContentIn):
    version: int = Field(..., ge=0, le=ID_MAX, description="Versionen du utgick från (fältet version i GET-svaret)")


class StaleOut(Schema):
    detail: str
    code: str
    current_version: int
    changes: dict[str, dict[str, Any]]


class ScaleQuery(Schema):
    n: int = Field(10, ge=0, le=10000, description="Antal organisationer som kan införa initiativet")
    adoption: Decimal = Field(Decimal("0.5"), ge=0, le=1, description="Andel som inför det (0–1)")
    replication_cost: Decimal | None = Field(None, ge=0, le=AMOUNT_MAX, description="Engångskostnad per organisation")


class CopyIn(Schema):
    organisation: Id = Field(..., description="Organisationen som får utkastet")
    title: str | None = Field(None, max_length=250)


# ------------------------------------------------------------------ output helpers


def _money(value: Any) -> float:
    return float(value or 0)


def _opt(value: Any) -> float | None:
    return None if value is None else float(value)


def _org(org: Organisation | None) -> dict[str, Any] | None:
    if org is None:
        return None
    return {
        "id": org.pk,
        "name": org.name,
        "kind": org.kind,
        "municipality_code": org.municipality_code,
        "county_code": org.county.code if org.county_id else None,  # type: ignore[union-attr]
    }


def _named(row: Any) -> dict[str, str] | None:
    return None if row is None else {"slug": row.slug, "name": row.label}


def summary_out(initiative: Initiative) -> dict[str, Any]:
    return {
        "id": initiative.pk,
        "url": f"/initiativ/{initiative.pk}/",
        "title": initiative.title,
        "summary": initiative.summary,
        "status": initiative.status,
        "stage": initiative.stage,
        "record_type": initiative.record_type,
        "country": initiative.country,
        "risk_class": initiative.risk_class,
        "risk_class_confirmed": initiative.risk_class_confirmed,
        "welfare_area": _named(initiative.welfare_area),
        "technique": _named(initiative.technique),
        "lead_organisation": _org(initiative.lead_organisation),
        "partners": [{**(_org(p) or {}), "confirmed": ok} for p, ok in selectors.partners_of(initiative)],
        "is_evaluated": initiative.is_evaluated,
        "annual_value": _money(initiative.annual_value),
        "total_cost": _money(initiative.total_cost),
        "roi": _opt(initiative.roi),
        "published_at": initiative.published_at,
        "updated_at": initiative.updated_at,
        "version": initiative.version,
    }


def _effect_out(effect: Effect) -> dict[str, Any]:
    data: dict[str, Any] = {"id": effect.pk}
    for name in versions.EFFECT_FIELDS:
        value = getattr(effect, name)
        data[name] = float(value) if isinstance(value, Decimal) else value
    data["annual_value"] = float(roi.effect_annual_value(effect))
    return data


def _figures_out(figures: roi.RoiFigures) -> dict[str, Any]:
    data = figures.as_dict()
    for key, value in data.items():
        if isinstance(value, str) and key != "value_basis":
            data[key] = float(value)
    return data


def detail_out(user: Any, initiative: Initiative) -> dict[str, Any]:
    initiative = selectors.get_initiative_for_user(user, initiative.pk)
    effects = list(initiative.effects.all())
    costs = list(initiative.costs.all())
    data = summary_out(initiative)
    for name in versions.CONTENT_FIELDS:
        if name not in data and name not in ("welfare_area", "technique"):
            data[name] = getattr(initiative, name)
    for name in versions.PROVENANCE_FIELDS:
        data[name] = getattr(initiative, name)
    data["tags"] = list(initiative.tags or [])
    data["links"] = list(initiative.links or [])
    origin = initiative.reused_from
    data["reused_from"] = origin.pk if origin is not None and services.can_view(user, origin) else None
    data["reused_by"] = list(selectors.reuses_of(user, initiative).values_list("pk", flat=True))
    data["effects"] = [_effect_out(e) for e in effects]
    data["costs"] = [
        {"id": c.pk, "description": c.description, "kind": c.kind, "amount": float(c.amount)} for c in costs
    ]
    data["figures"] = _figures_out(roi.compute(initiative, effects=effects, costs=costs))
    data["ai_act_triage"] = initiative.ai_act_triage or {}
    data["versions"] = [
        {"number": v.number, "created_at": v.created_at, "note": v.note} for v in selectors.versions_of(initiative)
    ]
    return data


def _content(payload: ContentIn, *, only_sent: bool) -> tuple[dict[str, Any], list[Organisation] | None]:
    raw = payload.dict(exclude_unset=only_sent)
    partner_ids = raw.pop("partners", None)
    data: dict[str, Any] = {}
    for name in versions.CONTENT_FIELDS:
        if name not in raw:
            if only_sent:
                continue
            raw[name] = None
        value = raw[name]
        field = Initiative._meta.get_field(name)
        if value is None and not field.null and name not in ("welfare_area", "technique"):
            default = field.get_default()  # type: ignore[union-attr]
            value = "" if default is None else default
        data[name] = value
    if "links" in data and data["links"] is not None:
        data["links"] = [{"title": link.get("title") or link["url"], "url": link["url"]} for link in data["links"]]
    partners = None
    if partner_ids is not None:
        partners = list(Organisation.objects.filter(pk__in=partner_ids))
        if len(partners) != len(set(partner_ids)):
            raise HttpError(400, "Okänd partnerorganisation.")
    return data, partners


def _stale(conflict: services.StaleEdit) -> tuple[int, dict[str, Any]]:
    return 409, {
        "detail": "Initiativet har ändrats sedan du hämtade det. Hämta det igen och gör om ändringen.",
        "code": "stale",
        "current_version": conflict.current_version,
        "changes": {name: {"theirs": theirs, "yours": yours} for name, (theirs, yours) in conflict.changes.items()},
    }


# ------------------------------------------------------------------ endpoints


@router.get("", response=InitiativePage, auth=OPTIONAL_AUTH, summary="Lista initiativ")
def list_initiatives(request: HttpRequest, filters: Query[InitiativeFilters]) -> dict[str, Any]:
    """Synliga initiativ med samma filter som listsidan, sidindelat med totalt antal (`count`).
    Flera värden anges med kommatecken eller genom att upprepa parametern."""
    queryset, _sort, _text, _engine = selectors.filtered_initiatives(user_of(request), request.GET)
    page = paginate(selectors.with_related(queryset), filters.page, filters.page_size)
    page["results"] = [summary_out(i) for i in page["results"]]
    return page


@router.get(
    "/export",
    auth=OPTIONAL_AUTH,
    summary="Exportera initiativ (CSV, JSON, XLSX)",
    response={400: ErrorOut},
    openapi_extra=file_download("text/csv", "application/json", SPREADSHEET),
)
def export_initiatives(request: HttpRequest, format: str = "csv") -> HttpResponse:  # noqa: A002 - the API's name
    """Samma filter som listan; `format=csv|csv-excel|json|xlsx` (kolumnerna: /initiativ/exportera/#kolumner)."""
    from kraft.initiatives import exports

    return exports.export_response(request, request.GET, user=user_of(request))


@router.get("/statistics", auth=OPTIONAL_AUTH, summary="Statistik över publicerade initiativ")
def initiative_statistics(request: HttpRequest) -> dict[str, Any]:
    """Antal per område, teknik, fas, län, riskklass och över tid, andel utvärderade och uppmätt årligt värde.

    Samma filter som listan; `country` är `se` om inget annat anges (`international`, `all` eller en landskod)."""
    from kraft.initiatives import stats

    return stats.statistics_for(user_of(request), request.GET)


@router.post(
    "",
    response={201: InitiativeOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=AUTH,
    summary="Skapa ett initiativ",
)
def create_initiative(request: HttpRequest, payload: InitiativeIn) -> tuple[int, dict[str, Any]]:
    """Skapar ett utkast (eller publicerar direkt med `publish: true`) för en organisation där du är redaktör."""
    user = user_of(request)
    lead = Organisation.objects.filter(pk=payload.lead_organisation).first()
    if lead is None:
        raise HttpError(400, "Okänd ansvarig organisation.")
    data, partners = _content(payload, only_sent=True)
    initiative = services.create_initiative(
        user,
        data,
        lead_organisation=lead,
        partners=partners or (),
        effects=[e.dict() for e in payload.effects],
        costs=[c.dict() for c in payload.costs],
        publish=payload.publish,
    )
    return 201, detail_out(user, initiative)


@router.get(
    "/{int:initiative_id}", response={200: InitiativeOut, 404: ErrorOut}, auth=OPTIONAL_AUTH, summary="Ett initiativ"
)
def get_initiative(request: HttpRequest, initiative_id: int) -> dict[str, Any]:
    """Med effekter, kostnader, nyckeltal (årligt värde, total kostnad, ROI) och versioner."""
    user = user_of(request)
    return detail_out(user, selectors.get_initiative_for_user(user, initiative_id))


def _update(request: HttpRequest, initiative_id: int, payload: InitiativeUpdateIn, *, partial: bool) -> Any:
    user = user_of(request)
    initiative = selectors.get_initiative_for_user(user, initiative_id)
    data, partners = _content(payload, only_sent=partial)
    try:
        services.update_initiative(user, initiative, data, payload.version, partners=partners)
    except services.StaleEdit as conflict:
        return _stale(conflict)
    return 200, detail_out(user, initiative)


UPDATE_RESPONSES = {200: InitiativeOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: StaleOut}


@router.patch("/{int:initiative_id}", response=UPDATE_RESPONSES, auth=AUTH, summary="Ändra delar av ett initiativ")
def patch_initiative(request: HttpRequest, initiative_id: int, payload: InitiativeUpdateIn) -> Any:
    """Ändrar bara fälten som skickas. `version` krävs; är den inaktuell svarar API:t 409 med vad som ändrats."""
    return _update(request, initiative_id, payload, partial=True)


@router.put("/{int:initiative_id}", response=UPDATE_RESPONSES, auth=AUTH, summary="Ersätt ett initiativs fält")
def put_initiative(request: HttpRequest, initiative_id: int, payload: InitiativeUpdateIn) -> Any:
    """Ersätter alla fält; fält som inte skickas töms. `version` krävs (409 om den är inaktuell)."""
    if not payload.title:
        raise HttpError(400, "title krävs.")
    return _update(request, initiative_id, payload, partial=False)


WRITE_RESPONSES = {200: InitiativeOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.post("/{int:initiative_id}/publish", response=WRITE_RESPONSES, auth=AUTH, summary="Publicera")
def publish_initiative(request: HttpRequest, initiative_id: int) -> Any:
    user = user_of(request)
    initiative = selectors.get_initiative_for_user(user, initiative_id)
    services.publish_initiative(user, initiative)
    return 200, detail_out(user, initiative)


@router.post("/{int:initiative_id}/archive", response=WRITE_RESPONSES, auth=AUTH, summary="Arkivera")
def archive_initiative(request: HttpRequest, initiative_id: int) -> Any:
    user = user_of(request)
    initiative = selectors.get_initiative_for_user(user, initiative_id)
    services.archive_initiative(user, initiative)
    return 200, detail_out(user, initiative)


@router.post(
    "/{int:initiative_id}/copy",
    response={201: InitiativeOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Utgå från initiativet",
)
def copy_initiative(request: HttpRequest, initiative_id: int, payload: CopyIn) -> Any:
    """Ett nytt utkast för din organisation som behåller länken till originalet (även från leverantörsmallar)."""
    user = user_of(request)
    source = selectors.get_initiative_for_user(user, initiative_id)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise HttpError(400, "Okänd organisation.")
    copy = services.copy_initiative(user, source, organisation, title=payload.title)
    return 201, detail_out(user, copy)


@router.get(
    "/{int:initiative_id}/versions/{int:number}",
    response={200: dict[str, Any], 404: ErrorOut},
    auth=OPTIONAL_AUTH,
    summary="En publicerad version",
)
def get_version(request: HttpRequest, initiative_id: int, number: int) -> dict[str, Any]:
    initiative = selectors.get_initiative_for_user(user_of(request), initiative_id)
    version = get_object_or_404(selectors.versions_of(initiative), number=number)
    return {"number": version.number, "created_at": version.created_at.isoformat(), "snapshot": version.snapshot}


@router.get(
    "/{int:initiative_id}/scaled", response={200: dict[str, Any], 404: ErrorOut}, auth=OPTIONAL_AUTH, summary="Skalning"
)
def scaled(request: HttpRequest, initiative_id: int, params: Query[ScaleQuery]) -> dict[str, Any]:
    """Uppskattat värde och kostnad om `n` fler organisationer inför initiativet, med antagandena."""
    initiative = selectors.get_initiative_for_user(user_of(request), initiative_id)
    return roi.scaled_impact(initiative, params.n, params.adoption, params.replication_cost).as_dict()


# ------------------------------------------------------------------ effects and costs


def _editable(request: HttpRequest, initiative_id: int) -> tuple[Any, Initiative]:
    user = user_of(request)
    initiative = selectors.get_initiative_for_user(user, initiative_id)
    if not services.can_edit(user, initiative):
        raise PermissionDenied("Du behöver vara redaktör i den ansvariga organisationen.")
    return user, initiative


@router.post("/{int:initiative_id}/effects", response=WRITE_RESPONSES, auth=AUTH, summary="Lägg till en effekt")
def add_effect(request: HttpRequest, initiative_id: int, payload: EffectIn) -> Any:
    user, initiative = _editable(request, initiative_id)
    services.add_effect(user, initiative, payload.dict())
    return 200, detail_out(user, initiative)


@router.put(
    "/{int:initiative_id}/effects/{int:effect_id}", response=WRITE_RESPONSES, auth=AUTH, summary="Ändra en effekt"
)
def update_effect(request: HttpRequest, initiative_id: int, effect_id: int, payload: EffectIn) -> Any:
    user, initiative = _editable(request, initiative_id)
    services.update_effect(user, get_object_or_404(Effect, pk=effect_id, initiative=initiative), payload.dict())
    return 200, detail_out(user, initiative)


@router.delete(
    "/{int:initiative_id}/effects/{int:effect_id}", response=WRITE_RESPONSES, auth=AUTH, summary="Ta bort en effekt"
)
def delete_effect(request: HttpRequest, initiative_id: int, effect_id: int) -> Any:
    user, initiative = _editable(request, initiative_id)
    services.delete_effect(user, get_object_or_404(Effect, pk=effect_id, initiative=initiative))
    return 200, detail_out(user, initiative)


@router.post("/{int:initiative_id}/costs", response=WRITE_RESPONSES, auth=AUTH, summary="Lägg till en kostnad")
def add_cost(request: HttpRequest, initiative_id: int, payload: CostIn) -> Any:
    user, initiative = _editable(request, initiative_id)
    services.add_cost(user, initiative, payload.dict())
    return 200, detail_out(user, initiative)


@router.put("/{int:initiative_id}/costs/{int:cost_id}", response=WRITE_RESPONSES, auth=AUTH, summary="Ändra en kostnad")
def update_cost(request: HttpRequest, initiative_id: int, cost_id: int, payload: CostIn) -> Any:
    user, initiative = _editable(request, initiative_id)
    services.update_cost(user, get_object_or_404(Cost, pk=cost_id, initiative=initiative), payload.dict())
    return 200, detail_out(user, initiative)


@router.delete(
    "/{int:initiative_id}/costs/{int:cost_id}", response=WRITE_RESPONSES, auth=AUTH, summary="Ta bort en kostnad"
)
def delete_cost(request: HttpRequest, initiative_id: int, cost_id: int) -> Any:
    user, initiative = _editable(request, initiative_id)
    services.delete_cost(user, get_object_or_404(Cost, pk=cost_id, initiative=initiative))
    return 200, detail_out(user, initiative)
