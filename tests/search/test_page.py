"""The search page: Swedish matching, visibility, escaping, and WCAG 2.1 AA in Swedish and English."""

from __future__ import annotations

from typing import Any

import pytest

from kraft.search import service
from kraft.search.documents import ORGANISATION, PUBLIC, SearchDocument
from tests.conftest import run_axe


@pytest.fixture
def indexed(roles: Any) -> Any:
    service.index_documents(
        [
            SearchDocument("initiatives", "1", "Trygg natt", "Bättre omsorg om äldre <b>hemma</b>.", visibility=PUBLIC),
            SearchDocument(
                "initiatives",
                "2",
                "Intern äldreomsorgspilot",
                "Äldreomsorgen testar taligenkänning.",
                organisation_id=roles.organisation.pk,
                visibility=ORGANISATION,
            ),
        ]
    )
    return roles


def test_search_page_finds_compounds_marks_words_and_escapes_text(client: Any, indexed: Any) -> None:
    page = client.get("/sok/", {"q": "äldreomsorg"}).content.decode()
    assert "Trygg natt" in page and "<mark>omsorg</mark>" in page
    assert "&lt;b&gt;hemma&lt;/b&gt;" in page
    assert "äldreomsorgspilot" not in page  # private to Sundsvall's members


def test_members_see_their_organisations_private_hits(client: Any, indexed: Any) -> None:
    client.force_login(indexed.member)
    page = client.get("/sok/", {"q": "äldreomsorg"}).content.decode()
    assert "Intern äldreomsorgspilot" in page


def test_odd_parameters_do_not_break_the_page(client: Any, db: None) -> None:
    for params in ({"q": "x", "page": "abc"}, {"q": "x", "samling": "nope"}, {"q": "\"' OR 1=1 --"}, {}):
        assert client.get("/sok/", params).status_code == 200


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_search_page_has_no_accessibility_violations(page: Any, indexed: Any, lang: str) -> None:
    page.goto(f"/sok/?q=äldreomsorg&lang={lang}")
    assert page.get_by_role("heading", level=1).count() == 1
    assert run_axe(page) == []
