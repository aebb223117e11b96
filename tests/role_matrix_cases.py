"""The role matrix as data: every page and API endpoint × every role, with the status each role must get.

Other apps add their own rows: append ``Case(...)`` objects to ``CASES`` in a module of their own and import it
here, or extend the list at the bottom (one line per app, e.g. ``CASES += initiatives_cases.CASES``).
``tests/test_role_matrix.py`` runs each case once per role in a rolled-back transaction, so writes by one role do
not leak into the next, and fails on any 5xx.

Expectations per role are an HTTP status, or ``LOGIN`` for "redirected to the login page".
Use the helpers: ``everyone(200)``, ``signed_in(200)``, ``at_least("editor")`` (pages) and ``api_at_least``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tests import factories

LOGIN = "login"
ROLES = factories.ROLE_NAMES  # anonymous, outsider, member, editor, admin, other_admin, staff
# Rank of each role inside the RoleSet's organisation (Sundsvalls kommun); staff may act everywhere.
RANK = {"anonymous": -1, "outsider": 0, "member": 1, "editor": 2, "admin": 3, "other_admin": 0, "staff": 99}
MIN_RANK = {"member": 1, "editor": 2, "admin": 3, "staff": 99}

Expect = Mapping[str, int | str]
UrlBuilder = Callable[[factories.RoleSet], str]


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    url: UrlBuilder
    expect: Expect
    data: Callable[[factories.RoleSet], dict[str, Any]] | None = None
    json: bool = False  # send ``data`` as a JSON body (API)
    headers: dict[str, str] = field(default_factory=dict)


def everyone(status: int | str = 200) -> dict[str, int | str]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int | str = 200, anonymous: int | str = LOGIN) -> dict[str, int | str]:
    return {**everyone(status), "anonymous": anonymous}


def at_least(
    role: str, allowed: int | str = 200, refused: int | str = 403, anonymous: int | str = LOGIN
) -> dict[str, int | str]:
    """Allowed from ``role`` upwards in the organisation (staff always), refused below, login for anonymous."""
    result = {name: allowed if RANK[name] >= MIN_RANK[role] else refused for name in ROLES}
    result["anonymous"] = anonymous
    return result


def api_at_least(role: str, allowed: int = 200, refused: int = 403) -> dict[str, int | str]:
    return at_least(role, allowed, refused, anonymous=401)


def with_(expect: Mapping[str, int | str], **overrides: int | str) -> dict[str, int | str]:
    return {**expect, **overrides}


# ---------------------------------------------------------------- helpers that create what a URL needs


def org(roles: factories.RoleSet) -> int:
    return roles.organisation.pk


def pending_organisation(roles: factories.RoleSet) -> int:
    from kraft.organisations.models import Organisation
    from kraft.organisations.services import register_organisation

    existing = Organisation.objects.filter(org_number="802481-5717").first()
    if existing:
        return existing.pk
    registrant = factories.user("registrant")
    return register_organisation(registrant, name="Matrisföreningen", kind="civilsamhalle", org_number="8024815717").pk


def pending_request(roles: factories.RoleSet) -> int:
    from kraft.organisations.models import Membership

    person = factories.user("sokande")
    return Membership.objects.create(user=person, organisation=roles.organisation).pk


def membership_of_member(roles: factories.RoleSet) -> int:
    from kraft.organisations.models import Membership

    return Membership.objects.get(user=roles.member, organisation=roles.organisation).pk


def token_of_member(roles: factories.RoleSet) -> int:
    from kraft.accounts.services import create_api_token

    return create_api_token(roles.member, "Matris")[0].pk


def edit_data(roles: factories.RoleSet) -> dict[str, Any]:
    organisation = roles.organisation
    return {
        "name": organisation.name,
        "official_name": organisation.official_name,
        "legal_form": "kommun",
        "county": organisation.county_id,
        "website": "https://sundsvall.se",
        "email": "",
        "description": "",
        "version": organisation.version,
    }


def registration(roles: factories.RoleSet) -> dict[str, Any]:
    return {"name": "Matrisföreningen", "kind": "civilsamhalle", "org_number": "802481-5717"}


ORG_ADMIN_PAGE = at_least("admin")
AUDIT_PAGE = with_(at_least("admin"), other_admin=200)
SIGNED_IN_REDIRECT = {**everyone(302), "anonymous": 200}

CASES: list[Case] = [
    # accounts
    Case("login page", "GET", lambda r: "/konto/logga-in/", SIGNED_IN_REDIRECT),
    Case("signup page", "GET", lambda r: "/konto/skapa-konto/", SIGNED_IN_REDIRECT),
    Case("profile", "GET", lambda r: "/konto/profil/", signed_in()),
    Case("password reset", "GET", lambda r: "/konto/glomt-losenord/", everyone()),
    Case("password reset sent", "GET", lambda r: "/konto/glomt-losenord/skickat/", everyone()),
    Case("invalid reset link", "GET", lambda r: "/konto/aterstall/MQ/fel-token/", everyone()),
    Case("locked out page", "GET", lambda r: "/konto/sparrad/", everyone(429)),
    Case("logout", "POST", lambda r: "/konto/logga-ut/", everyone(302)),
    Case("create token", "POST", lambda r: "/konto/profil/api-nycklar/", signed_in(), data=lambda r: {"name": "x"}),
    Case(
        "revoke token",
        "POST",
        lambda r: f"/konto/profil/api-nycklar/{token_of_member(r)}/aterkalla/",
        with_(signed_in(404), member=302),
    ),
    # organisations
    Case("organisation list", "GET", lambda r: "/organisationer/?kind=kommun&county=22&q=s", everyone()),
    Case("sources", "GET", lambda r: "/organisationer/kallor/", everyone()),
    Case("organisation page", "GET", lambda r: f"/organisationer/{org(r)}/", everyone()),
    Case(
        "pending organisation page",
        "GET",
        lambda r: f"/organisationer/{pending_organisation(r)}/",
        with_(everyone(404), staff=200),
    ),
    Case("register page", "GET", lambda r: "/organisationer/registrera/", signed_in()),
    Case("register", "POST", lambda r: "/organisationer/registrera/", signed_in(302), data=registration),
    Case("review queue", "GET", lambda r: "/organisationer/granska/", at_least("staff")),
    Case(
        "approve organisation",
        "POST",
        lambda r: f"/organisationer/granska/{pending_organisation(r)}/godkann/",
        at_least("staff", allowed=302),
    ),
    Case(
        "reject organisation",
        "POST",
        lambda r: f"/organisationer/granska/{pending_organisation(r)}/avsla/",
        at_least("staff", allowed=302),
    ),
    Case("edit page", "GET", lambda r: f"/organisationer/{org(r)}/redigera/", ORG_ADMIN_PAGE),
    Case(
        "edit", "POST", lambda r: f"/organisationer/{org(r)}/redigera/", at_least("admin", allowed=302), data=edit_data
    ),
    Case("join", "POST", lambda r: f"/organisationer/{org(r)}/ga-med/", signed_in(302)),
    Case(
        "leave",
        "POST",
        lambda r: f"/organisationer/{org(r)}/lamna/",
        with_(signed_in(404), member=302, editor=302, admin=302),
    ),
    Case("members page", "GET", lambda r: f"/organisationer/{org(r)}/medlemmar/", ORG_ADMIN_PAGE),
    Case(
        "approve request",
        "POST",
        lambda r: f"/organisationer/{org(r)}/medlemmar/{pending_request(r)}/godkann/",
        at_least("admin", allowed=302),
        data=lambda r: {"role": "editor"},
    ),
    Case(
        "reject request",
        "POST",
        lambda r: f"/organisationer/{org(r)}/medlemmar/{pending_request(r)}/avsla/",
        at_least("admin", allowed=302),
    ),
    Case(
        "change role",
        "POST",
        lambda r: f"/organisationer/{org(r)}/medlemmar/{membership_of_member(r)}/roll/",
        at_least("admin", allowed=302),
        data=lambda r: {"role": "editor"},
    ),
    Case(
        "remove member",
        "POST",
        lambda r: f"/organisationer/{org(r)}/medlemmar/{membership_of_member(r)}/ta-bort/",
        at_least("admin", allowed=302),
    ),
    # audit
    Case("audit trail", "GET", lambda r: "/logg/", AUDIT_PAGE),
    Case("audit trail of organisation", "GET", lambda r: f"/logg/?organisation={org(r)}", AUDIT_PAGE),
    Case("audit csv", "GET", lambda r: "/logg/export.csv", AUDIT_PAGE),
    # API
    Case("api organisations", "GET", lambda r: "/api/v1/organisations?kind=kommun", everyone()),
    Case(
        "api organisations by status",
        "GET",
        lambda r: "/api/v1/organisations?status=pending",
        with_(everyone(403), staff=200),
    ),
    Case("api organisation", "GET", lambda r: f"/api/v1/organisations/{org(r)}", everyone()),
    Case(
        "api pending organisation",
        "GET",
        lambda r: f"/api/v1/organisations/{pending_organisation(r)}",
        with_(everyone(404), staff=200),
    ),
    Case("api members", "GET", lambda r: f"/api/v1/organisations/{org(r)}/members", signed_in(200, 401)),
    Case("api register", "POST", lambda r: "/api/v1/organisations", signed_in(201, 401), data=registration, json=True),
    Case(
        "api join",
        "POST",
        lambda r: f"/api/v1/organisations/{org(r)}/join",
        with_(signed_in(201, 401), member=409, editor=409, admin=409),
        data=lambda r: {},
        json=True,
    ),
    Case("api requests", "GET", lambda r: f"/api/v1/organisations/{org(r)}/requests", api_at_least("admin")),
    Case(
        "api approve request",
        "POST",
        lambda r: f"/api/v1/organisations/{org(r)}/requests/{pending_request(r)}/approve",
        api_at_least("admin"),
        data=lambda r: {"role": "editor"},
        json=True,
    ),
    Case(
        "api reject request",
        "POST",
        lambda r: f"/api/v1/organisations/{org(r)}/requests/{pending_request(r)}/reject",
        api_at_least("admin"),
    ),
    Case(
        "api change role",
        "PUT",
        lambda r: f"/api/v1/organisations/{org(r)}/members/{membership_of_member(r)}/role",
        api_at_least("admin"),
        data=lambda r: {"role": "editor"},
        json=True,
    ),
    Case(
        "api remove member",
        "DELETE",
        lambda r: f"/api/v1/organisations/{org(r)}/members/{membership_of_member(r)}",
        api_at_least("admin", allowed=204),
    ),
    Case(
        "api approve organisation",
        "POST",
        lambda r: f"/api/v1/organisations/{pending_organisation(r)}/approve",
        api_at_least("staff"),
    ),
    Case(
        "api reject organisation",
        "POST",
        lambda r: f"/api/v1/organisations/{pending_organisation(r)}/reject",
        api_at_least("staff"),
        data=lambda r: {"reason": "okänd"},
        json=True,
    ),
    Case("api me", "GET", lambda r: "/api/v1/me", signed_in(200, 401)),
    Case("api tokens", "GET", lambda r: "/api/v1/me/tokens", signed_in(200, 401)),
    Case(
        "api create token",
        "POST",
        lambda r: "/api/v1/me/tokens",
        signed_in(201, 401),
        data=lambda r: {"name": "x"},
        json=True,
    ),
    Case(
        "api revoke token",
        "DELETE",
        lambda r: f"/api/v1/me/tokens/{token_of_member(r)}",
        with_(signed_in(404, 401), member=200),
    ),
    Case("api audit", "GET", lambda r: "/api/v1/audit", with_(api_at_least("admin"), other_admin=200)),
    Case("api audit of organisation", "GET", lambda r: f"/api/v1/audit?organisation={org(r)}", api_at_least("admin")),
]

from tests.initiatives import role_matrix_cases as initiatives_cases  # noqa: E402 - rows defined above first
from tests.triage import role_matrix_cases as triage_cases  # noqa: E402

CASES += initiatives_cases.CASES

from tests.assessments import role_matrix_cases as assessments_cases  # noqa: E402
from tests.portfolio import role_matrix_cases as portfolio_cases  # noqa: E402

CASES += assessments_cases.CASES + portfolio_cases.CASES
CASES += triage_cases.CASES
