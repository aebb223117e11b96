"""Tokens cannot mint tokens; throttles on what anyone can trigger; security headers; quiet 403s; staged files."""

from __future__ import annotations

import json
import logging
import os
import time
from typing import Any

from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from kraft.cli import server_options
from kraft.initiatives.views_io import prune_staged_imports
from tests import factories

SIGNUP = {
    "username": "anna",
    "first_name": "Anna",
    "last_name": "Andersson",
    "email": "anna@sundsvall.se",
    "password1": "Ett-langt-losenord-42",
    "password2": "Ett-langt-losenord-42",
}


def test_a_token_cannot_create_tokens_and_revoking_it_leaves_nothing_behind(db: None) -> None:
    person = factories.user("anna")
    browser = Client()
    browser.force_login(person)
    key = browser.post("/api/v1/me/tokens", {"name": "skript"}, content_type="application/json").json()["key"]
    script = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    refused = script.post("/api/v1/me/tokens", {"name": "barn"}, content_type="application/json")
    assert refused.status_code == 403
    assert "API-nyckel kan inte skapa" in refused.json()["detail"]
    assert person.api_tokens.count() == 1
    token_id = person.api_tokens.get().pk
    assert script.delete(f"/api/v1/me/tokens/{token_id}").status_code == 200
    assert person.api_tokens.filter(revoked_at__isnull=True).count() == 0


def test_password_reset_mail_is_throttled_per_address(client: Any, settings: Any, db: None) -> None:
    settings.THROTTLES = {**settings.THROTTLES, "password_reset": "2/h"}
    factories.user("anna")
    statuses = [client.post("/konto/glomt-losenord/", {"email": "anna@example.se"}).status_code for _ in range(4)]
    assert statuses == [302, 302, 429, 429]
    assert len(mail.outbox) == 2


def test_sign_up_is_throttled_per_address(client: Any, settings: Any, db: None) -> None:
    settings.THROTTLES = {**settings.THROTTLES, "signup": "1/h"}
    assert client.post("/konto/skapa-konto/", SIGNUP).status_code == 302
    client.logout()
    response = client.post("/konto/skapa-konto/", {**SIGNUP, "username": "bertil", "email": "b@example.se"})
    assert response.status_code == 429
    assert "Försök igen senare" in response.content.decode()
    assert "bertil" in response.content.decode()  # the form keeps what was typed


def test_anonymous_answers_are_throttled_but_signed_in_people_are_not(client: Any, settings: Any, roles: Any) -> None:
    settings.THROTTLES = {**settings.THROTTLES, "anonymous_answers": "2/m"}
    ask = json.dumps({"question": "Vad gäller för kameror?"})
    statuses = [client.post("/api/v1/answers", ask, content_type="application/json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.post("/kunskap/", {"question": "Vad gäller för kameror?"}).status_code == 429
    client.force_login(roles.member)
    assert client.post("/api/v1/answers", ask, content_type="application/json").status_code == 200


def test_hsts_and_the_other_security_headers_follow_the_settings(client: Any, settings: Any, db: None) -> None:
    response = client.get("/", secure=True)
    assert "Strict-Transport-Security" not in response.headers  # off by default (the demo runs on http)
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.CONTENT_SECURITY_POLICY = "default-src 'self'"
    response = Client().get("/", secure=True)  # middleware reads its settings when it is built
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response.headers["Content-Security-Policy"] == "default-src 'self'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_403_is_logged_without_a_traceback(client: Any, roles: Any, caplog: Any) -> None:
    from kraft.core.logging import NoTracebackForClientErrors

    client.force_login(roles.member)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/api/v1/audit")
        assert response.status_code == 403
        client.get(f"/logg/?organisation={roles.other_organisation.pk}")
    records = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert records
    quiet = NoTracebackForClientErrors()
    for record in records:
        quiet.filter(record)
        assert record.exc_info is None


def test_staged_import_files_expire(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_STAGING_HOURS = 1
    old = default_storage.save("imports/gammal.csv", ContentFile(b"a"))
    new = default_storage.save("imports/ny.csv", ContentFile(b"b"))
    two_hours_ago = time.time() - 7200
    os.utime(default_storage.path(old), (two_hours_ago, two_hours_ago))
    assert prune_staged_imports() == 1
    assert not default_storage.exists(old) and default_storage.exists(new)


def test_several_servers_do_not_share_gunicorn_s_control_socket() -> None:
    from gunicorn.config import Config

    config = Config()
    for key, value in server_options("127.0.0.1", 8014, 2, 4).items():
        config.set(key, value)
    assert config.control_socket_disable is True
