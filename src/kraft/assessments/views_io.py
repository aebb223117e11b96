"""Peer comparison page and the CSV/XLSX download of an assessment's results."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kraft.accounts import permissions
from kraft.assessments import exports, peers, presentation, selectors
from kraft.organisations.models import County, Organisation

COLUMNS = [
    "dimension",
    "dimension_name",
    "score",
    "level",
    "level_name",
    "spread",
    "lowest",
    "highest",
    "respondents",
    "answered",
    "dont_know",
    "with_evidence",
    "confidence",
    "change_since_previous",
    "evidence_indication",
    "disagreement",
    "by_role",
]


def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, pk)
    if assessment.is_open:
        return HttpResponse(
            _("Resultatet finns när bedömningen är stängd."), status=409, content_type="text/plain; charset=utf-8"
        )
    rows = presentation.as_records(assessment, presentation.rows(assessment, request.user))
    about = {
        "organisation": assessment.organisation.name,
        "omgång": assessment.round,
        "frågebankens version": assessment.bank_version,
        "stängd": assessment.closed_at,
    }
    return exports.download(
        fmt, f"kraft-mognad-{assessment.organisation_id}-{assessment.round}", "Mognad", COLUMNS, rows, about
    )


def group_from(params: Any) -> tuple[peers.Group, dict[str, str]]:
    """The group chosen in the query string; unknown values count as 'all' for that facet."""
    kinds = dict(Organisation.Kind.choices)
    bands = dict(peers.size_band_choices())
    kind = params.get("kind", "") if params.get("kind", "") in kinds else ""
    size = params.get("size", "") if params.get("size", "") in bands else ""
    county = params.get("county", "")
    county = county if county.isdigit() and len(county) == 2 else ""
    return peers.Group(kind=kind, size=size, county=county), {"kind": kind, "size": size, "county": county}


def own_organisation(user: Any, params: Any) -> Organisation | None:
    """The organisation whose position is shown: one the person is a member of (never anyone else's)."""
    raw = params.get("organisation", "")
    if not raw.isdigit():
        return None
    organisation = Organisation.objects.filter(pk=int(raw)).first()
    if organisation is None or not permissions.can_view_private_of(user, organisation):
        return None
    return organisation


def peers_page(request: HttpRequest) -> HttpResponse:
    group, chosen = group_from(request.GET)
    own = own_organisation(request.user, request.GET)
    comparison, refused = None, ""
    try:
        comparison = peers.compare(group, own)
    except peers.GroupTooSmall as error:
        refused = str(error)
    context = {
        "comparison": comparison,
        "refused": refused,
        "chosen": chosen,
        "own": own,
        "kinds": Organisation.Kind.choices,
        "sizes": peers.size_band_choices(),
        "counties": County.objects.order_by("code"),
        "own_choices": Organisation.objects.filter(pk__in=permissions.member_organisation_ids(request.user)),
        "min_group": peers.MIN_GROUP,
        "levels": range(1, 6),
    }
    return render(request, "assessments/peers.html", context)
