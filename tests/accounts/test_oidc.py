"""OpenID Connect sign-in against a real provider that the tests start (django-oidc-provider in its own process).

The provider runs the authorization code flow with PKCE, signs its ID tokens with RS256 and serves discovery,
keys and userinfo; Kraft reads it all through Authlib as it would read Entra ID or Keycloak.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from kraft.accounts.models import EmailAddress, ExternalIdentity
from kraft.audit.models import AuditEvent
from kraft.organisations.models import Membership
from tests.conftest import run_axe

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = ";".join(
    [
        "eva:eva.ek@sundsvall.se:Eva:Ek",  # her organisation claim is 2281, Sundsvalls kommun (claims.py)
        "unverified-ulf:ulf@sundsvall.se:Ulf:Udd",
        "existing:medlem@example.se:Maria:Medlem",
    ]
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def oidc_provider(live_server: Any) -> Iterator[str]:
    """Starts the provider once per test session; returns its issuer URL."""
    port = _free_port()
    folder = tempfile.mkdtemp(prefix="kraft-op-")
    env = {
        **os.environ,
        "OP_DATABASE": str(Path(folder) / "op.sqlite3"),
        "OP_SITE_URL": f"http://127.0.0.1:{port}",
        "OP_PEOPLE": PEOPLE,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_op.settings",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_op.serve", str(port), f"{live_server.url}/konto/oidc/svar/"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        if "ready" not in line:
            process.kill()
            pytest.fail(
                f"the test OIDC provider did not start: {line}{process.stdout.read() if process.stdout else ''}"
            )
        yield f"http://127.0.0.1:{port}/openid"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def oidc_settings(settings: Any, oidc_provider: str) -> dict[str, str]:
    settings.OIDC = {
        "issuer": oidc_provider,
        "client_id": "kraft",
        "client_secret": "kraft-secret",
        "scopes": "openid email profile organisation",
        "name": "Testkommunens inloggning",
        "email_verified_claim": "email_verified",
        "organisation_claim": "organisation_number",
        "organisation": "",
    }
    return settings.OIDC


def _sign_in_at_provider(page: Any, username: str, lang: str = "sv") -> None:
    page.goto(f"/konto/logga-in/?lang={lang}")
    page.click("a.oidc-login")
    page.wait_for_selector("form.op-login")
    page.fill("#id_username", username)
    page.fill("#id_password", "op-password")
    page.click("form.op-login button[type=submit]")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_oidc_sign_in_creates_the_account_with_membership_from_the_claim(
    page: Any, roles: Any, oidc_settings: Any, lang: str
) -> None:
    page.goto(f"/konto/logga-in/?lang={lang}")
    assert not run_axe(page)
    _sign_in_at_provider(page, "eva", lang)
    page.wait_for_url("**/mitt-arbete/**")
    assert "Sundsvalls kommun" in page.inner_text("main")
    assert not run_axe(page)
    person = get_user_model().objects.get(email="eva.ek@sundsvall.se")
    assert (person.first_name, person.last_name) == ("Eva", "Ek")
    assert ExternalIdentity.objects.filter(user=person, issuer=oidc_settings["issuer"]).exists()
    assert EmailAddress.objects.get(user=person).verified_at is not None
    assert Membership.objects.get(user=person, organisation=roles.organisation).status == "active"
    assert AuditEvent.objects.filter(action="oidc_signed_in", actor=person).exists()


@pytest.mark.browser
def test_oidc_sign_in_finds_an_existing_account_by_verified_email(page: Any, roles: Any, oidc_settings: Any) -> None:
    _sign_in_at_provider(page, "existing")  # medlem@example.se is roles.member's address
    page.wait_for_url("**/mitt-arbete/**")
    assert ExternalIdentity.objects.get().user == roles.member
    assert get_user_model().objects.filter(email__iexact="medlem@example.se").count() == 1


@pytest.mark.browser
def test_oidc_email_not_verified_by_the_provider_is_refused_and_nothing_changes(
    page: Any, roles: Any, oidc_settings: Any
) -> None:
    people = get_user_model().objects.count()
    _sign_in_at_provider(page, "unverified-ulf")
    page.wait_for_url("**/konto/logga-in/**")
    assert "Inloggningstjänsten har inte bekräftat din e-postadress" in page.inner_text("main")
    assert get_user_model().objects.count() == people and not ExternalIdentity.objects.exists()
    assert AuditEvent.objects.filter(action="oidc_login_refused").exists()


def test_a_tampered_state_is_refused_in_swedish(client: Any, db: None, settings: Any) -> None:
    settings.OIDC = {"issuer": "http://127.0.0.1:9/openid", "client_id": "kraft", "name": "Test"}
    response = client.get("/konto/oidc/svar/?code=abc&state=forfalskat", follow=True)
    assert "hörde inte till den här inloggningen" in response.content.decode()
    assert not ExternalIdentity.objects.exists() and get_user_model().objects.count() == 0


def test_oidc_pages_are_absent_when_not_configured(client: Any, db: None) -> None:
    assert client.get("/konto/oidc/logga-in/").status_code == 404
    assert "oidc-login" not in client.get("/konto/logga-in/").content.decode()


def test_an_unreachable_provider_is_explained(client: Any, db: None, settings: Any) -> None:
    settings.OIDC = {"issuer": "http://127.0.0.1:9/openid", "client_id": "kraft", "name": "Testkommunen"}
    response = client.get("/konto/oidc/logga-in/", follow=True)
    assert "Inloggningstjänsten Testkommunen svarar inte just nu" in response.content.decode()
