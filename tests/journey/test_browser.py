"""The whole journey in a real browser, in Swedish and English, with axe on every page it passes:
publish a need → another organisation signals → a coalition invites two organisations → both accept →
the joint initiative enters the registry."""

from __future__ import annotations

import pytest
from django.conf import settings

from kraft.coalitions.models import Coalition, CoalitionMember
from kraft.needs.models import Need, Signal
from tests.conftest import login_in_browser, run_axe
from tests.factories import member, municipality, user

pytestmark = pytest.mark.browser

PROBLEM = (
    "Kontaktcenter får tusentals samtal i månaden om bygglov och avfallshämtning. "
    "Invånarna väntar i telefonkö och handläggarna avbryts i sitt arbete."
)


def _person_page(browser, live_server, username: str, language: str):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="sv-SE")
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    context.set_default_timeout(15000)
    page = context.new_page()
    login_in_browser(page, username)
    return page


def _axe(page, violations: dict[str, list], language: str) -> None:
    assert page.locator("html").get_attribute("lang") == language
    found = run_axe(page)
    if found:
        violations[page.url] = found


@pytest.mark.parametrize("language", ["sv", "en"])
def test_need_to_joint_initiative_journey_with_axe(page, browser, live_server, roles, language) -> None:
    harnosand = municipality("Härnösands kommun")
    member(user("harnosand"), harnosand, "editor")
    violations: dict[str, list] = {}
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    login_in_browser(page, "redaktor")

    # Sundsvall publishes a need; live suggestions answer while the problem is typed.
    page.goto("/behov/nytt/")
    page.fill("#id_title", "Svar dygnet runt på invånarnas frågor")
    page.fill("#id_problem", PROBLEM)
    page.wait_for_selector("#live-suggestions p, #live-suggestions ul")
    _axe(page, violations, language)
    page.click("button[name=publish]")
    page.wait_for_url("**/behov/*/")
    need = Need.objects.get(title="Svar dygnet runt på invånarnas frågor")
    assert need.status == Need.Status.OPEN
    _axe(page, violations, language)

    # Timrå says "we have the same need".
    timra = _person_page(browser, live_server, "annanadmin", language)
    timra.goto(f"/behov/{need.pk}/")
    timra.check("input[name=kind][value=same_need]")
    timra.click("form.signal-form button[type=submit]")
    timra.wait_for_url(f"**/behov/{need.pk}/")
    assert Signal.objects.filter(need=need, organisation=roles.other_organisation, kind="same_need").exists()
    _axe(timra, violations, language)

    # Sundsvall forms a coalition and invites Timrå (who signalled) and Härnösand.
    page.goto(f"/behov/{need.pk}/")
    page.click(f"a[href='/samverkan/ny/?behov={need.pk}']")
    page.wait_for_url("**/samverkan/ny/**")
    _axe(page, violations, language)
    page.click("form button.primary")
    page.wait_for_url("**/samverkan/*/")
    coalition = Coalition.objects.get(need=need)
    page.click(f"form[action$='/bjud-in/']:has(input[name=organisation][value='{roles.other_organisation.pk}']) button")
    page.wait_for_url(f"**/samverkan/{coalition.pk}/")
    page.select_option("#id_organisation", str(harnosand.pk))
    page.select_option("#id_role", "co_funder")
    page.click("form[action$='/bjud-in/'] button.primary")
    page.wait_for_url(f"**/samverkan/{coalition.pk}/")
    _axe(page, violations, language)

    # Both invited organisations accept, from their notifications.
    for invited_page in (timra, _person_page(browser, live_server, "harnosand", language)):
        invited_page.goto("/meddelanden/notiser/")
        _axe(invited_page, violations, language)
        invited_page.click("a[href^='/samverkan/inbjudan/']")
        invited_page.wait_for_url("**/samverkan/inbjudan/**")
        _axe(invited_page, violations, language)
        invited_page.fill("#id_decision_reference", "KS 2026-03-01 § 12")
        invited_page.click("button[name=answer][value=accept]")
        invited_page.wait_for_url(f"**/samverkan/{coalition.pk}/")
    assert CoalitionMember.objects.filter(coalition=coalition).count() == 3

    # Three organisations unlock the agreement template; work starts as a joint initiative.
    page.goto(f"/samverkan/{coalition.pk}/avtalsmall/")
    _axe(page, violations, language)
    page.goto(f"/samverkan/{coalition.pk}/")
    page.click(f"form[action='/samverkan/{coalition.pk}/initiativ/'] button")
    page.wait_for_url("**/initiativ/*/")
    coalition.refresh_from_db()
    assert coalition.initiative is not None and coalition.status == Coalition.Status.ACTIVE
    _axe(page, violations, language)
    page.goto(f"/samverkan/{coalition.pk}/")
    _axe(page, violations, language)

    for url in (
        "/behov/",
        "/behov/karta/",
        "/behov/statistik/",
        "/samverkan/",
        "/meddelanden/",
        "/meddelanden/installningar/",
    ):
        page.goto(url)
        _axe(page, violations, language)
    page.goto(f"/meddelanden/nytt/?behov={need.pk}")
    _axe(page, violations, language)
    assert not violations, violations
