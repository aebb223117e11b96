"""In a real browser, in Swedish and English, with axe on every page: invite respondents → answer → result →
plan; and portfolio → change weights → decide."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from kraft.assessments import bank as banks
from kraft.assessments.models import Assessment, PlanItem
from kraft.portfolio.models import Decision
from tests.conftest import login_in_browser, run_axe
from tests.portfolio.test_portfolio import _risky_and_safe

pytestmark = pytest.mark.browser


def _language(page, live_server, language: str) -> None:
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])


def _axe(page, language: str) -> None:
    assert page.locator("html").get_attribute("lang") == language
    violations = run_axe(page)
    assert not violations, f"{page.url}: {violations}"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_invite_answer_result_and_plan(page, browser, live_server, roles, language) -> None:
    _language(page, live_server, language)
    login_in_browser(page, "admin")
    page.goto("/mognad/")
    _axe(page, language)
    page.goto(f"/mognad/ny/?organisation={roles.organisation.pk}")
    _axe(page, language)
    page.fill("#id_title", "Webbläsartest")
    page.click("form.start-form button[type=submit]")
    page.wait_for_url("**/mognad/*/")
    assessment = Assessment.objects.get(organisation=roles.organisation)
    page.select_option("#id_respondent", str(roles.member.pk))
    page.select_option("#id_role", "verksamhet")
    page.click("form.invite-form button[type=submit]")
    page.wait_for_selector(".message-success")
    _axe(page, language)

    other = browser.new_context(base_url=live_server.url, bypass_csp=True)
    respondent = other.new_page()
    _language(respondent, live_server, language)
    login_in_browser(respondent, "medlem")
    respondent.goto(f"/mognad/{assessment.pk}/svara/")
    _axe(respondent, language)
    questions = banks.load().questions()
    respondent.check(f"#q-{questions[0].id.replace('.', '-')}-4")
    respondent.click("button[name=save]")
    respondent.wait_for_selector(".message-success")
    assert respondent.is_checked(f"#q-{questions[0].id.replace('.', '-')}-4")  # saved and back again
    respondent.click("button[name=submit]")  # the rest unanswered: refused, with a summary
    respondent.wait_for_selector("#error-summary")
    _axe(respondent, language)
    for question in questions[1:]:
        respondent.check(f"#q-{question.id.replace('.', '-')}-{'dk' if question.id.startswith('data.') else 3}")
    respondent.click("button[name=submit]")
    respondent.wait_for_url(f"**/mognad/{assessment.pk}/")
    other.close()

    page.goto(f"/mognad/{assessment.pk}/")
    page.click("form.close-form button[type=submit]")
    page.wait_for_selector("svg.radar")
    assert page.locator("table.results tbody tr").count() == 6
    _axe(page, language)
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    page.select_option("#id_owner", str(roles.member.pk))
    page.fill("#id_due_on", due)
    page.click("form.plan-form button[type=submit]")
    page.wait_for_selector("table.plan tbody tr")
    assert PlanItem.objects.filter(plan__assessment=assessment, owner=roles.member).exists()
    _axe(page, language)
    page.goto(f"/mognad/jamforelse/?organisation={roles.organisation.pk}")
    _axe(page, language)
    page.goto("/mognad/fragor/")
    _axe(page, language)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_portfolio_change_weights_and_decide(page, live_server, roles, language) -> None:
    _risky_and_safe(roles)
    _language(page, live_server, language)
    login_in_browser(page, "admin")
    page.goto(f"/portfolj/{roles.organisation.pk}/")
    _axe(page, language)
    first = page.locator("table.ranking tbody tr").first.locator("th").inner_text()
    page.fill("#w_value", "10")
    page.fill("#w_feasibility", "20")
    page.fill("#w_risk", "60")
    page.fill("#w_reuse", "10")
    page.click("form.weights-form button[type=submit]")
    page.wait_for_selector(".moved-up")
    assert page.locator("table.ranking tbody tr").first.locator("th").inner_text() != first
    _axe(page, language)
    page.click("form.save-weights button[type=submit]")
    page.wait_for_selector(".message-success")
    page.fill("#budget", "100000")
    page.click("form.selection-form button[type=submit]")
    page.wait_for_selector("ul.chosen li")
    _axe(page, language)
    page.fill("#reason", "Låg risk först.")
    page.click("form.decide-form button[type=submit]")
    page.wait_for_url("**/beslut/")
    assert Decision.objects.filter(organisation=roles.organisation).count() == 1
    _axe(page, language)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_peer_comparison_with_figures_and_own_position(page, live_server, roles, language) -> None:
    from tests.assessments.helpers import peer_population

    population = peer_population(6)  # Sundsvall (the roles' organisation) is one of the six
    own = next(a for a in population if a.organisation_id == roles.organisation.pk)
    _language(page, live_server, language)
    login_in_browser(page, "medlem")
    page.goto(f"/mognad/jamforelse/?county=22&kind=kommun&organisation={roles.organisation.pk}")
    assert page.locator(".peer-table").count() >= 1
    _axe(page, language)
    page.goto(f"/mognad/{own.pk}/")
    assert page.locator(".peer-summary").count() == 1
    _axe(page, language)
