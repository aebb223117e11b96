"""Reads of conversations and notifications: a conversation is visible only to the two organisations in it
(on the receiving side, only to the people holding the contact role), and to nobody else, staff included."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from kraft.accounts import permissions
from kraft.messaging import services
from kraft.messaging.models import Conversation, Notification


def conversations_for(user: Any) -> QuerySet[Conversation]:
    own = permissions.member_organisation_ids(user)
    candidates = Conversation.objects.filter(
        Q(from_organisation_id__in=own) | Q(to_organisation_id__in=own)
    ).select_related("from_organisation", "to_organisation", "need", "coalition")
    allowed = [c.pk for c in candidates if services.side_of(user, c) is not None]
    return candidates.filter(pk__in=allowed).order_by("-updated_at")


def get_conversation_for_user(user: Any, pk: Any) -> Conversation:
    conversation = (
        Conversation.objects.select_related("from_organisation", "to_organisation", "need", "coalition")
        .prefetch_related("messages__sender_organisation")
        .filter(pk=pk)
        .first()
    )
    if conversation is None or services.side_of(user, conversation) is None:
        raise Http404
    return conversation


def unread(user: Any) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user, read_at__isnull=True)
