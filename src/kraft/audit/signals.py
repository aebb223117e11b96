from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from kraft.audit.services import record


def _ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR")


@receiver(user_login_failed)
def audit_failed_login(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any) -> None:
    # What an anonymous visitor typed is plain text in the trail (escaped on pages, neutralised in every CSV export
    # by ``kraft.core.spreadsheets``), never a formula.
    username = str(credentials.get("username", ""))[:150]
    record(username or "anonym", "login_failed", after={"username": username}, ip_address=_ip(request))


@receiver(user_logged_in)
def audit_login(sender: Any, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    record(user, "login", user, ip_address=_ip(request))


@receiver(user_logged_out)
def audit_logout(sender: Any, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    if user is not None:
        record(user, "logout", user, ip_address=_ip(request))
