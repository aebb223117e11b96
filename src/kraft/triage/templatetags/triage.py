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


def _obligation_source(obligation: Any, language: str | None = None) -> Any:  # an Obligation of the rules
    from kraft.triage import rules

    return rules.current(language).obligations.get(getattr(obligation, "key", ""))


@register.filter
def obligation_title(obligation: Any) -> str:
    """A stored checklist item's title in the interface language (stored items keep the Swedish text)."""
    source = _obligation_source(obligation)
    return str(source.title if source else obligation.title)


@register.filter
def obligation_meaning(obligation: Any) -> str:
    from django.utils.translation import get_language

    source = _obligation_source(obligation)
    if source is None or (source.find_out and not (get_language() or "sv").startswith("en")):
        return str(obligation.meaning)  # the stored Swedish text also names the open question
    return str(source.meaning)


@register.filter
def owner_role_text(obligation: Any) -> str:
    """The default role in the interface language; a role the organisation typed itself is shown as typed."""
    source, swedish = _obligation_source(obligation), _obligation_source(obligation, "sv")
    if source and swedish and obligation.owner_role == swedish.owner_role:
        return str(source.owner_role)
    return str(obligation.owner_role)


@register.filter
def date_note_text(note: str) -> str:
    from kraft.triage import rules

    return rules.current().note(note) if note else ""


@register.filter
def conclusion_title(result: Any) -> str:
    from kraft.triage import rules

    found = rules.current().conclusions.get((result or {}).get("conclusion", ""))
    return found.title if found else (result or {}).get("title", "")
