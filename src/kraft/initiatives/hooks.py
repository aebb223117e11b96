"""The registry's contributions to other apps' pages (see ``kraft.organisations.extensions``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from kraft.initiatives import selectors, services
from kraft.organisations.extensions import Section
from kraft.organisations.models import Organisation

SHOWN = 20


def organisation_sections(request: HttpRequest, organisation: Organisation) -> list[Section]:
    """The organisation's initiatives (led or as partner) that the visitor may see, drafts only for members."""
    initiatives = selectors.initiatives_for_organisation(request.user, organisation)
    shown = list(initiatives[: SHOWN + 1])
    return [
        Section(
            title=_("AI-initiativ"),
            template="initiatives/_org_section.html",
            id="initiativ",
            context={
                "initiatives": shown[:SHOWN],
                "more_url": f"{reverse('initiatives:list')}?organisation={organisation.pk}"
                if len(shown) > SHOWN
                else "",
                "create_url": f"{reverse('initiatives:create')}?organisation={organisation.pk}"
                if services.can_edit_org(request.user, organisation)
                else "",
            },
        )
    ]
