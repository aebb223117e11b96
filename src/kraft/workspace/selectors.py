"""What "Mitt arbete" shows besides the apps' sections: the person's organisations and one next step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kraft.accounts import permissions, selectors, verification
from kraft.organisations.models import Membership


@dataclass(frozen=True)
class NextAction:
    text: str
    label: str
    url: str


def next_action(person: Any, memberships: list[Membership]) -> NextAction | None:
    """One clear next step for someone who has not started yet; nothing once they are under way."""
    active = [m for m in memberships if m.status == Membership.Status.ACTIVE]
    pending = [m for m in memberships if m.status == Membership.Status.PENDING]
    if not active and not verification.email_is_verified(person):
        return NextAction(
            _("Bekräfta din e-postadress. Sedan kan du be att få gå med i din organisation."),
            _("Bekräfta e-postadressen"),
            reverse("accounts:verify_email_send"),
        )
    if not active and pending:
        names = ", ".join(str(m.organisation) for m in pending)
        return NextAction(
            _("Din begäran om medlemskap i %(names)s väntar på att en administratör godkänner den.") % {"names": names},
            _("Se organisationerna"),
            reverse("organisations:list"),
        )
    if not active:
        return NextAction(
            _("Gå med i din organisation för att lägga till initiativ och läsa organisationens bibliotek."),
            _("Hitta din organisation"),
            reverse("organisations:list"),
        )
    if permissions.editable_organisation_ids(person) and not _has_initiatives(person):
        return NextAction(
            _(
                "Beskriv ert första AI-initiativ, även om det bara är en idé. "
                "Effekter och kostnader lägger du till sedan."
            ),
            _("Lägg till ett initiativ"),
            reverse("initiatives:create"),
        )
    return None


def _has_initiatives(person: Any) -> bool:
    from kraft.initiatives.selectors import visible_initiatives

    own = permissions.member_organisation_ids(person)
    return visible_initiatives(person).filter(lead_organisation_id__in=own).exists()


def my_memberships(person: Any) -> list[Membership]:
    return list(selectors.memberships_of(person))
