"""API authentication: tokens for scripts, the session with CSRF protection for the browser, nobody for public reads."""

import json

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def _create_token(client: Client) -> str:
    response = client.post("/api/v1/me/tokens", json.dumps({"name": "skript"}), content_type="application/json")
    assert response.status_code == 201
    return response.json()["key"]


def test_a_signed_in_session_cannot_write_without_a_csrf_token():
    person = factories.user("anna")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    response = browser.post("/api/v1/me/tokens", json.dumps({"name": "x"}), content_type="application/json")
    assert response.status_code == 403
    assert person.api_tokens.count() == 0


def test_a_personal_token_writes_without_csrf_and_a_revoked_one_is_refused(client):
    person = factories.user("anna")
    client.force_login(person)
    key = _create_token(client)
    script = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert script.get("/api/v1/me").json()["username"] == "anna"
    token_id = person.api_tokens.get().pk
    assert script.delete(f"/api/v1/me/tokens/{token_id}").status_code == 200
    refused = script.get("/api/v1/me")
    assert refused.status_code == 401 and refused.json()["detail"]


def test_anonymous_clients_may_use_open_endpoints_without_a_session():
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.get("/api/v1/organisations?kind=region").json()["count"] == 20
    response = anonymous.post(
        "/api/v1/answers", json.dumps({"question": "Vad säger lagen om kameror?"}), content_type="application/json"
    )
    assert response.status_code == 200
    assert anonymous.get("/api/v1/me").status_code == 401
