"""Background work of messaging (``kraft worker``): e-mail for notifications."""

from __future__ import annotations

from django_tasks import task


@task()
def email_notification_task(notification_id: int) -> None:
    from kraft.messaging.email import send_immediately

    send_immediately(notification_id)
