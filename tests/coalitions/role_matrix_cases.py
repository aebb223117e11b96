"""Coalitions' rows in the role matrix. Sundsvall leads; Timrå (other_admin's organisation) is invited."""

from __future__ import annotations

from typing import Any

from tests import factories
from tests.needs.role_matrix_cases import public as public_need
from tests.role_matrix_cases import Case, api_at_least, at_least, everyone, signed_in, with_


def _coalition(roles: factories.RoleSet) -> Any:
    from kraft.coalitions import services
    from kraft.coalitions.models import Coalition

    found = Coalition.objects.filter(title="Samverkan i rollmatrisen").first()
    if found is None:
        from kraft.needs.models import Need

        need = Need.objects.get(pk=public_need(roles))
        found = services.create_coalition("test", lead=roles.organisation, title="Samverkan i rollmatrisen", need=need)
        services.invite("test", found, roles.other_organisation, "pilot_site")
    return found


def coalition(roles: factories.RoleSet) -> int:
    return _coalition(roles).pk


def invitation(roles: factories.RoleSet) -> int:
    return _coalition(roles).invitations.get().pk


def lead_member(roles: factories.RoleSet) -> int:
    return _coalition(roles).members.get(organisation=roles.organisation).pk


def unlocked(roles: factories.RoleSet) -> int:
    from kraft.coalitions import services
    from kraft.organisations.models import Organisation

    found = _coalition(roles)
    if found.members.count() < 3:
        services.respond("test", found.invitations.get(), accept=True)
        third = Organisation.objects.get(kind="kommun", name="Härnösands kommun")
        services.respond("test", services.invite("test", found, third, "co_funder"), accept=True)
    return found.pk


LEAD_POST = at_least("editor", 302)  # Sundsvall's editors and admins lead; staff too
# Sundsvall's editors lead (they see the invitation, may not answer it); staff may act everywhere.
TIMRA_ANSWERS = with_(signed_in(404), other_admin=200, editor=403, admin=403, staff=200)

CASES = [
    Case("coalition list", "GET", lambda r: "/samverkan/?status=forming", everyone(200)),
    Case("coalition detail", "GET", lambda r: f"/samverkan/{coalition(r)}/", everyone(200)),
    Case(
        "coalition create form",
        "GET",
        lambda r: f"/samverkan/ny/?behov={public_need(r)}",
        with_(at_least("editor"), other_admin=200, staff=403),
    ),
    Case(
        "coalition create",
        "POST",
        lambda r: f"/samverkan/ny/?behov={public_need(r)}",
        with_(at_least("editor", 302), other_admin=400, staff=403),
        data=lambda r: {"lead": r.organisation.pk, "title": "Ny samverkan", "visibility": "public"},
    ),
    Case(
        "coalition invite",
        "POST",
        lambda r: f"/samverkan/{coalition(r)}/bjud-in/",
        LEAD_POST,
        data=lambda r: {"organisation": r.other_organisation.pk, "role": "co_funder"},
    ),
    Case("coalition answer page", "GET", lambda r: f"/samverkan/inbjudan/{invitation(r)}/", TIMRA_ANSWERS),
    Case(
        "coalition answer",
        "POST",
        lambda r: f"/samverkan/inbjudan/{invitation(r)}/",
        with_(TIMRA_ANSWERS, other_admin=302, staff=302),
        data=lambda r: {"answer": "accept", "decision_reference": "KS § 1"},
    ),
    Case(
        "coalition commitment page",
        "GET",
        lambda r: f"/samverkan/{coalition(r)}/medlem/{lead_member(r)}/ataganden/",
        at_least("editor"),
    ),
    Case(
        "coalition last lead leaves",
        "POST",
        lambda r: f"/samverkan/{coalition(r)}/medlem/{lead_member(r)}/lamna/",
        LEAD_POST,
    ),
    Case(
        "coalition milestone",
        "POST",
        lambda r: f"/samverkan/{coalition(r)}/milstolpar/",
        LEAD_POST,
        data=lambda r: {"title": "Start"},
    ),
    Case("coalition library", "POST", lambda r: f"/samverkan/{coalition(r)}/bibliotek/", with_(LEAD_POST, staff=302)),
    Case("coalition initiative", "POST", lambda r: f"/samverkan/{coalition(r)}/initiativ/", LEAD_POST),
    Case("coalition agreement locked", "GET", lambda r: f"/samverkan/{coalition(r)}/avtalsmall/", everyone(404)),
    Case("coalition agreement", "GET", lambda r: f"/samverkan/{unlocked(r)}/avtalsmall/", everyone(200)),
    Case("api coalitions", "GET", lambda r: "/api/v1/coalitions", everyone(200)),
    Case("api coalition", "GET", lambda r: f"/api/v1/coalitions/{coalition(r)}", everyone(200)),
    Case(
        "api coalition answer",
        "POST",
        lambda r: f"/api/v1/coalitions/invitations/{invitation(r)}/answer",
        with_(api_at_least("staff", 200, 404), editor=403, admin=403, other_admin=200),
        data=lambda r: {"accept": True},
        json=True,
    ),
]
