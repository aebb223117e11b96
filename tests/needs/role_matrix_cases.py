"""Needs' rows in the role matrix (``tests/role_matrix_cases.py`` adds ``CASES`` from here)."""

from __future__ import annotations

from typing import Any

from tests import factories
from tests.role_matrix_cases import Case, api_at_least, at_least, everyone, signed_in, with_

NOT_MEMBERS = {"outsider": 404, "other_admin": 404}
PROBLEM = "Invånarna väntar länge i telefon; vi vill pröva en chattbot som svarar på vanliga frågor."


def _need(roles: factories.RoleSet, title: str, *, publish: bool, visibility: str = "public") -> Any:
    from kraft.needs import services
    from kraft.needs.models import Need

    found = Need.objects.filter(title=title).first()
    if found is None:
        found = services.create_need(
            "test",
            {"title": title, "problem": PROBLEM, "visibility": visibility},
            organisation=roles.organisation,
            publish=publish,
        )
    return found


def public(roles: factories.RoleSet) -> int:
    return _need(roles, "Publikt behov i rollmatrisen", publish=True).pk


def members_only(roles: factories.RoleSet) -> int:
    return _need(roles, "Behov för inloggade i rollmatrisen", publish=True, visibility="members").pk


def draft(roles: factories.RoleSet) -> int:
    return _need(roles, "Utkast till behov i rollmatrisen", publish=False).pk


def of_other(roles: factories.RoleSet) -> int:
    """A public need of Timrå, on which Sundsvall's people signal."""
    from kraft.needs import services
    from kraft.needs.models import Need

    found = Need.objects.filter(title="Timrås behov i rollmatrisen").first()
    if found is None:
        found = services.create_need(
            "test",
            {"title": "Timrås behov i rollmatrisen", "problem": PROBLEM},
            organisation=roles.other_organisation,
            publish=True,
        )
    return found.pk


def signal_data(roles: factories.RoleSet) -> dict[str, Any]:
    return {"organisation": roles.organisation.pk, "kind": "same_need"}


def version_of_public(roles: factories.RoleSet) -> dict[str, Any]:
    from kraft.needs.models import Need

    return {"version": Need.objects.get(pk=public(roles)).version, "target_group": "Ändrad i rollmatrisen"}


def new_need(roles: factories.RoleSet) -> dict[str, Any]:
    return {"organisation": roles.organisation.pk, "title": "Nytt behov via API", "problem": PROBLEM}


def edit_form(roles: factories.RoleSet) -> dict[str, Any]:
    from kraft.needs.models import Need

    return {
        "title": "Publikt behov i rollmatrisen",
        "problem": PROBLEM + " Ändrat.",
        "urgency": "medium",
        "visibility": "public",
        "contact_role": "editor",
        "version": Need.objects.get(pk=public(roles)).version,
    }


DRAFT_READERS = with_(everyone(200), anonymous=404, **NOT_MEMBERS)
MEMBERS_ONLY = with_(everyone(200), anonymous=404)
EDITORS_OF_DRAFT = with_(at_least("editor", 302), **NOT_MEMBERS)
# Signalling for Sundsvall: its members do it; others are refused (the form does not offer Sundsvall: 400).
SIGNALLERS = with_(signed_in(400), member=302, editor=302, admin=302, staff=400)

CASES = [
    Case("need list", "GET", lambda r: "/behov/?area=hr&county=22&status=open&q=chattbot", everyone(200)),
    Case("need detail", "GET", lambda r: f"/behov/{public(r)}/", everyone(200)),
    Case("need members-only detail", "GET", lambda r: f"/behov/{members_only(r)}/", MEMBERS_ONLY),
    Case("need draft detail", "GET", lambda r: f"/behov/{draft(r)}/", DRAFT_READERS),
    Case("need history", "GET", lambda r: f"/behov/{public(r)}/historik/", everyone(200)),
    Case("need draft history", "GET", lambda r: f"/behov/{draft(r)}/historik/", DRAFT_READERS),
    Case("need create form", "GET", lambda r: "/behov/nytt/", with_(at_least("editor"), other_admin=200)),
    Case("need edit form", "GET", lambda r: f"/behov/{public(r)}/andra/", at_least("editor")),
    Case("need edit", "POST", lambda r: f"/behov/{public(r)}/andra/", at_least("editor", 302), data=edit_form),
    Case(
        "need draft edit form", "GET", lambda r: f"/behov/{draft(r)}/andra/", with_(at_least("editor"), **NOT_MEMBERS)
    ),
    Case("need publish", "POST", lambda r: f"/behov/{draft(r)}/publicera/", EDITORS_OF_DRAFT),
    Case(
        "need status",
        "POST",
        lambda r: f"/behov/{public(r)}/status/",
        at_least("editor", 302),
        data=lambda r: {"status": "forming"},
    ),
    Case("need signal form", "GET", lambda r: f"/behov/{of_other(r)}/signal/", signed_in(200)),
    Case("need signal", "POST", lambda r: f"/behov/{of_other(r)}/signal/", SIGNALLERS, data=signal_data),
    Case("need map", "GET", lambda r: "/behov/karta/?area=hr", everyone(200)),
    Case("need statistics", "GET", lambda r: "/behov/statistik/", everyone(200)),
    Case("need export csv", "GET", lambda r: "/behov/export.csv", everyone(200)),
    Case("need export json", "GET", lambda r: "/behov/export.json", everyone(200)),
    Case("need dcat", "GET", lambda r: "/behov/dcat.jsonld", everyone(200)),
    Case("api needs", "GET", lambda r: "/api/v1/needs?status=open&page_size=5", everyone(200)),
    Case("api need", "GET", lambda r: f"/api/v1/needs/{public(r)}", everyone(200)),
    Case("api need members-only", "GET", lambda r: f"/api/v1/needs/{members_only(r)}", MEMBERS_ONLY),
    Case("api need draft", "GET", lambda r: f"/api/v1/needs/{draft(r)}", DRAFT_READERS),
    Case(
        "api need create",
        "POST",
        lambda r: "/api/v1/needs",
        with_(api_at_least("editor", 201), other_admin=403),
        data=new_need,
        json=True,
    ),
    Case(
        "api need patch",
        "PATCH",
        lambda r: f"/api/v1/needs/{public(r)}",
        api_at_least("editor"),
        data=version_of_public,
        json=True,
    ),
    Case(
        "api need publish",
        "POST",
        lambda r: f"/api/v1/needs/{draft(r)}/publish",
        with_(api_at_least("editor"), **NOT_MEMBERS),
    ),
    Case("api need signals", "GET", lambda r: f"/api/v1/needs/{public(r)}/signals", everyone(200)),
    Case("api draft signals", "GET", lambda r: f"/api/v1/needs/{draft(r)}/signals", DRAFT_READERS),
    Case(
        "api need signal",
        "POST",
        lambda r: f"/api/v1/needs/{of_other(r)}/signals",
        with_(signed_in(403, 401), member=201, editor=201, admin=201, staff=201),
        data=signal_data,
        json=True,
    ),
]
