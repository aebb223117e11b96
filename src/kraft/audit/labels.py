"""Readable names for the actions in the trail. Apps may add their own here; unknown actions show their code."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
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


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
