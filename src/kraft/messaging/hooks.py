"""Unread messages on "Mitt arbete", and messaging's audit labels."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kraft.messaging import selectors
from kraft.organisations.extensions import Section


def my_work_sections(request: HttpRequest) -> list[Section]:
    if not getattr(request.user, "is_authenticated", False):
        return []
    unread = list(selectors.unread(request.user).order_by("-created_at")[:20])
    items = [{"url": n.url, "label": n.text, "meta": n.created_at.strftime("%Y-%m-%d %H:%M")} for n in unread]
    return [
        Section(
            title=_("Olästa meddelanden och notiser"),
            template="organisations/_section_list.html",
            id="olasta",
            context={"items": items, "empty": _("Inget oläst.")},
        )
    ]


def audit_action_labels() -> dict[str, Any]:
    return {
        "message_sent": gettext_lazy("Meddelande skickat"),
        "email_frequency_set": gettext_lazy("E-postinställning ändrad"),
    }
