"""/api/v1/portfolio: the ranked portfolio of the person's organisation, with scores, reasons and sources.

Private to the organisation's members (404 for everyone else, as on the page). Weights may be tried without
saving (``w_value``, ``w_feasibility``, ``w_risk``, ``w_reuse``); wrong weights are a 400 with a Swedish message.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kraft.core.api import AUTH, ErrorOut, user_of
from kraft.portfolio import scoring, selectors, services
from kraft.portfolio.rules import CRITERIA

router = Router(tags=["portfölj"])


class PortfolioFilters(Schema):
    organisation: int | None = Field(None, description="Organisationens id (standard: din enda organisation)")
    w_value: str | None = None
    w_feasibility: str | None = None
    w_risk: str | None = None
    w_reuse: str | None = None


class ReasonOut(Schema):
    criterion: str
    text: str
    url: str


class ItemOut(Schema):
    kind: str
    id: int
    title: str
    url: str
    rank: int
    total: float
    low: float
    high: float
    uncertain: bool
    score_value: float
    score_feasibility: float
    score_risk: float
    score_reuse: float
    annual_value: str
    roi: str | None
    total_cost: str
    value_basis: str
    person_hours: int | None
    rank_best: int
    rank_worst: int
    reasons: list[ReasonOut]


class PortfolioOut(Schema):
    organisation: dict[str, Any]
    weights: dict[str, int]
    saved_weights: dict[str, int]
    scoring_version: str
    needs_available: bool
    items: list[ItemOut]


def _organisation(request: HttpRequest, pk: int | None) -> Any:
    user = user_of(request)
    if pk is None:
        mine = list(selectors.my_organisations(user)[:2])
        if len(mine) != 1:
            raise HttpError(400, "Ange organisation (du är medlem i flera eller ingen).")
        pk = mine[0].pk
    return selectors.get_organisation_for_user(user, pk)


def _weights(filters: PortfolioFilters) -> dict[str, int] | None:
    raw = {c: getattr(filters, f"w_{c}") for c in CRITERIA}
    if not any(raw.values()):
        return None
    try:
        return services.parse_weights(raw)
    except ValidationError as error:
        raise HttpError(400, " ".join(services.messages_of(error))) from error


@router.get(
    "",
    auth=AUTH,
    response={200: PortfolioOut, 400: ErrorOut, 404: ErrorOut},
    summary="Organisationens portfölj, rangordnad med skäl",
)
def get_portfolio(request: HttpRequest, filters: Query[PortfolioFilters]) -> dict[str, Any]:
    organisation = _organisation(request, filters.organisation)
    portfolio = selectors.build(user_of(request), organisation, _weights(filters), with_sensitivity=True)
    return {
        "organisation": {"id": organisation.pk, "name": organisation.name},
        "weights": portfolio.weights,
        "saved_weights": portfolio.saved_weights,
        "scoring_version": portfolio.rules.version,
        "needs_available": portfolio.needs_available,
        "items": [scoring.as_record(s) for s in portfolio.ranked],
    }


@router.get("/export", auth=AUTH, response={400: ErrorOut, 404: ErrorOut}, summary="Portföljen som CSV eller XLSX")
def export_portfolio(request: HttpRequest, filters: Query[PortfolioFilters], format: str = "csv") -> HttpResponse:  # noqa: A002
    from kraft.assessments import exports
    from kraft.portfolio.views import COLUMNS

    if format not in exports.FORMATS:
        raise HttpError(400, "Okänt format. Välj csv eller xlsx.")
    organisation = _organisation(request, filters.organisation)
    portfolio = selectors.build(user_of(request), organisation, _weights(filters), with_sensitivity=True)
    rows = [scoring.as_record(s) for s in portfolio.ranked]
    return exports.download(
        format,
        f"kraft-portfolj-{organisation.pk}",
        "Portfölj",
        COLUMNS,
        rows,
        {"organisation": organisation.name, "vikter": portfolio.weights},
    )
