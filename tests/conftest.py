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
    """Every test database holds the official reference data (290 kommuner, 20 regioner, 21 län; Gotland is one)."""
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
    # The Content-Security-Policy is enforced as in production; ``run_axe`` reports any violation the page logged.
    _warm_up(live_server.url)
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(15000)
    page = context.new_page()
    watch_csp(page)
    yield page
    context.close()


_WARM: set[str] = set()


def _warm_up(url: str) -> None:
    """The live server's first request imports every view and template (20 s and more on a loaded machine): make it
    here, once, so that it does not count against the browser's 15 s timeout."""
    if url not in _WARM:
        import urllib.request

        with urllib.request.urlopen(url + "/konto/logga-in/", timeout=300):  # noqa: S310 - the test's own server
            _WARM.add(url)


def watch_csp(page: Any) -> None:
    """Keep every Content-Security-Policy violation the browser reports on ``page.csp_violations``."""
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )


def _axe_result(page: Any, attempts: int = 3) -> Any:
    """axe's raw result. A click that navigates may still be replacing the document when axe starts (its
    ``document`` is then null, or the context is destroyed): axe waits for the new page to load and checks that one."""
    from playwright.sync_api import Error

    for attempt in range(attempts):
        page.wait_for_load_state("load")
        try:
            page.evaluate(AXE_JS.read_text(encoding="utf-8"))  # evaluated by the debugger protocol: the CSP stays on
            return page.evaluate(
                """async () => await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"""
            )
        except Error as error:
            navigating = "documentElement" in str(error) or "context was destroyed" in str(error)
            if not navigating or attempt == attempts - 1:
                raise
            page.wait_for_timeout(200)
    raise AssertionError("unreachable")


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0/2.1 A and AA rules on the page as it stands; returns the violations, together with any
    Content-Security-Policy violation logged so far (so every browser test also proves the policy holds)."""
    result = _axe_result(page)
    violations = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    csp = getattr(page, "csp_violations", [])
    if csp:
        violations.append({"id": "content-security-policy", "impact": "serious", "help": "CSP", "nodes": csp[:5]})
    return violations


def login_in_browser(page: Any, username: str, password: str = factories.PASSWORD) -> None:
    page.goto("/konto/logga-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.login-form button[type=submit]")
