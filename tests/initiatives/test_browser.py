"""In a real browser: an editor's whole journey, a second editor's stale save, and axe on every registry page."""

from __future__ import annotations

import pytest
from django.conf import settings

from kraft.initiatives import services
from kraft.initiatives.models import Initiative
from tests.conftest import login_in_browser, run_axe
from tests.factories import member, user
from tests.initiatives.helpers import chatbot

pytestmark = pytest.mark.browser


def test_editor_creates_publishes_edits_and_a_second_editors_stale_save_is_refused(page, browser, live_server, roles):
    second = user("andraredaktor")
    member(second, roles.organisation, "editor")
    login_in_browser(page, "redaktor")
    page.goto("/initiativ/nytt/")
    page.fill("#id_title", "Chattbot för bygglovsfrågor")
    page.fill("#id_summary", "Svarar på vanliga frågor om bygglov.")
    page.select_option("#id_stage", "pilot")
    page.click("form.initiative-form button[type=submit]")
    page.wait_for_url("**/initiativ/*/effekter/")  # the create flow leads on to effects and costs
    assert "Utkastet är sparat" in page.inner_text("main")
    page.click("text=Klart – granska och publicera")
    page.click("form.publish-form button[type=submit]")
    page.wait_for_selector("text=Initiativet är publicerat som version 1")

    pk = Initiative.objects.get(title="Chattbot för bygglovsfrågor").pk
    second_context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="sv-SE")
    other = second_context.new_page()
    login_in_browser(other, "andraredaktor")
    other.goto(f"/initiativ/{pk}/andra/")  # the second editor opens the form now …

    page.goto(f"/initiativ/{pk}/andra/")
    page.fill("#id_summary", "Svarar dygnet runt på frågor om bygglov.")
    page.click("form.initiative-form button[type=submit]")
    page.wait_for_selector("text=Ändringarna är sparade")
    page.goto(f"/initiativ/{pk}/historik/")
    history = page.inner_text("main")
    assert "Ändrat: sammanfattning" in history
    assert page.locator("table.history tbody tr").count() == 2

    other.fill("#id_title", "Bygglovsbot")  # … and saves after the first editor
    other.click("form.initiative-form button[type=submit]")
    alert = other.locator(".stale-edit")
    alert.wait_for()
    text = alert.inner_text()
    assert "Någon annan har sparat initiativet medan du redigerade" in text
    assert "Svarar dygnet runt på frågor om bygglov." in text
    assert other.input_value("#id_title") == "Bygglovsbot"  # the typed value is kept
    assert Initiative.objects.get(pk=pk).title == "Chattbot för bygglovsfrågor"
    second_context.close()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_registry_pages_have_no_axe_violations(page, live_server, roles, language) -> None:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    services.update_initiative(roles.editor, initiative, {"summary": "Ny sammanfattning."}, initiative.version)
    services.set_partners(roles.editor, initiative, [roles.other_organisation])
    login_in_browser(page, "redaktor")
    pages = [
        "/initiativ/",
        "/initiativ/?area=medborgarservice&q=chattbot",
        f"/initiativ/{initiative.pk}/",
        f"/initiativ/{initiative.pk}/andra/",
        f"/initiativ/{initiative.pk}/effekter/",
        f"/initiativ/{initiative.pk}/historik/",
        f"/initiativ/{initiative.pk}/historik/jamfor/?from=1&to=3",
        f"/initiativ/{initiative.pk}/skalning/?n=10&adoption=0.5",
        f"/initiativ/{initiative.pk}/utga-fran/",
        "/initiativ/nytt/",
    ]
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    page.context.add_cookies([cookie])  # the language switch's choice, kept across pages
    for url in pages:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        assert run_axe(page) == [], url
    page.goto("/initiativ/nytt/")
    page.click("form.initiative-form button[type=submit]")  # an empty form shows its errors
    page.wait_for_selector("#error-summary")
    assert run_axe(page) == [], "form with errors"
