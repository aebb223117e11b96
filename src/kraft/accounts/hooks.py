"""The accounts app's contributions to other apps' pages (see ``kraft.organisations.extensions``)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def audit_action_labels() -> dict[str, str]:
    return {
        "invitation_sent": _("Inbjudan skickad"),
        "invitation_revoked": _("Inbjudan återkallad"),
        "invitation_accepted": _("Inbjudan antagen"),
        "membership_joined_by_invitation": _("Medlem genom inbjudan"),
        "membership_joined_by_sign_in": _("Medlem genom inloggningstjänst"),
        "email_verified": _("E-postadress bekräftad"),
        "oidc_signed_in": _("Inloggning med inloggningstjänst"),
        "oidc_identity_linked": _("Inloggningstjänst kopplad till konto"),
        "oidc_login_refused": _("Inloggning med inloggningstjänst nekad"),
    }
