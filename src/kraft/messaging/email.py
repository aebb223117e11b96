"""E-mail for notifications through the configured backend: at once, or as a daily or weekly digest.

E-mails name organisations and link into Kraft; they never carry anyone's address but the recipient's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kraft.messaging.models import EmailPreference, Notification


def frequency_of(user: Any) -> str:
    preference = EmailPreference.objects.filter(user=user).values_list("frequency", flat=True).first()
    return preference or EmailPreference.Frequency.IMMEDIATELY


def _absolute(url: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + url


def send_immediately(notification_id: int) -> bool:
    notification = (
        Notification.objects.select_related("user").filter(pk=notification_id, emailed_at__isnull=True).first()
    )
    if notification is None or not notification.user.email:
        return False
    if frequency_of(notification.user) != EmailPreference.Frequency.IMMEDIATELY:
        return False
    with override("sv"):
        send_mail(
            _("Kraft: %(text)s") % {"text": notification.text[:150]},
            f"{notification.text}\n\n{_absolute(notification.url)}\n\n"
            + _("Du kan ändra hur ofta du får e-post: %(url)s") % {"url": _absolute("/meddelanden/installningar/")},
            settings.DEFAULT_FROM_EMAIL,
            [notification.user.email],
        )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


def send_digests(frequency: str, users: Iterable[Any] | None = None) -> int:
    """One e-mail per person with this frequency and unsent, unread notifications. Returns e-mails sent."""
    people = users if users is not None else get_user_model().objects.filter(email_preference__frequency=frequency)
    sent = 0
    for user in people:
        pending = list(
            Notification.objects.filter(user=user, emailed_at__isnull=True, read_at__isnull=True).order_by("created_at")
        )
        if not pending or not user.email:
            continue
        lines = [f"- {n.text}\n  {_absolute(n.url)}" for n in pending]
        with override("sv"):
            send_mail(
                _("Kraft: %(count)s nya notiser") % {"count": len(pending)},
                "\n".join(lines),
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
        sent += 1
    return sent
