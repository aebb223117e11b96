from __future__ import annotations

from typing import Any

from kraft.coalitions import services
from kraft.coalitions.models import Coalition
from kraft.organisations.models import Organisation
from tests.needs.helpers import need


def coalition_with_invitation(roles: Any) -> tuple[Coalition, Any]:
    """Sundsvall's need, a coalition led by Sundsvall and an invitation to Timrå."""
    shared = need(roles.editor, roles.organisation)
    coalition = services.create_coalition(
        roles.editor, lead=roles.organisation, title="Chattbot tillsammans", need=shared
    )
    invitation = services.invite(roles.editor, coalition, roles.other_organisation, "pilot_site", "Välkomna!")
    return coalition, invitation


def municipality(name: str) -> Organisation:
    return Organisation.objects.get(kind=Organisation.Kind.KOMMUN, name=name)
