"""The registry's rows in the role matrix (``tests/role_matrix_cases.py`` adds ``CASES`` from here)."""

from __future__ import annotations

from typing import Any

from tests import factories
from tests.role_matrix_cases import Case, api_at_least, at_least, everyone, with_

NOT_VISIBLE = {"outsider": 404, "other_admin": 404}


def _initiative(roles: factories.RoleSet, title: str, publish: bool) -> Any:
    from kraft.initiatives import services
    from kraft.initiatives.models import Initiative

    found = Initiative.objects.filter(title=title).first()
    if found is None:
        found = services.create_initiative(
            "test", {"title": title, "summary": "Rollmatris"}, lead_organisation=roles.organisation, publish=publish
        )
    return found


def published(roles: factories.RoleSet) -> int:
    return _initiative(roles, "Publicerat i rollmatrisen", True).pk


def draft(roles: factories.RoleSet) -> int:
    return _initiative(roles, "Utkast i rollmatrisen", False).pk


def version_of_published(roles: factories.RoleSet) -> dict[str, Any]:
    from kraft.initiatives.models import Initiative

    return {"version": Initiative.objects.get(pk=published(roles)).version, "summary": "Ändrad i rollmatrisen"}


def new_initiative(roles: factories.RoleSet) -> dict[str, Any]:
    return {"title": "Nytt via API", "lead_organisation": roles.organisation.pk}


DRAFT_READERS = with_(everyone(200), anonymous=404, **NOT_VISIBLE)
EDITORS = at_least("editor")  # member/outsider/other_admin 403, anonymous to login
EDITORS_OF_DRAFT = with_(at_least("editor", 302), **NOT_VISIBLE)
EDITORS_OF_DRAFT_PAGE = with_(at_least("editor"), **NOT_VISIBLE)
EDITORS_ANYWHERE = with_(at_least("editor"), other_admin=200)  # other_admin edits for Timrå

CASES = [
    Case("initiative list", "GET", lambda r: "/initiativ/", everyone(200)),
    Case("initiative list filtered", "GET", lambda r: "/initiativ/?area=hr&sort=roi&evaluated=1", everyone(200)),
    Case("initiative detail", "GET", lambda r: f"/initiativ/{published(r)}/", everyone(200)),
    Case("initiative draft detail", "GET", lambda r: f"/initiativ/{draft(r)}/", DRAFT_READERS),
    Case("initiative draft history", "GET", lambda r: f"/initiativ/{draft(r)}/historik/", DRAFT_READERS),
    Case("initiative history", "GET", lambda r: f"/initiativ/{published(r)}/historik/", everyone(200)),
    Case("initiative diff", "GET", lambda r: f"/initiativ/{published(r)}/historik/jamfor/", everyone(200)),
    Case("initiative scaled", "GET", lambda r: f"/initiativ/{published(r)}/skalning/?n=5", everyone(200)),
    Case("initiative create form", "GET", lambda r: "/initiativ/nytt/", EDITORS_ANYWHERE),
    Case("initiative edit form", "GET", lambda r: f"/initiativ/{published(r)}/andra/", EDITORS),
    Case("initiative draft edit form", "GET", lambda r: f"/initiativ/{draft(r)}/andra/", with_(EDITORS, **NOT_VISIBLE)),
    Case("initiative effects", "GET", lambda r: f"/initiativ/{published(r)}/effekter/", EDITORS),
    Case("initiative publish", "POST", lambda r: f"/initiativ/{draft(r)}/publicera/", EDITORS_OF_DRAFT),
    Case(
        "initiative publish confirmation", "GET", lambda r: f"/initiativ/{draft(r)}/publicera/", EDITORS_OF_DRAFT_PAGE
    ),
    Case("initiative archive", "POST", lambda r: f"/initiativ/{published(r)}/arkivera/", at_least("editor", 302)),
    Case("initiative copy form", "GET", lambda r: f"/initiativ/{published(r)}/utga-fran/", EDITORS_ANYWHERE),
    Case("initiative classifications", "GET", lambda r: "/initiativ/klassificering/", at_least("staff")),
    Case("api initiatives", "GET", lambda r: "/api/v1/initiatives?area=hr&page_size=5", everyone(200)),
    Case("api initiative", "GET", lambda r: f"/api/v1/initiatives/{published(r)}", everyone(200)),
    Case("api initiative draft", "GET", lambda r: f"/api/v1/initiatives/{draft(r)}", DRAFT_READERS),
    Case(
        "api initiative create",
        "POST",
        lambda r: "/api/v1/initiatives",
        api_at_least("editor", 201),
        data=new_initiative,
        json=True,
    ),
    Case(
        "api initiative patch",
        "PATCH",
        lambda r: f"/api/v1/initiatives/{published(r)}",
        api_at_least("editor"),
        data=version_of_published,
        json=True,
    ),
    Case(
        "api initiative publish",
        "POST",
        lambda r: f"/api/v1/initiatives/{draft(r)}/publish",
        with_(api_at_least("editor"), **NOT_VISIBLE),
    ),
    Case(
        "api initiative archive",
        "POST",
        lambda r: f"/api/v1/initiatives/{published(r)}/archive",
        api_at_least("editor"),
    ),
    Case(
        "api initiative copy",
        "POST",
        lambda r: f"/api/v1/initiatives/{published(r)}/copy",
        with_(api_at_least("editor", 201), other_admin=403),
        data=lambda r: {"organisation": r.organisation.pk},
        json=True,
    ),
]
