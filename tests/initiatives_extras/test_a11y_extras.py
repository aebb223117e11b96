"""axe-core finds no WCAG 2.1 A/AA violations on the map, statistics and import pages, in Swedish and English."""

from __future__ import annotations

import importlib
import os

import pytest
from django.apps import apps
from django.core.management import call_command

from kraft.initiatives import services
from tests import factories
from tests.conftest import login_in_browser, run_axe

pytestmark = pytest.mark.django_db(transaction=True)


def _reference_data() -> None:
    """Browser tests run in transactional mode, whose flush also removes the session's reference data."""
    call_command("load_reference", stdout=open(os.devnull, "w"))  # noqa: SIM115
    importlib.import_module("kraft.initiatives.migrations.0002_seed_areas_and_techniques").seed(apps, None)


def _some_initiatives() -> None:
    _reference_data()
    sundsvall = factories.municipality("Sundsvalls kommun")
    services.create_initiative(
        "test",
        {
            "title": "Chattbot",
            "welfare_area": "medborgarservice",
            "technique": "sprakteknologi",
            "start_date": "2024-03-01",
        },
        lead_organisation=sundsvall,
        publish=True,
    )
    services.create_initiative(
        "test",
        {"title": "Prognos", "welfare_area": "forskola", "stage": "i_drift"},
        lead_organisation=sundsvall,
        publish=True,
    )


@pytest.mark.parametrize("language", ["sv", "en"])
def test_map_statistics_and_import_pages_have_no_axe_violations(page, language: str) -> None:
    _some_initiatives()
    editor = factories.user("redaktor")
    factories.member(editor, factories.municipality("Sundsvalls kommun"), "editor")
    for url in (
        "/initiativ/karta/",
        "/initiativ/karta/?view=county",
        "/initiativ/karta/?view=participation&area=forskola",
        "/initiativ/statistik/",
        "/initiativ/exportera/",
    ):
        page.goto(f"{url}{'&' if '?' in url else '?'}lang={language}")
        assert page.locator("html").get_attribute("lang") == language
        assert run_axe(page) == [], url
    login_in_browser(page, "redaktor")
    page.goto(f"/initiativ/importera/?lang={language}")
    assert run_axe(page) == []
    page.set_input_files(
        "input[type=file]", files=[{"name": "x.csv", "mimeType": "text/csv", "buffer": b"title,stage\n,flygande\n"}]
    )
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector(".import-report")
    assert run_axe(page) == []
