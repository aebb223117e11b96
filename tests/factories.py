"""Small factories that build test data through the services, as users would."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from kraft.organisations.models import Membership, Organisation

PASSWORD = "Hemligt-lösen-123"


def user(username: str, **extra: Any) -> Any:
    return get_user_model().objects.create_user(
        username, f"{username}@example.se", PASSWORD, first_name=extra.pop("first_name", username.title()), **extra
    )


def municipality(name: str = "Sundsvalls kommun") -> Organisation:
    return Organisation.objects.get(kind=Organisation.Kind.KOMMUN, name=name)


def member(person: Any, organisation: Organisation, role: str = Membership.Role.MEMBER) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        user=person, organisation=organisation, defaults={"role": role, "status": Membership.Status.ACTIVE}
    )
    return membership


@dataclass
class RoleSet:
    organisation: Organisation
    other_organisation: Organisation
    outsider: Any  # signed in, no organisation
    member: Any
    editor: Any
    admin: Any
    other_admin: Any  # admin of another organisation
    staff: Any

    def by_name(self, name: str) -> Any:
        return None if name == "anonymous" else getattr(self, name)


ROLE_NAMES = ["anonymous", "outsider", "member", "editor", "admin", "other_admin", "staff"]


def role_set() -> RoleSet:
    sundsvall = municipality("Sundsvalls kommun")
    other = municipality("Timrå kommun")
    people = RoleSet(
        organisation=sundsvall,
        other_organisation=other,
        outsider=user("utomstaende"),
        member=user("medlem"),
        editor=user("redaktor"),
        admin=user("admin"),
        other_admin=user("annanadmin"),
        staff=user("personal", is_staff=True),
    )
    member(people.member, sundsvall, Membership.Role.MEMBER)
    member(people.editor, sundsvall, Membership.Role.EDITOR)
    member(people.admin, sundsvall, Membership.Role.ADMIN)
    member(people.other_admin, other, Membership.Role.ADMIN)
    return people
