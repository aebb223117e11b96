"""/api/v1/needs/{id}/similar and /api/v1/initiatives/{id}/similar: suggestions with reasons, as on the pages.

Only public records are ever suggested; the record asked about must be visible to the caller.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from kraft.core.api import OPTIONAL_AUTH, ErrorOut, user_of
from kraft.matchmaking import suggestions

needs_router = Router(tags=["behov"])
initiatives_router = Router(tags=["initiativ"])


class SuggestionOut(Schema):
    kind: str
    id: int
    title: str
    url: str
    organisation: str | None
    score: float
    reasons: list[str]


class OrganisationSuggestionOut(Schema):
    id: int
    name: str
    url: str
    reasons: list[str]


class SimilarOut(Schema):
    needs: list[SuggestionOut]
    initiatives: list[SuggestionOut]
    organisations: list[OrganisationSuggestionOut]


def _out(result: suggestions.Suggestions) -> dict[str, Any]:
    def item(s: suggestions.Suggestion) -> dict[str, Any]:
        obj = s.object
        organisation: str | None
        if s.kind == "need":
            url, organisation = f"/behov/{obj.pk}/", str(obj.organisation)
        else:
            url, organisation = f"/initiativ/{obj.pk}/", str(obj.lead_organisation) if obj.lead_organisation else None
        return {
            "kind": s.kind,
            "id": obj.pk,
            "title": obj.title,
            "url": url,
            "organisation": organisation,
            "score": s.score,
            "reasons": [str(r) for r in s.reasons],
        }

    return {
        "needs": [item(s) for s in result.needs],
        "initiatives": [item(s) for s in result.initiatives],
        "organisations": [
            {
                "id": o.organisation.pk,
                "name": str(o.organisation),
                "url": f"/organisationer/{o.organisation.pk}/",
                "reasons": [str(r) for r in o.reasons],
            }
            for o in result.organisations
        ],
    }


@needs_router.get(
    "/{int:need_id}/similar",
    response={200: SimilarOut, 404: ErrorOut},
    auth=OPTIONAL_AUTH,
    summary="Liknande behov, initiativ och organisationer",
)
def similar_to_need(request: HttpRequest, need_id: int) -> dict[str, Any]:
    """Förslag med skäl: samma område, samma ord, samma leverantör, liknande kommun, utvärderat,
    kompletterande resurser."""
    from kraft.needs.selectors import get_need_for_user

    user = user_of(request)
    return _out(suggestions.for_need(user, get_need_for_user(user, need_id)))


@initiatives_router.get(
    "/{int:initiative_id}/similar",
    response={200: SimilarOut, 404: ErrorOut},
    auth=OPTIONAL_AUTH,
    summary="Liknande behov, initiativ och organisationer",
)
def similar_to_initiative(request: HttpRequest, initiative_id: int) -> dict[str, Any]:
    """Samma förslag som på initiativets sida, med skäl."""
    from kraft.initiatives.selectors import get_initiative_for_user

    user = user_of(request)
    return _out(suggestions.for_initiative(user, get_initiative_for_user(user, initiative_id)))
