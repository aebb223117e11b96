"""Messaging's rows in the role matrix: a conversation between Timrå and Sundsvall (about Sundsvall's need) is seen
by Timrå's people and Sundsvall's contact role (editors, admins) only — not by plain members, outsiders or staff."""

from __future__ import annotations

from typing import Any

from tests import factories
from tests.needs.role_matrix_cases import draft as draft_need
from tests.needs.role_matrix_cases import public as public_need
from tests.role_matrix_cases import Case, signed_in, with_


def conversation(roles: factories.RoleSet) -> int:
    from kraft.messaging import services
    from kraft.messaging.models import Conversation
    from kraft.needs.models import Need

    found = Conversation.objects.filter(subject="Rollmatrisens samtal").first()
    if found is None:
        found = services.start_conversation(
            roles.other_admin,
            sender_organisation=roles.other_organisation,
            subject="Rollmatrisens samtal",
            body="Hej från Timrå",
            need=Need.objects.get(pk=public_need(roles)),
        )
    return found.pk


def message_data(roles: factories.RoleSet) -> dict[str, Any]:
    return {
        "behov": public_need(roles),
        "sender_organisation": roles.other_organisation.pk,
        "subject": "Hej",
        "body": "Text",
    }


PARTIES = with_(signed_in(404), editor=200, admin=200, other_admin=200)

CASES = [
    Case("messaging inbox", "GET", lambda r: "/meddelanden/", signed_in(200)),
    Case("messaging conversation", "GET", lambda r: f"/meddelanden/{conversation(r)}/", PARTIES),
    Case(
        "messaging reply",
        "POST",
        lambda r: f"/meddelanden/{conversation(r)}/",
        with_(PARTIES, editor=302, admin=302, other_admin=302),
        data=lambda r: {"body": "Svar"},
    ),
    Case(
        "messaging new about need",
        "GET",
        lambda r: f"/meddelanden/nytt/?behov={public_need(r)}",
        with_(signed_in(200), outsider=403, staff=403),
    ),
    Case(
        "messaging new about draft",
        "GET",
        lambda r: f"/meddelanden/nytt/?behov={draft_need(r)}",
        with_(signed_in(404), member=200, editor=200, admin=200, staff=403),
    ),
    Case(
        "messaging send",
        "POST",
        lambda r: "/meddelanden/nytt/",
        with_(signed_in(400), outsider=403, staff=403, other_admin=302),
        data=message_data,
    ),
    Case("messaging notifications", "GET", lambda r: "/meddelanden/notiser/", signed_in(200)),
    Case("messaging mark read", "POST", lambda r: "/meddelanden/notiser/lasta/", signed_in(302)),
    Case("messaging settings", "GET", lambda r: "/meddelanden/installningar/", signed_in(200)),
    Case(
        "messaging settings save",
        "POST",
        lambda r: "/meddelanden/installningar/",
        signed_in(302),
        data=lambda r: {"frequency": "weekly"},
    ),
]
