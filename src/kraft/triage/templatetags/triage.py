"""Template filters for triage pages: readable names for risk classes and the rules' labels."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def risk_label(value: str) -> str:
    from kraft.initiatives.models import Initiative

    return str(dict(Initiative.RiskClass.choices).get(value, value))


@register.filter
def label_text(value: str) -> str:
    """A label of the current rules (a role such as ``tillhandahallare``) as people read it."""
    from kraft.triage import rules

    found = rules.current().labels.get(value)
    return found.text if found else value


@register.filter
def ai_system_text(value: str) -> Any:
    from django.utils.translation import gettext as _

    return {"ja": _("Ja"), "nej": _("Nej"), "oklart": _("Oklart")}.get(value, value or "–")


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
