"""Needs on other apps' pages: the organisation page, "Mitt arbete", the audit trail and the DCAT catalogue."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kraft.needs import selectors, services
from kraft.organisations.extensions import Section
from kraft.organisations.models import Organisation

SHOWN = 10


def organisation_sections(request: HttpRequest, organisation: Organisation) -> list[Section]:
    """The organisation's needs (drafts only for its members) and its signals on others' needs."""
    needs = list(selectors.needs_of_organisation(request.user, organisation)[:SHOWN])
    signals = list(selectors.signals_of_organisation(request.user, organisation)[:SHOWN])
    return [
        Section(
            title=_("Behov och signaler"),
            template="needs/_org_section.html",
            id="behov",
            context={
                "needs": needs,
                "signals": signals,
                "create_url": reverse("needs:create") if services.can_create_for(request.user, organisation) else "",
            },
        )
    ]


def my_work_sections(request: HttpRequest) -> list[Section]:
    """Needs the person's organisations follow or signalled on (for the "Mitt arbete" page)."""
    if not getattr(request.user, "is_authenticated", False):
        return []
    needs = list(selectors.followed_needs(request.user)[:SHOWN])
    items = [
        {
            "url": reverse("needs:detail", args=[n.pk]),
            "label": n.title,
            "meta": f"{n.organisation} · {n.get_status_display()}",
        }
        for n in needs
    ]
    return [
        Section(
            title=_("Behov jag följer"),
            template="organisations/_section_list.html",
            id="foljda-behov",
            context={"items": items, "empty": _("Din organisation följer inga behov ännu.")},
        )
    ]


def audit_action_labels() -> dict[str, Any]:
    return {
        "need_created": gettext_lazy("Behov skapat"),
        "need_updated": gettext_lazy("Behov ändrat"),
        "need_published": gettext_lazy("Behov publicerat"),
        "need_status_changed": gettext_lazy("Behovets status ändrad"),
        "signal_added": gettext_lazy("Signal given"),
        "signal_removed": gettext_lazy("Signal borttagen"),
    }


def dcat_datasets(base: str) -> list[dict[str, Any]]:
    from kraft.needs.opendata import dcat_datasets as datasets

    return datasets(base)
