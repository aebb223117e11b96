"""Coalitions on other pages: open invitations on "Mitt arbete", coalitions on the organisation page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kraft.coalitions import selectors
from kraft.organisations.extensions import Section
from kraft.organisations.models import Organisation


def my_work_sections(request: HttpRequest) -> list[Section]:
    if not getattr(request.user, "is_authenticated", False):
        return []
    invitations = list(selectors.open_invitations_for(request.user)[:20])
    items = [
        {
            "url": reverse("coalitions:answer", args=[i.pk]),
            "label": i.coalition.title,
            "meta": _("%(organisation)s är inbjuden som %(role)s")
            % {"organisation": i.organisation, "role": i.get_role_display()},
        }
        for i in invitations
    ]
    return [
        Section(
            title=_("Inbjudningar att svara på"),
            template="organisations/_section_list.html",
            id="inbjudningar",
            context={"items": items, "empty": _("Inga obesvarade inbjudningar.")},
        )
    ]


def organisation_sections(request: HttpRequest, organisation: Organisation) -> list[Section]:
    coalitions = list(selectors.coalitions_of_organisation(request.user, organisation)[:20])
    items = [
        {"url": reverse("coalitions:detail", args=[c.pk]), "label": c.title, "meta": c.get_status_display()}
        for c in coalitions
    ]
    return [
        Section(
            title=_("Samverkan"),
            template="organisations/_section_list.html",
            id="samverkan",
            context={"items": items, "empty": _("Organisationen är inte med i någon samverkan ännu.")},
        )
    ]


def audit_action_labels() -> dict[str, Any]:
    return {
        "coalition_created": gettext_lazy("Samverkan bildad"),
        "coalition_invited": gettext_lazy("Organisation inbjuden till samverkan"),
        "coalition_invitation_accepted": gettext_lazy("Inbjudan till samverkan accepterad"),
        "coalition_invitation_declined": gettext_lazy("Inbjudan till samverkan avböjd"),
        "coalition_invitation_withdrawn": gettext_lazy("Inbjudan till samverkan återkallad"),
        "coalition_commitment_changed": gettext_lazy("Åtaganden i samverkan ändrade"),
        "coalition_left": gettext_lazy("Organisation lämnade samverkan"),
        "coalition_role_changed": gettext_lazy("Roll i samverkan ändrad"),
        "coalition_milestone_added": gettext_lazy("Milstolpe tillagd"),
        "coalition_milestone_done": gettext_lazy("Milstolpe klar"),
        "coalition_library_created": gettext_lazy("Gemensamt bibliotek skapat"),
        "coalition_library_shared": gettext_lazy("Gemensamt bibliotek delat"),
        "coalition_initiative_started": gettext_lazy("Gemensamt initiativ startat"),
        "coalition_status_changed": gettext_lazy("Samverkans status ändrad"),
    }
