"""The one permission layer. Pages, the JSON API, search and exports all ask these functions.

Roles rank member < editor < admin inside one organisation; platform staff (``is_staff``) may act everywhere.
Each function takes the person (possibly anonymous) and answers yes or no; nothing here writes.
"""

from __future__ import annotations

from typing import Any

from kraft.organisations.models import Membership, Organisation

Role = Membership.Role


def is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def _active_roles(user: Any) -> dict[int, str]:
    """Organisation id → role for the person's active memberships, cached on the user object per request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_kraft_roles", None)
    if cached is None:
        cached = dict(
            Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values_list("organisation_id", "role")
        )
        user._kraft_roles = cached
    return cached


def forget_roles(user: Any) -> None:
    """Call after a membership changes so the next check reads the database again."""
    if hasattr(user, "_kraft_roles"):
        del user._kraft_roles


def role_in(user: Any, organisation: Organisation | int | None) -> str | None:
    if organisation is None:
        return None
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return _active_roles(user).get(org_id)


def has_role(user: Any, organisation: Organisation | int | None, minimum: str) -> bool:
    """True when the person holds at least ``minimum`` in the organisation, or is staff."""
    if is_staff(user):
        return True
    role = role_in(user, organisation)
    if role is None:
        return False
    return Membership.RANK[Role(role)] >= Membership.RANK[Role(minimum)]


def member_organisation_ids(user: Any) -> set[int]:
    """Organisations whose private material the person may see (active membership of any role)."""
    return set(_active_roles(user))


def editable_organisation_ids(user: Any) -> set[int]:
    return {org for org, role in _active_roles(user).items() if role in (Role.EDITOR, Role.ADMIN)}


def administered_organisation_ids(user: Any) -> set[int]:
    """Organisations where the person is an active admin (their member lists and audit trails)."""
    return {org for org, role in _active_roles(user).items() if role == Role.ADMIN}


def can_view_organisation(user: Any, organisation: Organisation) -> bool:
    if organisation.status == Organisation.Status.APPROVED:
        return True
    if is_staff(user):
        return True
    return bool(getattr(user, "is_authenticated", False) and organisation.created_by_id == user.pk) or (
        role_in(user, organisation) is not None
    )


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    return has_role(user, organisation, Role.ADMIN)


def can_manage_members(user: Any, organisation: Organisation) -> bool:
    return has_role(user, organisation, Role.ADMIN)


def can_view_members(user: Any, organisation: Organisation) -> bool:
    """Member lists show names only to people signed in; e-mail addresses only to the organisation's admins."""
    return bool(getattr(user, "is_authenticated", False))


def can_view_audit(user: Any, organisation: Organisation | None) -> bool:
    if organisation is None:
        return is_staff(user)
    return has_role(user, organisation, Role.ADMIN)


def can_approve_organisations(user: Any) -> bool:
    return is_staff(user)


def can_register_organisation(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_edit_content_of(user: Any, organisation: Organisation | int | None) -> bool:
    """Editors and admins write their organisation's content (initiatives, libraries, …)."""
    return has_role(user, organisation, Role.EDITOR)


def can_view_private_of(user: Any, organisation: Organisation | int | None) -> bool:
    """Any active member sees the organisation's private drafts, libraries and assessments."""
    return has_role(user, organisation, Role.MEMBER)
