"""The triage's rows in the role matrix (``tests/role_matrix_cases.py`` adds ``CASES`` from here)."""

from __future__ import annotations

from typing import Any

from tests import factories
from tests.role_matrix_cases import Case, api_at_least, at_least, everyone, with_
from tests.triage import paths

NOT_VISIBLE = {"outsider": 404, "other_admin": 404}


def _initiative(roles: factories.RoleSet, title: str, publish: bool, triaged: bool = True) -> Any:
    from kraft.initiatives import services as initiative_services
    from kraft.initiatives.models import Initiative
    from kraft.triage import services

    found = Initiative.objects.filter(title=title).first()
    if found is None:
        found = initiative_services.create_initiative(
            "test", {"title": title}, lead_organisation=roles.organisation, publish=publish
        )
        if triaged:
            services.save_triage("test", found, paths.as_list(paths.BISTAND_PROFILING), 0)
    return found


def published(roles: factories.RoleSet) -> int:
    return _initiative(roles, "Triagerat i rollmatrisen", True).pk


def draft(roles: factories.RoleSet) -> int:
    return _initiative(roles, "Triagerat utkast i rollmatrisen", False).pk


def obligation(roles: factories.RoleSet) -> int:
    from kraft.triage.models import Obligation

    return Obligation.objects.filter(initiative_id=published(roles)).order_by("pk").first().pk  # type: ignore[union-attr]


def obligation_version(roles: factories.RoleSet) -> dict[str, Any]:
    from kraft.triage.models import Obligation

    return {"version": Obligation.objects.get(pk=obligation(roles)).version, "status": "pagar"}


def save_body(roles: factories.RoleSet) -> dict[str, Any]:
    from kraft.triage.models import Triage

    version = Triage.objects.get(initiative_id=published(roles)).version
    return {"answers": paths.as_list(paths.SWITCHBOARD_CHATBOT), "version": version}


EDITORS = at_least("editor")
DRAFT_READERS = with_(everyone(200), anonymous=404, **NOT_VISIBLE)

CASES = [
    Case("triage national overview", "GET", lambda r: "/ai-forordningen/", everyone(200)),
    Case("triage rules", "GET", lambda r: "/ai-forordningen/regler/", everyone(200)),
    Case("triage rerun", "POST", lambda r: "/ai-forordningen/regler/omprova/", at_least("staff", 302)),
    Case("triage result", "GET", lambda r: f"/ai-forordningen/initiativ/{published(r)}/", everyone(200)),
    Case("triage result of draft", "GET", lambda r: f"/ai-forordningen/initiativ/{draft(r)}/", DRAFT_READERS),
    Case("triage journey", "GET", lambda r: f"/ai-forordningen/initiativ/{published(r)}/fragor/", EDITORS),
    Case(
        "triage journey of draft",
        "GET",
        lambda r: f"/ai-forordningen/initiativ/{draft(r)}/fragor/",
        with_(EDITORS, **NOT_VISIBLE),
    ),
    Case(
        "triage journey answer",
        "POST",
        lambda r: f"/ai-forordningen/initiativ/{published(r)}/fragor/",
        at_least("editor", 302),
        data=lambda r: {"question": "ai_system", "answer": "ja"},
    ),
    Case(
        "triage save",
        "POST",
        lambda r: f"/ai-forordningen/initiativ/{published(r)}/spara/",
        at_least("editor", 302),  # editors: the draft is the stored triage, saved again
    ),
    Case(
        "triage restart",
        "POST",
        lambda r: f"/ai-forordningen/initiativ/{published(r)}/borja-om/",
        at_least("editor", 302),
    ),
    Case(
        "triage obligation form",
        "GET",
        lambda r: f"/ai-forordningen/initiativ/{published(r)}/skyldigheter/{obligation(r)}/",
        EDITORS,
    ),
    Case(
        "triage organisation overview",
        "GET",
        lambda r: f"/ai-forordningen/organisation/{r.organisation.pk}/",
        everyone(200),
    ),
    Case(
        "triage inventory export",
        "GET",
        lambda r: f"/ai-forordningen/organisation/{r.organisation.pk}/inventering/?format=csv",
        everyone(200),
    ),
    Case("api triage", "GET", lambda r: f"/api/v1/initiatives/{published(r)}/triage", everyone(200)),
    Case("api triage of draft", "GET", lambda r: f"/api/v1/initiatives/{draft(r)}/triage", DRAFT_READERS),
    Case("api triage rules", "GET", lambda r: "/api/v1/triage/rules", everyone(200)),
    Case(
        "api triage save",
        "POST",
        lambda r: f"/api/v1/initiatives/{published(r)}/triage",
        api_at_least("editor"),
        data=save_body,
        json=True,
    ),
    Case(
        "api triage obligation",
        "PATCH",
        lambda r: f"/api/v1/initiatives/{published(r)}/triage/obligations/{obligation(r)}",
        api_at_least("editor"),
        data=obligation_version,
        json=True,
    ),
]
