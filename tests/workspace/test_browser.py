"""In a real browser, in Swedish and English, with axe-core and the Content-Security-Policy on every page:
sign-in → Mitt arbete → create an initiative → an effect in hours with the default hourly cost → publish with
confirmation; and an admin's invitation that the invitee follows to join with the role."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail

from kraft.initiatives.models import Effect, Initiative
from kraft.organisations.models import Membership
from tests.conftest import login_in_browser, run_axe

pytestmark = pytest.mark.browser


def _language(page: Any, live_server: Any, lang: str) -> None:
    page.context.add_cookies([{"name": "kraft_language", "value": lang, "url": live_server.url}])


def _axe(page: Any, problems: list[str]) -> None:
    if violations := run_axe(page):
        problems.append(f"{page.url}: {violations}")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_sign_in_my_work_create_effects_with_default_hourly_cost_and_publish(
    page: Any, live_server: Any, roles: Any, lang: str
) -> None:
    _language(page, live_server, lang)
    problems: list[str] = []
    login_in_browser(page, "redaktor")
    page.wait_for_url("**/mitt-arbete/")
    _axe(page, problems)
    page.click("section.next-action a.button")  # the one next step for an editor without initiatives
    page.wait_for_url("**/initiativ/nytt/")
    _axe(page, problems)
    page.fill("#id_title", "Taligenkänning i hemtjänsten")
    page.fill("#id_summary", "Dokumentation med rösten i stället för tangentbordet.")
    page.click("form.initiative-form button[type=submit]")
    page.wait_for_url("**/effekter/")
    _axe(page, problems)

    assert not page.is_visible("#id_effect-hours")  # only the chosen unit's fields
    page.select_option("#id_effect-unit", "hours")
    assert page.is_visible("#id_effect-hours") and not page.is_visible("#id_effect-amount")
    assert page.input_value("#id_effect-hourly_cost") == "350"  # the national default, prefilled
    page.select_option("#id_effect-dimension", "tidsbesparing")
    page.fill("#id_effect-description", "Mindre tid vid datorn")
    page.fill("#id_effect-hours", "500")
    page.fill("#id_effect-people", "1")
    page.fill("#id_effect-periods_per_year", "1")
    page.click("form.effect-form button[name=add_effect]")
    page.wait_for_selector("table")
    text = page.inner_text("main")
    assert ("500 timmar" if lang == "sv" else "500 hours") in text
    assert "175\u00a0000\u00a0kr" in text  # 500 h × 350 kr
    _axe(page, problems)

    page.click("nav.next-step a.button")
    page.wait_for_url("**/publicera/")
    assert "Taligenkänning i hemtjänsten" in page.inner_text(".publish-preview")
    _axe(page, problems)
    page.click("form.publish-form button[type=submit]")
    page.wait_for_url("**/initiativ/*/")
    initiative = Initiative.objects.get(title="Taligenkänning i hemtjänsten")
    assert initiative.status == "published"
    assert Effect.objects.get(initiative=initiative).hourly_cost == 350
    _axe(page, problems)
    assert problems == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_admin_invites_and_the_invitee_verifies_and_joins_with_the_role(
    page: Any, browser: Any, live_server: Any, roles: Any, lang: str
) -> None:
    from tests.conftest import watch_csp

    _language(page, live_server, lang)
    problems: list[str] = []
    login_in_browser(page, "admin")
    page.wait_for_url("**/mitt-arbete/")
    page.click(f"a[href='/konto/inbjudningar/organisation/{roles.organisation.pk}/']")
    page.wait_for_url(f"**/konto/inbjudningar/organisation/{roles.organisation.pk}/")
    _axe(page, problems)
    page.fill("#id_email", "sara.sjoberg@sundsvall.se")
    page.select_option("#id_role", "editor")
    page.click("main form button[type=submit]")
    page.wait_for_selector("table")
    assert "sara.sjoberg@sundsvall.se" in page.inner_text("table")
    _axe(page, problems)

    link = re.search(r"https?://\S+/konto/inbjudan/\S+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    invitee = context.new_page()
    watch_csp(invitee)
    _language(invitee, live_server, lang)
    invitee.goto(urlsplit(link.group(0)).path)
    assert invitee.input_value("#id_email") == "sara.sjoberg@sundsvall.se"
    _axe(invitee, problems)
    for field, value in {
        "username": "sara",
        "first_name": "Sara",
        "last_name": "Sjöberg",
        "password1": "Ett-langt-losenord-42",
        "password2": "Ett-langt-losenord-42",
    }.items():
        invitee.fill(f"#id_{field}", value)
    invitee.click("form.signup-form button[type=submit]")
    invitee.wait_for_url("**/mitt-arbete/")
    assert "Sundsvalls kommun" in invitee.inner_text("main")
    _axe(invitee, problems)
    membership = Membership.objects.get(user__username="sara")
    assert (membership.status, membership.role, membership.organisation) == ("active", "editor", roles.organisation)
    invitee.goto(urlsplit(link.group(0)).path)  # the link works once
    assert invitee.locator(".message-error").count() == 1
    context.close()
    assert problems == []
