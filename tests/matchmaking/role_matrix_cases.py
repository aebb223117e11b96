"""Matchmaking's rows in the role matrix."""

from __future__ import annotations

from typing import Any

from tests import factories
from tests.initiatives.role_matrix_cases import draft as draft_initiative
from tests.initiatives.role_matrix_cases import published as published_initiative
from tests.needs.role_matrix_cases import DRAFT_READERS, draft, public
from tests.role_matrix_cases import Case, everyone, signed_in, with_


def feedback(roles: factories.RoleSet) -> dict[str, Any]:
    return {
        "source_kind": "need",
        "source_id": public(roles),
        "target_kind": "initiative",
        "target_id": published_initiative(roles),
        "useful": "1",
    }


def feedback_on_draft(roles: factories.RoleSet) -> dict[str, Any]:
    return {**feedback(roles), "source_id": draft(roles)}


INITIATIVE_DRAFT_READERS = with_(everyone(200), anonymous=404, outsider=404, other_admin=404)

CASES = [
    Case("api need similar", "GET", lambda r: f"/api/v1/needs/{public(r)}/similar", everyone(200)),
    Case("api draft need similar", "GET", lambda r: f"/api/v1/needs/{draft(r)}/similar", DRAFT_READERS),
    Case(
        "api initiative similar",
        "GET",
        lambda r: f"/api/v1/initiatives/{published_initiative(r)}/similar",
        everyone(200),
    ),
    Case(
        "api draft initiative similar",
        "GET",
        lambda r: f"/api/v1/initiatives/{draft_initiative(r)}/similar",
        INITIATIVE_DRAFT_READERS,
    ),
    Case(
        "live suggestions",
        "GET",
        lambda r: "/matchning/forslag/?title=Chattbot&problem=Invånare+ringer+växeln+om+bygglov",
        everyone(200),
    ),
    Case("mark suggestion", "POST", lambda r: "/matchning/omdome/", signed_in(302), data=feedback),
    # A draft's page is not the outsider's to judge: the service refuses (404) and nothing is stored.
    Case(
        "mark suggestion on a draft",
        "POST",
        lambda r: "/matchning/omdome/",
        with_(signed_in(302), outsider=404, other_admin=404),
        data=feedback_on_draft,
    ),
]
