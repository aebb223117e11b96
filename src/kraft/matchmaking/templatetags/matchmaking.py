from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def verdict(suggestions: Any, key: Any) -> str:
    """ "yes", "no" or "" for the person's stored verdict on the suggestion ``key`` ("kind:id")."""
    value = suggestions.feedback.get(str(key))
    return "" if value is None else ("yes" if value else "no")
