"""A phone that works (390 px wide): no page scrolls sideways, the menu and the list filters fold away (and work
without JavaScript), controls are at least 24 px, the first initiative is within two screens, axe passes."""

from __future__ import annotations

from typing import Any

import pytest

from kraft.knowledge import services as knowledge_services
from kraft.knowledge.models import Passage
from kraft.organisations.models import Membership
from tests import factories
from tests.conftest import login_in_browser, run_axe
from tests.initiatives.helpers import chatbot
from tests.knowledge import files

PHONE = {"width": 390, "height": 844}
WIDE = """() => { const edge = document.documentElement.clientWidth + 1;
  return [...document.querySelectorAll('main *')]
  .filter((el) => el.getBoundingClientRect().right > edge)
  .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > edge))
  .slice(0, 6).map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
SMALL_TARGETS = """() => [...document.querySelectorAll('button, summary, select, input:not([type=hidden]), textarea')]
  .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .map((el) => [el, el.getBoundingClientRect()])
  .filter(([el, box]) => box.width > 0 && (box.width < 24 || box.height < 24))
  .map(([el, box]) => `${el.tagName.toLowerCase()}[name=${el.name || ''}] ${Math.round(box.width)}x`
    + `${Math.round(box.height)}`)
"""


def _world(roles: Any) -> dict[str, Any]:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    for number in range(6):
        chatbot(roles.editor, roles.organisation, publish=True, title=f"Chattbot nummer {number} med ett långt namn")
    factories.member(roles.staff, roles.organisation, Membership.Role.ADMIN)
    library = knowledge_services.create_library(roles.staff, name="Svensk lag", organisation=None)
    statute = knowledge_services.import_statute(library, files.statute("2099:1"))
    passage = Passage.objects.filter(document=statute).order_by("ordinal").first()
    return {"initiative": initiative, "library": library, "passage": passage, "organisation": roles.organisation}


def _pages(world: dict[str, Any]) -> list[str]:
    pk, org = world["initiative"].pk, world["organisation"].pk
    return [
        "/",
        "/initiativ/",
        "/initiativ/?q=chattbot",
        f"/initiativ/{pk}/",
        f"/initiativ/{pk}/effekter/",
        f"/initiativ/{pk}/andra/",
        f"/initiativ/{pk}/historik/",
        f"/initiativ/{pk}/skalning/",
        "/initiativ/nytt/",
        "/initiativ/karta/",
        "/initiativ/statistik/",
        "/initiativ/exportera/",
        "/initiativ/importera/",
        "/initiativ/klassificering/",
        "/sok/?q=chattbot",
        "/sok/?q=finnsinteallsnagonstans",
        "/organisationer/",
        f"/organisationer/{org}/",
        f"/organisationer/{org}/medlemmar/",
        f"/organisationer/{org}/redigera/",
        "/organisationer/kallor/",
        "/organisationer/granska/",
        "/organisationer/registrera/",
        "/kunskap/",
        "/kunskap/svar/",
        "/kunskap/bibliotek/",
        world["library"].get_absolute_url(),
        world["passage"].get_absolute_url(),
        "/logg/",
        "/konto/profil/",
        "/tillganglighet/",
    ]


@pytest.mark.browser
def test_no_page_scrolls_sideways_on_a_phone_and_axe_passes(page: Any, roles: Any) -> None:
    world = _world(roles)
    page.set_default_timeout(60_000)  # a shared, busy machine
    page.set_viewport_size(PHONE)
    for url in ("/konto/logga-in/", "/konto/skapa-konto/"):
        page.goto(url)
        assert page.evaluate(OVERFLOW) <= 0, url
    login_in_browser(page, "personal")
    problems = {}
    for url in _pages(world):
        page.goto(url)
        overflow = page.evaluate(OVERFLOW)
        small = page.evaluate(SMALL_TARGETS)
        violations = run_axe(page)
        if overflow > 0 or small or violations:
            wide = page.evaluate(WIDE) if overflow > 0 else []
            problems[url] = {"overflow": overflow, "wide": wide, "small": small[:5], "axe": violations}
    assert problems == {}, "\n".join(f"{url}: {found}" for url, found in problems.items())


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_menu_and_filters_fold_away_and_the_first_initiative_is_within_two_screens(
    page: Any, roles: Any, language: str
) -> None:
    _world(roles)
    page.set_default_timeout(60_000)
    page.set_viewport_size(PHONE)
    page.goto(f"/initiativ/?lang={language}")
    menu = page.locator("details.site-menu")
    assert menu.get_attribute("open") is None
    assert not page.locator(".main-nav").is_visible()
    page.locator("details.site-menu > summary").click()
    assert page.locator(".main-nav").is_visible()
    assert not page.locator("form.filters").is_visible()
    page.locator("details.filter-panel > summary").click()
    assert page.locator("form.filters").is_visible()
    page.reload()
    first = page.locator(".initiative-list li").first.bounding_box()
    assert first is not None and first["y"] < 2 * PHONE["height"]
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["height"] < 90
    assert run_axe(page) == []


@pytest.mark.browser
def test_the_menu_works_without_javascript(page: Any, browser: Any, live_server: Any) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto("/initiativ/")
    assert page.locator(".main-nav").is_visible()  # open without JavaScript …
    page.locator("details.site-menu > summary").click()
    assert not page.locator(".main-nav").is_visible()  # … and folds natively
    assert page.evaluate(OVERFLOW) <= 0
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_changed_pages_pass_axe_on_a_wide_screen_too(page: Any, roles: Any, language: str) -> None:
    world = _world(roles)
    page.set_default_timeout(60_000)
    page.set_viewport_size({"width": 1280, "height": 900})
    login_in_browser(page, "personal")
    pk = world["initiative"].pk
    for url in (
        "/initiativ/",
        "/initiativ/?q=bygglov",
        "/initiativ/?country=all",
        f"/initiativ/{pk}/",
        "/initiativ/statistik/?matt=value_measured&omfang=organisation",
        "/initiativ/karta/?zoom=01",
        "/initiativ/exportera/",
        "/sok/?q=chattbot",
        "/sok/?q=chattbot&samling=initiatives",
        "/sok/?q=finnsinteallsnagonstans",
        "/organisationer/",
    ):
        page.goto(f"{url}{'&' if '?' in url else '?'}lang={language}")
        assert page.evaluate(OVERFLOW) <= 0, url
        assert run_axe(page) == [], url


@pytest.mark.browser
def test_the_ai_act_maturity_and_portfolio_pages_fit_a_phone_too(page: Any, roles: Any) -> None:
    world = _world(roles)
    pk, org = world["initiative"].pk, world["organisation"].pk
    page.set_default_timeout(60_000)
    page.set_viewport_size(PHONE)
    login_in_browser(page, "personal")
    problems = {}
    for url in (
        "/ai-forordningen/",
        "/ai-forordningen/regler/",
        f"/ai-forordningen/initiativ/{pk}/",
        f"/ai-forordningen/initiativ/{pk}/fragor/",
        f"/ai-forordningen/organisation/{org}/",
        "/mognad/",
        "/mognad/fragor/",
        "/mognad/jamforelse/",
        "/mognad/ny/",
        "/portfolj/",
    ):
        response = page.goto(url)
        assert response is not None and response.status < 400, url
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            problems[url] = {"overflow": overflow, "wide": page.evaluate(WIDE)}
    assert problems == {}, "\n".join(f"{url}: {found}" for url, found in problems.items())
