"""The portfolio's rows in the role matrix (``tests/role_matrix_cases.py`` adds ``CASES`` from here)."""

from __future__ import annotations

from tests import factories
from tests.role_matrix_cases import LOGIN, Case, at_least, everyone, with_

HIDDEN = {"outsider": 404, "other_admin": 404}
MEMBERS = with_(everyone(200), anonymous=LOGIN, **HIDDEN)
API_MEMBERS = with_(everyone(200), anonymous=401, **HIDDEN)


def initiative(roles: factories.RoleSet) -> int:
    from kraft.initiatives.models import Initiative
    from tests.initiatives.helpers import chatbot

    found = Initiative.objects.filter(lead_organisation=roles.organisation, title="Chattbot i växeln").first()
    return (found or chatbot("test", roles.organisation, publish=True)).pk


def portfolio(roles: factories.RoleSet, suffix: str = "") -> str:
    initiative(roles)
    return f"/portfolj/{roles.organisation.pk}/{suffix}"


WEIGHTS = {"w_value": 25, "w_feasibility": 25, "w_risk": 25, "w_reuse": 25, "version": 0}

CASES = [
    Case(
        "portfolio index",
        "GET",
        lambda r: "/portfolj/",
        with_(everyone(302), anonymous=LOGIN, outsider=200, staff=200),
    ),
    Case("portfolio detail", "GET", lambda r: portfolio(r), MEMBERS),
    Case(
        "portfolio preview", "GET", lambda r: portfolio(r, "?w_value=10&w_feasibility=20&w_risk=60&w_reuse=10"), MEMBERS
    ),
    Case("portfolio selection", "GET", lambda r: portfolio(r, "?budget=300000"), MEMBERS),
    Case(
        "portfolio weights",
        "POST",
        lambda r: portfolio(r, "vikter/"),
        with_(at_least("admin", 302), **HIDDEN),
        data=lambda r: WEIGHTS,
    ),
    Case(
        "portfolio decide",
        "POST",
        lambda r: portfolio(r, "besluta/"),
        with_(at_least("admin", 302), **HIDDEN),
        data=lambda r: {"budget": "300000", "reason": "Rollmatris"},
    ),
    Case(
        "portfolio estimate",
        "POST",
        lambda r: portfolio(r, "timmar/"),
        with_(at_least("editor", 302), **HIDDEN),
        data=lambda r: {"initiative": initiative(r), "person_hours": "40"},
    ),
    Case("portfolio decisions", "GET", lambda r: portfolio(r, "beslut/"), MEMBERS),
    Case("portfolio export csv", "GET", lambda r: portfolio(r, "export.csv"), MEMBERS),
    Case("portfolio export xlsx", "GET", lambda r: portfolio(r, "export.xlsx"), MEMBERS),
    Case(
        "api portfolio",
        "GET",
        lambda r: f"/api/v1/portfolio?organisation={initiative(r) and r.organisation.pk}",
        API_MEMBERS,
    ),
    Case(
        "api portfolio export",
        "GET",
        lambda r: f"/api/v1/portfolio/export?format=csv&organisation={initiative(r) and r.organisation.pk}",
        API_MEMBERS,
    ),
]
