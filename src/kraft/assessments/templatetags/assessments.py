from typing import Any

from django import template

register = template.Library()


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template (answers and errors keyed by question id)."""
    if not isinstance(mapping, dict):
        return None
    return mapping.get(key)


@register.filter
def dom_id(value: str) -> str:
    """A question id ("strategi.ansvar") as an HTML id that CSS selectors can name ("strategi-ansvar")."""
    return str(value).replace(".", "-")
