"""Fixtures shared by the whole suite: people in roles, an API client, and a real browser with axe-core."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
CHROMIUM = os.environ.get("KRAFT_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).parent / "a11y" / "axe.min.js"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Every test database holds the official reference data (290 kommuner, 21 regioner, 21 län)."""
    with django_db_blocker.unblock():
        call_command("load_reference", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    """PBKDF2's million rounds cost ~0.7 s per test user; tests only need passwords to match."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Throttle counts live in the cache; every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def roles(db: None) -> factories.RoleSet:
    """One person per role around Sundsvalls kommun (and one admin of another organisation)."""
    return factories.role_set()


@pytest.fixture
def staff(db: None) -> Any:
    return get_user_model().objects.create_user(
        "staff", "staff@example.se", factories.PASSWORD, is_staff=True, first_name="Stina", last_name="Staff"
    )


# ---------------------------------------------------------------- browser tests


def _chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not _chromium_available():
        pytest.skip(f"Chromium saknas ({CHROMIUM}); installera Debians paket 'chromium' för webbläsartester.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    # Browser tests run in a flushed (transactional) database: put the reference data back first.
    call_command("load_reference", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from kraft.initiatives.reference import ensure_classifications

    ensure_classifications()  # welfare areas and techniques, seeded by a migration that the flush undid
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="sv-SE")
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    context.close()


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0/2.1 A and AA rules on the page as it stands; returns the violations."""
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def login_in_browser(page: Any, username: str, password: str = factories.PASSWORD) -> None:
    page.goto("/konto/logga-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.login-form button[type=submit]")
