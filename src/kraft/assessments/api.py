"""/api/v1/assessments (own organisations' and published ones) and /api/v1/maturity/peers (aggregates, k ≥ 5).

The same selectors and rules as the pages: an assessment is visible to its organisation's members until it is
published; the peer comparison answers 400 ``group_too_small`` for a group of fewer than five organisations and
never returns a single organisation's row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kraft.assessments import next_steps, peers, presentation, selectors
from kraft.assessments.models import Assessment
from kraft.assessments.views_io import COLUMNS, group_from, own_organisation
from kraft.core.api import OPTIONAL_AUTH, ErrorOut, Page, paginate, user_of
from kraft.core.openapi import SPREADSHEET, file_download

router = Router(tags=["mognad"])
peers_router = Router(tags=["mognad"])


class AssessmentOrganisationRef(Schema):
    id: int
    name: str
    kind: str


class AssessmentOut(Schema):
    id: int
    url: str
    organisation: AssessmentOrganisationRef
    round: int
    title: str
    status: str
    is_published: bool
    bank_version: str
    started_at: datetime
    closed_at: datetime | None


class DimensionOut(Schema):
    dimension: str
    dimension_name: str
    score: float | None
    level: int | None
    level_name: str
    spread: float | None
    lowest: float | None
    highest: float | None
    respondents: int
    answered: int
    dont_know: int
    with_evidence: int
    confidence: str
    change_since_previous: float | None
    evidence_indication: int | None
    disagreement: str
    by_role: dict[str, float]


class StepOut(Schema):
    id: str
    dimension: str
    title: str
    sources: list[dict[str, str]]
    peers: list[AssessmentOrganisationRef]


class PlanItemOut(Schema):
    step: str
    title: str
    owner: str | None
    due_on: str
    status: str


class AssessmentDetailOut(AssessmentOut):
    results: list[DimensionOut] | None
    next_steps: list[StepOut] | None
    plan: list[PlanItemOut] | None = Field(None, description="Bara för organisationens medlemmar")


class AssessmentFilters(Schema):
    organisation: int | None = None
    status: Literal["open", "closed"] | None = None
    page: int = 1
    page_size: int = 20


def _out(a: Assessment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "url": f"/mognad/{a.pk}/",
        "organisation": {"id": a.organisation.pk, "name": a.organisation.name, "kind": a.organisation.kind},
        "round": a.round,
        "title": str(a),
        "status": a.status,
        "is_published": a.is_published,
        "bank_version": a.bank_version,
        "started_at": a.started_at,
        "closed_at": a.closed_at,
    }


@router.get("", auth=OPTIONAL_AUTH, response=Page[AssessmentOut], summary="Bedömningar: egna och publicerade")
def list_assessments(request: HttpRequest, filters: Query[AssessmentFilters]) -> dict[str, Any]:
    queryset = selectors.visible_assessments(user_of(request)).order_by("organisation__name", "-round")
    if filters.organisation:
        queryset = queryset.filter(organisation_id=filters.organisation)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    page = paginate(queryset, filters.page, filters.page_size)
    page["results"] = [_out(a) for a in page["results"]]
    return page


@router.get(
    "/{assessment_id}",
    auth=OPTIONAL_AUTH,
    response={200: AssessmentDetailOut, 404: ErrorOut},
    summary="En bedömning med resultat, nästa steg och (för medlemmar) 90-dagarsplanen",
)
def get_assessment(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    user = user_of(request)
    assessment = selectors.get_assessment_for_user(user, assessment_id)
    data = {**_out(assessment), "results": None, "next_steps": None, "plan": None}
    if assessment.is_open:
        return data
    rows = presentation.rows(assessment, user)
    data["results"] = presentation.as_records(assessment, rows)
    evidence = {r.dimension.id: r.evidence for r in rows}
    data["next_steps"] = [
        {
            "id": s.id,
            "dimension": s.dimension,
            "title": str(s.title),
            "sources": [{"title": x.title, "url": x.url} for x in s.sources],
            "peers": [{"id": o.pk, "name": o.name, "kind": o.kind} for o in s.peers],
        }
        for s in next_steps.steps_for(assessment, user, evidence)
    ]
    if selectors.can_view_private(user, assessment):
        data["plan"] = [
            {
                "step": i.step_id,
                "title": i.title,
                "owner": i.owner.get_username() if i.owner else None,
                "due_on": i.due_on.isoformat(),
                "status": i.status,
            }
            for i in selectors.plan_items_of(assessment)
        ]
    return data


@router.get(
    "/{assessment_id}/export",
    auth=OPTIONAL_AUTH,
    response={404: ErrorOut, 409: ErrorOut, 400: ErrorOut},
    summary="Resultatet som CSV eller XLSX",
    openapi_extra=file_download("text/csv", SPREADSHEET),
)
def export_assessment(request: HttpRequest, assessment_id: int, format: str = "csv") -> HttpResponse:  # noqa: A002
    from kraft.assessments import exports

    if format not in exports.FORMATS:
        raise HttpError(400, "Okänt format. Välj csv eller xlsx.")
    user = user_of(request)
    assessment = selectors.get_assessment_for_user(user, assessment_id)
    if assessment.is_open:
        raise HttpError(409, "Resultatet finns när bedömningen är stängd.")
    rows = presentation.as_records(assessment, presentation.rows(assessment, user))
    about = {"organisation": assessment.organisation.name, "omgång": assessment.round}
    return exports.download(
        format, f"kraft-mognad-{assessment.organisation_id}-{assessment.round}", "Mognad", COLUMNS, rows, about
    )


class PeerFilters(Schema):
    kind: str | None = Field(None, description="kommun, region, civilsamhalle, …")
    size: str | None = Field(None, description="Storleksband: under-15000, 15000-50000, 50000-100000, over-100000")
    county: str | None = Field(None, description="Länskod, t.ex. 22")
    organisation: int | None = Field(None, description="Egen organisation (bara medlemmar får se dess placering)")


class PeerDimensionOut(Schema):
    dimension: str
    name: str
    count: int
    distribution: dict[int, int]
    p25: float
    median: float
    p75: float
    own_score: float | None
    own_percentile: int | None


class PeersOut(Schema):
    group: dict[str, str]
    min_group: int
    count: int
    dimensions: list[PeerDimensionOut]


@peers_router.get(
    "/peers",
    auth=OPTIONAL_AUTH,
    response={200: PeersOut, 400: ErrorOut},
    summary="Jämförelse med andra: fördelning och percentiler per dimension (minst 5 organisationer)",
)
def peer_comparison(request: HttpRequest, filters: Query[PeerFilters]) -> Any:
    params = {k: "" if v is None else str(v) for k, v in filters.dict().items()}
    group, chosen = group_from(params)
    own = own_organisation(user_of(request), params)
    try:
        comparison = peers.compare(group, own)
    except peers.GroupTooSmall as error:
        return 400, {"detail": str(error), "code": "group_too_small"}
    return {
        "group": chosen,
        "min_group": peers.MIN_GROUP,
        "count": comparison.count,
        "dimensions": [vars(d) for d in comparison.dimensions],
    }
