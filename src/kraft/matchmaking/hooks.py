"""Suggestions on the initiative page, and matchmaking's audit labels."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy

from kraft.organisations.extensions import Section


def initiative_sections(request: HttpRequest, initiative: Any) -> list[Section]:
    if initiative.status == "draft":
        return []  # a draft's text is only matched while it is being written, never shown beside others
    from kraft.matchmaking import suggestions

    return [
        Section(
            title=gettext("Liknande behov, initiativ och organisationer att prata med"),
            template="matchmaking/_suggestions_section.html",
            id="liknande",
            context={"suggestions": suggestions.for_initiative(request.user, initiative)},
        )
    ]


def audit_action_labels() -> dict[str, Any]:
    return {"suggestion_marked": gettext_lazy("Förslag bedömt")}
