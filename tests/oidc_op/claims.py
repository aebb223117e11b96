"""Claims of the test provider's people. Usernames starting with "unverified" have e-mail_verified false."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims: dict[str, Any], user: Any) -> dict[str, Any]:
    claims["email"] = user.email
    claims["email_verified"] = not user.username.startswith("unverified")
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["name"] = f"{user.first_name} {user.last_name}".strip()
    claims["preferred_username"] = user.username
    return claims


# The organisation each test person works for, as a kommunkod (an organisationsnummer works too).
ORGANISATIONS = {"eva": "2281"}


class OrganisationScopeClaims(ScopeClaims):
    info_organisation = (_("Organisation"), _("Which organisation you work for."))

    def scope_organisation(self) -> dict[str, Any]:
        return {"organisation_number": ORGANISATIONS.get(self.user.username, "")}
