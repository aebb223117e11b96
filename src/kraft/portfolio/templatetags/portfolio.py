from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

CRITERION_LABELS = {
    "value": _("Värde"),
    "feasibility": _("Genomförbarhet"),
    "risk": _("Risk"),
    "reuse": _("Återanvändning"),
}


@register.filter
def criterion_label(criterion: str) -> str:
    return str(CRITERION_LABELS.get(criterion, criterion))


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None
