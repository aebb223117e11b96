"""Readable names for the actions in the trail.

Other apps name their own actions with ``audit_action_labels() -> dict[str, str]`` in their ``hooks`` module
(see ``kraft.organisations.extensions``); unknown actions show their code.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "login": _("Inloggning"),
    "logout": _("Utloggning"),
    "login_failed": _("Misslyckad inloggning"),
    "user_signed_up": _("Konto skapat"),
    "profile_updated": _("Profil ändrad"),
    "password_reset": _("Lösenord återställt"),
    "api_token_created": _("API-nyckel skapad"),
    "api_token_revoked": _("API-nyckel återkallad"),
    "reference_loaded": _("Referensdata inläst"),
    "organisation_registered": _("Organisation registrerad"),
    "organisation_approved": _("Organisation godkänd"),
    "organisation_rejected": _("Organisation avslagen"),
    "organisation_updated": _("Organisation ändrad"),
    "membership_requested": _("Medlemskap begärt"),
    "membership_approved": _("Medlemskap godkänt"),
    "membership_rejected": _("Medlemskap avslaget"),
    "membership_role_changed": _("Roll ändrad"),
    "membership_removed": _("Medlem borttagen"),
    "membership_left": _("Medlem lämnade"),
}


def all_labels() -> dict[str, Any]:
    """This app's labels and those other apps declare in their hooks (looked up on each call)."""
    from kraft.organisations.extensions import hook_functions

    labels = dict(ACTION_LABELS)
    for function in hook_functions("audit_action_labels"):
        labels.update(function())
    return labels


def action_label(action: str, labels: dict[str, Any] | None = None) -> str:
    return str((labels if labels is not None else all_labels()).get(action, action))
