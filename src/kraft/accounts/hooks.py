"""The accounts app's contributions to other apps' pages (see ``kraft.organisations.extensions``)."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext as _

from kraft.organisations.extensions import Section


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


def my_work_sections(request: HttpRequest) -> list[Section]:
    return _invitations_to_me(request) + _invitations_waiting(request)


def _invitations_to_me(request: HttpRequest) -> list[Section]:
    """On "Mitt arbete": open invitations to my confirmed address, each with a button to join."""
    from kraft.accounts.invitations import addressed_to

    mine = addressed_to(request.user)
    if not mine:
        return []
    return [
        Section(
            title=_("Inbjudningar till dig"),
            template="accounts/_invitations_to_me.html",
            id="inbjudningar-till-dig",
            order=1,
            context={"invitations": mine},
        )
    ]


def _invitations_waiting(request: HttpRequest) -> list[Section]:
    """On "Mitt arbete", for organisation admins: invitations sent and not yet accepted, with when they expire."""
    from django.db.models import Min
    from django.urls import reverse
    from django.utils import formats, timezone
    from django.utils.translation import ngettext

    from kraft.accounts.models import Invitation
    from kraft.organisations import selectors

    administered = list(selectors.administered_organisations(request.user))
    if not administered:
        return []
    waiting = (
        Invitation.objects.filter(
            organisation__in=administered,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .values("organisation")
        .annotate(count=Count("pk"), first_expiry=Min("expires_at"))
    )
    by_id = {row["organisation"]: row for row in waiting}
    items = []
    for organisation in administered:
        row = by_id.get(organisation.pk)
        if row is None:
            continue
        count = ngettext("%(n)s inbjudan väntar", "%(n)s inbjudningar väntar", row["count"]) % {"n": row["count"]}
        expiry = formats.date_format(timezone.localtime(row["first_expiry"]), "j F")
        items.append(
            {
                "url": reverse("accounts:invitations", args=[organisation.pk]),
                "label": organisation.name,
                "meta": _("%(count)s, den första gäller till %(date)s") % {"count": count, "date": expiry},
            }
        )
    if not items:
        return []
    return [
        Section(
            title=_("Inbjudningar som inte har antagits"),
            template="organisations/_section_list.html",
            id="inbjudningar",
            order=6,
            context={"items": items},
        )
    ]
