"""In a real browser: asking, reading an answer, giving feedback, the history – and axe on each page in sv and en."""

from __future__ import annotations

from typing import Any

import pytest

from kraft.knowledge.models import Library
from tests.conftest import login_in_browser, run_axe

pytestmark = pytest.mark.browser

QUESTION = "Hur snabbt måste kommunen lämna ut en allmän handling som någon begär?"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_ask_answer_and_history_pages_have_no_axe_violations(
    page: Any, roles: Any, statutes: Library, language: str
) -> None:
    login_in_browser(page, roles.member.username)
    page.goto(f"/kunskap/?lang={language}")
    assert run_axe(page) == []

    page.fill("#id_question", QUESTION)
    page.click("form.ask-form button[type=submit]")
    page.wait_for_url("**/kunskap/svar/*/")
    assert "2 kap. 1" in page.inner_text("main")
    answer_url = page.url
    page.goto(f"{answer_url}?lang={language}")
    assert run_axe(page) == []

    page.check("input[name=helpful][value='0']")
    page.fill("#id_comment", "Jag ville veta antal dagar.")
    page.click("#aterkoppling button[type=submit]")
    page.wait_for_selector(".message-success")
    assert run_axe(page) == []

    page.goto(f"/kunskap/svar/?lang={language}")
    assert run_axe(page) == []


@pytest.mark.parametrize("language", ["sv", "en"])
def test_abstention_and_anonymous_answer_pages_have_no_axe_violations(
    page: Any, statutes: Library, language: str
) -> None:
    page.goto(f"/kunskap/?lang={language}")
    page.fill("#id_question", "Vilken färg ska kommunens logotyp ha på julkorten?")
    page.click("form.ask-form button[type=submit]")
    page.wait_for_selector(".abstention")
    assert run_axe(page) == []

    page.fill("#id_question", "")
    page.click("form.ask-form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert run_axe(page) == []


def test_citation_link_opens_the_paragraph_highlighted_in_context(page: Any, statutes: Library) -> None:
    page.goto("/kunskap/")
    page.fill("#id_question", QUESTION)
    page.click("form.ask-form button[type=submit]")
    page.click(".claim-citation a >> nth=0")
    page.wait_for_selector(".passage.is-highlighted")
    assert "2 kap." in page.inner_text(".passage.is-highlighted")
