"""Rows in the role matrix for "Mitt arbete", invitations, e-mail verification and OIDC sign-in."""

from __future__ import annotations

from tests import factories
from tests.role_matrix_cases import Case, at_least, everyone, org, signed_in


def open_invitation(roles: factories.RoleSet) -> int:
    from kraft.accounts import invitations
    from kraft.accounts.models import Invitation

    found = Invitation.objects.filter(email="inbjuden@example.se", revoked_at=None).first()
    if found is None:
        found, _key = invitations.invite(roles.admin, roles.organisation, "inbjuden@example.se", "member")
    return found.pk


CASES = [
    Case("my work", "GET", lambda r: "/mitt-arbete/", signed_in(200)),
    Case("verify e-mail page", "GET", lambda r: "/konto/bekrafta-e-post/", signed_in(200)),
    Case("send verification link", "POST", lambda r: "/konto/bekrafta-e-post/", signed_in(302)),
    Case("verify with a bad link", "POST", lambda r: "/konto/bekrafta-e-post/fel/", signed_in(302)),
    Case("invitations page", "GET", lambda r: f"/konto/inbjudningar/organisation/{org(r)}/", at_least("admin")),
    Case(
        "invite",
        "POST",
        lambda r: f"/konto/inbjudningar/organisation/{org(r)}/",
        at_least("admin", allowed=302),
        data=lambda r: {"email": "ny.person@example.se", "role": "editor"},
    ),
    Case(
        "revoke invitation",
        "POST",
        lambda r: f"/konto/inbjudningar/{open_invitation(r)}/aterkalla/",
        at_least("admin", allowed=302),
    ),
    Case("invitation with an unknown link", "GET", lambda r: "/konto/inbjudan/okand-nyckel/", everyone(410)),
    Case("invitation POST with an unknown link", "POST", lambda r: "/konto/inbjudan/okand-nyckel/", everyone(410)),
    Case("oidc sign-in when not configured", "GET", lambda r: "/konto/oidc/logga-in/", everyone(404)),
    Case("oidc callback when not configured", "GET", lambda r: "/konto/oidc/svar/", everyone(404)),
]
