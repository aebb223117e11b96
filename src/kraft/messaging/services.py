"""The only write path of messaging: conversations, messages, notifications, e-mail frequency (audited).

Recipients are found by role, never by address: the people of the receiving organisation who hold at least its
contact role. A message is about something the sender can see (a published need or a coalition); drafts cannot be
written about, so nothing from a draft reaches a message or a notification.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kraft.accounts import permissions
from kraft.audit.services import record
from kraft.messaging.models import Conversation, EmailPreference, Message, Notification
from kraft.organisations.models import Membership, Organisation

MAX_BODY = 10_000
MAX_SUBJECT = 200
Actor = Any


def _is_system(actor: Actor) -> bool:
    return isinstance(actor, str)  # a trusted process such as the demo loader


def _user(actor: Actor) -> Any:
    return None if _is_system(actor) else actor


def _people(organisation_id: int, minimum: str = "editor") -> list[Any]:
    """Active members of the organisation holding at least ``minimum`` (the contact role)."""
    roles = [r for r, rank in Membership.RANK.items() if rank >= Membership.RANK[Membership.Role(minimum)]]
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__status=Membership.Status.ACTIVE,
            memberships__role__in=roles,
        )
        .distinct()
    )


def notify(
    users: Iterable[Any], kind: str, text: str, url: str, conversation: Conversation | None = None
) -> list[Notification]:
    """In-page notifications, and an e-mail at once (through the task queue) for those who want it."""
    from kraft.messaging.email import frequency_of

    created = [
        Notification.objects.create(user=user, kind=kind, text=text[:400], url=url[:300], conversation=conversation)
        for user in users
    ]
    for notification in created:
        if frequency_of(notification.user) == EmailPreference.Frequency.IMMEDIATELY:
            transaction.on_commit(partial(_enqueue, notification.pk))
    return created


def _enqueue(notification_id: int) -> None:
    from kraft.messaging.tasks import email_notification_task

    email_notification_task.enqueue(notification_id)


def _check_text(subject: str, body: str) -> None:
    errors: dict[str, list[str]] = {}
    if len(body) > MAX_BODY:
        errors["body"] = [
            _("Meddelandet är för långt: högst %(max)s tecken (det här har %(count)s).")
            % {"max": MAX_BODY, "count": len(body)}
        ]
    elif not body.strip():
        errors["body"] = [_("Skriv ett meddelande.")]
    if not subject.strip():
        errors["subject"] = [_("Ange ett ämne.")]
    elif len(subject) > MAX_SUBJECT:
        errors["subject"] = [_("Ämnet är för långt (högst %(max)s tecken).") % {"max": MAX_SUBJECT}]
    if "\x00" in body or "\x00" in subject:
        errors["body"] = [_("Texten innehåller otillåtna tecken.")]
    if errors:
        raise ValidationError(errors)


def _recipient_of(actor: Actor, need: Any, coalition: Any) -> tuple[Organisation, str]:
    if need is not None:
        from kraft.needs.services import can_view

        if need.is_draft or not can_view(actor, need):
            raise PermissionDenied(_("Du kan inte skriva om det här behovet."))
        return need.organisation, need.contact_role
    if coalition is not None:
        from kraft.coalitions import selectors, services

        if not services.can_view(actor, coalition):
            raise PermissionDenied(_("Du kan inte skriva till den här samverkan."))
        lead = selectors.lead_of(coalition)
        if lead is None:
            raise ValidationError(_("Samverkan saknar ledande organisation."))
        return lead, "editor"
    raise ValidationError(_("Ett meddelande gäller ett behov eller en samverkan."))


@transaction.atomic
def start_conversation(
    actor: Actor, *, sender_organisation: Organisation, subject: str, body: str, need: Any = None, coalition: Any = None
) -> Conversation:
    if not (_is_system(actor) or permissions.has_role(actor, sender_organisation, "member")):
        raise PermissionDenied(_("Du kan bara skriva för en organisation där du har en roll."))
    _check_text(subject, body)
    recipient, role = _recipient_of(actor, need, coalition)
    if recipient.pk == sender_organisation.pk:
        raise ValidationError(_("Organisationen kan inte skriva till sig själv."))
    conversation = Conversation.objects.create(
        subject=subject.strip(),
        need=need,
        coalition=coalition,
        from_organisation=sender_organisation,
        to_organisation=recipient,
        to_role=role,
    )
    message = Message.objects.create(
        conversation=conversation, sender=_user(actor), sender_organisation=sender_organisation, body=body.strip()
    )
    record(
        actor,
        "message_sent",
        conversation,
        organisation=sender_organisation,
        after={"to": recipient.pk, "message": message.pk},
    )
    notify(
        _people(recipient.pk, role),
        Notification.Kind.MESSAGE,
        _("Nytt meddelande från %(organisation)s: %(subject)s")
        % {"organisation": sender_organisation, "subject": conversation.subject},
        f"/meddelanden/{conversation.pk}/",
        conversation,
    )
    return conversation


def side_of(actor: Actor, conversation: Conversation) -> Organisation | None:
    """The organisation the person speaks for in the conversation (None when they are not part of it)."""
    own = permissions.member_organisation_ids(actor)
    if conversation.from_organisation_id in own:
        return conversation.from_organisation
    if conversation.to_organisation_id in own and permissions.has_role(
        actor, conversation.to_organisation_id, conversation.to_role
    ):
        return conversation.to_organisation
    return None


@transaction.atomic
def reply(actor: Actor, conversation: Conversation, body: str, *, organisation: Organisation | None = None) -> Message:
    """Answer for the person's side of the conversation (a system process names the side with ``organisation``)."""
    if not _is_system(actor):
        organisation = side_of(actor, conversation)
    if organisation is None:
        raise PermissionDenied(_("Du deltar inte i den här konversationen."))
    _check_text(conversation.subject, body)
    message = Message.objects.create(
        conversation=conversation, sender=_user(actor), sender_organisation=organisation, body=body.strip()
    )
    Conversation.objects.filter(pk=conversation.pk).update(updated_at=timezone.now())
    other = (
        conversation.to_organisation
        if organisation.pk == conversation.from_organisation_id
        else conversation.from_organisation
    )
    role = conversation.to_role if other.pk == conversation.to_organisation_id else "editor"
    record(
        actor, "message_sent", conversation, organisation=organisation, after={"to": other.pk, "message": message.pk}
    )
    notify(
        [u for u in _people(other.pk, role) if u.pk != getattr(actor, "pk", None)],
        Notification.Kind.MESSAGE,
        _("Svar från %(organisation)s: %(subject)s") % {"organisation": organisation, "subject": conversation.subject},
        f"/meddelanden/{conversation.pk}/",
        conversation,
    )
    return message


