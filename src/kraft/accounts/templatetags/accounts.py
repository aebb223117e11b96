from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value: object) -> int:
    """Whole minutes of a timedelta, rounded up (the lockout page says how long to wait)."""
    if not isinstance(value, timedelta):
        return 0
    return max(1, -(-int(value.total_seconds()) // 60))
