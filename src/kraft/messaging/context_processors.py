from __future__ import annotations

from django.http import HttpRequest

from kraft.messaging.selectors import unread


def messaging(request: HttpRequest) -> dict[str, object]:
    """How many notifications the person has not read (shown beside the menu link)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread(user).count()}