def mark_read(user: Any, conversation: Conversation | None = None) -> int:
    notifications = Notification.objects.filter(user=user, read_at__isnull=True)
    if conversation is not None:
        notifications = notifications.filter(conversation=conversation)
    return notifications.update(read_at=timezone.now())


@transaction.atomic
def set_email_frequency(user: Any, frequency: str) -> EmailPreference:
    if frequency not in EmailPreference.Frequency.values:
        raise ValidationError({"frequency": [_("Välj hur ofta du vill få e-post.")]})
    preference, _created = EmailPreference.objects.get_or_create(user=user)
    before = preference.frequency
    preference.frequency = frequency
    preference.save()
    record(user, "email_frequency_set", preference, before={"frequency": before}, after={"frequency": frequency})
    return preference


# ------------------------------------------------------------------ notifications from other apps


def notify_signal(signal: Any) -> None:
    need = signal.need
    notify(
        _people(need.organisation_id, need.contact_role),
        Notification.Kind.SIGNAL,
        _("%(organisation)s: %(kind)s – %(title)s")
        % {"organisation": signal.organisation, "kind": signal.get_kind_display(), "title": need.title},
        f"/behov/{need.pk}/",
    )


def notify_invitation(invitation: Any) -> None:
    notify(
        _people(invitation.organisation_id),
        Notification.Kind.INVITATION,
        _("%(organisation)s är inbjuden till %(title)s")
        % {"organisation": invitation.organisation, "title": invitation.coalition.title},
        f"/samverkan/inbjudan/{invitation.pk}/",
    )


def notify_invitation_answered(invitation: Any) -> None:
    from kraft.coalitions.services import lead_ids

    users = {u.pk: u for org in lead_ids(invitation.coalition) for u in _people(org)}
    notify(
        users.values(),
        Notification.Kind.ANSWER,
        _("%(organisation)s har svarat på inbjudan till %(title)s: %(status)s")
        % {
            "organisation": invitation.organisation,
            "title": invitation.coalition.title,
            "status": invitation.get_status_display(),
        },
        f"/samverkan/{invitation.coalition_id}/",
    )
