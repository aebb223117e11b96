"""The organisation picker in a real browser: type a few letters, choose with the arrow keys and Enter (which does not
send the form), remove with a button; the choice is saved. axe-core and the CSP in Swedish and English. Without
JavaScript the plain select still works (the form tests post it)."""

from __future__ import annotations

from typing import Any

import pytest

from kraft.initiatives import services
from kraft.initiatives.models import Initiative
from tests.conftest import login_in_browser, run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_partners_are_chosen_by_typing_and_keyboard_and_saved(
    page: Any, live_server: Any, roles: Any, lang: str
) -> None:
    page.context.add_cookies([{"name": "kraft_language", "value": lang, "url": live_server.url}])
    initiative = services.create_initiative(
        roles.editor, {"title": "Chattbot för bygglov"}, lead_organisation=roles.organisation
    )
    login_in_browser(page, "redaktor")
    page.wait_for_url("**/mitt-arbete/")
    page.goto(f"{live_server.url}/initiativ/{initiative.pk}/andra/")

    combobox = page.locator("#id_partners")
    assert combobox.get_attribute("role") == "combobox"  # the label's target is now the search field
    assert not page.is_visible("#id_partners_select")  # the long multi-select is hidden, still in the form
    combobox.fill("timr")
    page.wait_for_selector("#id_partners_listbox [role=option]")
    assert combobox.get_attribute("aria-expanded") == "true"
    options = page.locator("#id_partners_listbox [role=option]").all_inner_texts()
    assert options == ["Timrå kommun"]
    combobox.press("ArrowDown")
    assert combobox.get_attribute("aria-activedescendant") == "id_partners_option_0"
    problems = run_axe(page)  # with the listbox open
    combobox.press("Enter")
    assert page.url.endswith("/andra/")  # Enter chose; it did not send the form
    assert combobox.get_attribute("aria-expanded") == "false"
    assert "Timrå kommun" in page.inner_text(".picker-chosen")

    combobox.fill("gävle")
    page.wait_for_selector("#id_partners_listbox [role=option]")
    assert page.locator("#id_partners_listbox [role=option]").first.inner_text() == "Gävle kommun"
    combobox.press("ArrowDown")
    combobox.press("Enter")
    combobox.fill("harnos")  # without the dots: Härnösand is found all the same
    page.wait_for_selector("#id_partners_listbox [role=option]")
    combobox.press("ArrowDown")
    combobox.press("Enter")
    chosen = page.inner_text(".picker-chosen")
    assert "Gävle kommun" in chosen and "Härnösands kommun" in chosen
    remove = "Ta bort Gävle kommun" if lang == "sv" else "Remove Gävle kommun"
    page.get_by_role("button", name=remove).click()
    assert "Gävle kommun" not in page.inner_text(".picker-chosen")
    assert page.evaluate("document.activeElement.id") == "id_partners"  # focus back in the search field
    problems += run_axe(page)

    page.click("form.initiative-form button[type=submit]")
    page.wait_for_load_state()
    initiative = Initiative.objects.get(pk=initiative.pk)
    assert sorted(p.name for p in initiative.partners.all()) == ["Härnösands kommun", "Timrå kommun"]
    assert problems == []
