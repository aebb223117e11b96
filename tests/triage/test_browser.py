"""The triage journey in a real browser, with axe on every step, in Swedish and English."""

from __future__ import annotations

import pytest
from django.conf import settings

from kraft.initiatives import services as initiative_services
from kraft.initiatives.models import Initiative
from tests.conftest import login_in_browser, run_axe

pytestmark = pytest.mark.browser

JOURNEY = [  # the chatbot in the switchboard: bought, in use, talks to residents
    ("ai_system", "ja"),
    ("roll", "kopt"),
    ("anvandning", "i_drift"),
    ("undantag", "nej"),
    ("personuppgifter", "ja"),
    ("beslut", "nej"),
    ("invanare", "ja_digital"),
    ("forbud", "nej"),
    ("bilaga_i", "nej"),
    ("bilaga_iii", "inget"),
    ("transparenskrav", "samtalar"),
]


def _axe(page, problems: list[str]) -> None:
    violations = run_axe(page)
    if violations:
        problems.append(f"{page.url}: {violations}")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_triage_journey_in_the_browser_with_axe(page, live_server, roles, language) -> None:
    initiative = initiative_services.create_initiative(
        "test", {"title": "Chattbot i växeln"}, lead_organisation=roles.organisation, publish=True
    )
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    page.context.add_cookies([cookie])
    login_in_browser(page, "redaktor")
    problems: list[str] = []
    page.goto(f"/initiativ/{initiative.pk}/")
    assert page.locator("html").get_attribute("lang") == language
    page.click(f"a[href='/ai-forordningen/initiativ/{initiative.pk}/fragor/']")
    page.wait_for_url(f"**/ai-forordningen/initiativ/{initiative.pk}/fragor/**")
    _axe(page, problems)
    for number, (question, answer) in enumerate(JOURNEY):
        page.wait_for_selector(f"input[name=question][value={question}]", state="attached")
        if number == 0:
            page.fill("#rationale", "Tolkar frågor med en språkmodell")
        page.check(f"#answer-{answer}")
        if question == "bilaga_iii":
            _axe(page, problems)
        page.click("form.triage-question button[type=submit]")
    page.wait_for_selector("form[action$='/spara/']")
    _axe(page, problems)
    # back to the first question, change nothing, forward again: the answer is still selected
    page.click("a[href$='?fraga=ai_system']")
    assert page.is_checked("#answer-ja")
    page.click("form.triage-question button[type=submit]")
    assert page.is_checked("#answer-kopt")
    page.goto(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/")
    page.click("form[action$='/spara/'] button[type=submit]")
    page.wait_for_url(f"**/ai-forordningen/initiativ/{initiative.pk}/")
    _axe(page, problems)
    initiative.refresh_from_db()
    assert initiative.risk_class == "begransad" and initiative.risk_class_confirmed
    main = page.inner_text("main")
    assert ("Transparenskrav" in main) if language == "sv" else ("Transparency obligations" in main)
    assert "AI-förordningen artikel 50.1" in main
    for url in (
        f"/initiativ/{initiative.pk}/",
        f"/ai-forordningen/organisation/{roles.organisation.pk}/",
        "/ai-forordningen/",
        "/ai-forordningen/regler/",
    ):
        page.goto(url)
        _axe(page, problems)
    obligation = initiative.ai_act_obligations.filter(active=True).first()
    page.goto(f"/ai-forordningen/initiativ/{initiative.pk}/skyldigheter/{obligation.pk}/")
    _axe(page, problems)
    page.select_option("#id_status", "klar")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/ai-forordningen/initiativ/{initiative.pk}/")
    assert not problems, "\n".join(problems)


def test_vet_inte_in_the_browser_offers_the_knowledge_support(page, live_server, roles) -> None:
    initiative = initiative_services.create_initiative(
        "test", {"title": "Ruttplanering"}, lead_organisation=roles.organisation, publish=True
    )
    login_in_browser(page, "redaktor")
    page.goto(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/")
    for question, answer in (("ai_system", "ja"), ("roll", "kopt"), ("anvandning", "vet_inte")):
        page.wait_for_selector(f"input[name=question][value={question}]", state="attached")
        page.check(f"#answer-{answer}")
        page.click("form.triage-question button[type=submit]")
    page.wait_for_selector("#ask-question")
    assert "Vi vet inte: Används systemet redan?" in page.input_value("#ask-question")
    problems: list[str] = []
    _axe(page, problems)
    assert not problems, problems
    assert Initiative.objects.get(pk=initiative.pk).risk_class == "ej_bedomd"  # nothing saved yet
