"""The assessments' rows in the role matrix (``tests/role_matrix_cases.py`` adds ``CASES`` from here)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests import factories
from tests.role_matrix_cases import LOGIN, Case, at_least, everyone, with_

HIDDEN = {"outsider": 404, "other_admin": 404}
MEMBERS = with_(everyone(200), anonymous=404, **HIDDEN)
MEMBERS_SIGNED_IN = with_(everyone(200), anonymous=LOGIN, **HIDDEN)
ADMINS = with_(at_least("admin", 302), **HIDDEN)
EDITORS = with_(at_least("editor", 302), **HIDDEN)


def _open(roles: factories.RoleSet) -> Any:
    from kraft.assessments import services
    from kraft.assessments.models import Assessment

    found = Assessment.objects.filter(organisation=roles.organisation, status="open").first()
    if found is None:
        found = services.start_assessment("test", roles.organisation, title="Öppen i rollmatrisen")
        services.invite_respondent("test", found, roles.member, "ledning")
    return found


def open_assessment(roles: factories.RoleSet) -> int:
    return _open(roles).pk


def submitted(roles: factories.RoleSet) -> int:
    from kraft.assessments import services
    from tests.assessments.helpers import answers

    assessment = _open(roles)
    services.save_answers(roles.member, assessment, answers(3), submit=True)
    return assessment.pk


def _closed(roles: factories.RoleSet, published: bool = False) -> Any:
    from kraft.assessments import services
    from kraft.assessments.models import Assessment

    found = Assessment.objects.filter(organisation=roles.organisation, status="closed").first()
    if found is None:
        submitted(roles)
        found = services.close_assessment("test", Assessment.objects.get(organisation=roles.organisation))
    if published and not found.is_published:
        found = services.set_publication("test", found, published=True, open_to_contact=False)
    return found


def closed_private(roles: factories.RoleSet) -> int:
    return _closed(roles).pk


def closed_published(roles: factories.RoleSet) -> int:
    return _closed(roles, published=True).pk


def plan_item(roles: factories.RoleSet) -> tuple[int, int]:
    from django.utils import timezone

    from kraft.assessments import services
    from kraft.assessments.models import PlanItem

    assessment = _closed(roles)
    item = PlanItem.objects.filter(plan__assessment=assessment).first()
    if item is None:
        item = services.add_plan_item(
            "test",
            assessment,
            "strategi.portfolj",
            owner=roles.member,
            due_on=timezone.localdate() + timedelta(days=10),
        )
    return assessment.pk, item.pk


def plan_update_data(roles: factories.RoleSet) -> dict[str, Any]:
    from kraft.assessments.models import PlanItem

    _pk, item_pk = plan_item(roles)
    item = PlanItem.objects.get(pk=item_pk)
    prefix = f"item-{item.pk}"
    return {
        f"{prefix}-version": item.version,
        f"{prefix}-status": "in_progress",
        f"{prefix}-owner": roles.member.pk,
        f"{prefix}-due_on": item.due_on.isoformat(),
    }


def plan_add_data(roles: factories.RoleSet) -> dict[str, Any]:
    from django.utils import timezone

    return {
        "step": "styrning.kunnighet",
        "owner": roles.member.pk,
        "due_on": (timezone.localdate() + timedelta(days=20)).isoformat(),
    }


def _plan_url(roles: factories.RoleSet, suffix: str = "") -> str:
    pk, item_pk = plan_item(roles)
    return f"/mognad/{pk}/plan/{item_pk}/{suffix}"


CASES = [
    Case("maturity index", "GET", lambda r: "/mognad/", everyone(200)),
    Case("maturity question bank", "GET", lambda r: "/mognad/fragor/", everyone(200)),
    Case("maturity peers", "GET", lambda r: "/mognad/jamforelse/?county=22&organisation=1", everyone(200)),
    Case("assessment start page", "GET", lambda r: "/mognad/ny/", with_(at_least("admin"), other_admin=200)),
    Case(
        "assessment start",
        "POST",
        lambda r: "/mognad/ny/",
        with_(at_least("admin", 302), other_admin=400),
        data=lambda r: {"organisation": r.organisation.pk, "title": "Rollmatris"},
    ),
    Case("assessment open detail", "GET", lambda r: f"/mognad/{open_assessment(r)}/", MEMBERS),
    Case("assessment closed detail", "GET", lambda r: f"/mognad/{closed_private(r)}/", MEMBERS),
    Case("assessment published detail", "GET", lambda r: f"/mognad/{closed_published(r)}/", everyone(200)),
    Case(
        "assessment answer page",
        "GET",
        lambda r: f"/mognad/{open_assessment(r)}/svara/",
        with_(everyone(403), anonymous=LOGIN, member=200, **HIDDEN),
    ),
    Case(
        "assessment answer",
        "POST",
        lambda r: f"/mognad/{open_assessment(r)}/svara/",
        with_(everyone(403), anonymous=LOGIN, member=302, **HIDDEN),
        data=lambda r: {"q-strategi.ansvar": "2", "save": "1"},
    ),
    Case(
        "assessment invite",
        "POST",
        lambda r: f"/mognad/{open_assessment(r)}/bjud-in/",
        ADMINS,
        data=lambda r: {"respondent": r.editor.pk, "role": "it"},
    ),
    Case("assessment close", "POST", lambda r: f"/mognad/{submitted(r)}/stang/", ADMINS),
    Case(
        "assessment publication",
        "POST",
        lambda r: f"/mognad/{closed_private(r)}/publicering/",
        ADMINS,
        data=lambda r: {"version": _closed(r).version, "is_published": "on"},
    ),
    Case("assessment plan add", "POST", lambda r: f"/mognad/{closed_private(r)}/plan/", EDITORS, data=plan_add_data),
    Case(
        "assessment plan update",
        "POST",
        lambda r: _plan_url(r),
        with_(EDITORS, member=302),  # the member owns the step
        data=plan_update_data,
    ),
    Case("assessment plan remove", "POST", lambda r: _plan_url(r, "ta-bort/"), EDITORS),
    Case("assessment export csv", "GET", lambda r: f"/mognad/{closed_private(r)}/export.csv", MEMBERS),
    Case("assessment export xlsx", "GET", lambda r: f"/mognad/{closed_published(r)}/export.xlsx", everyone(200)),
    Case("api assessments", "GET", lambda r: "/api/v1/assessments", everyone(200)),
    Case("api assessment private", "GET", lambda r: f"/api/v1/assessments/{closed_private(r)}", MEMBERS),
    Case("api assessment published", "GET", lambda r: f"/api/v1/assessments/{closed_published(r)}", everyone(200)),
    Case(
        "api assessment export", "GET", lambda r: f"/api/v1/assessments/{closed_private(r)}/export?format=xlsx", MEMBERS
    ),
    Case("api maturity peers small group", "GET", lambda r: "/api/v1/maturity/peers?county=22", everyone(400)),
]
