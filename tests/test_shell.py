"""The web shell: Swedish by default, English on request, no external assets, JSON errors on the API."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_is_swedish_by_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 200
    assert b'<html lang="sv"' in response.content
    assert "Hoppa till innehållet" in response.content.decode()


def test_language_switch_keeps_english_and_returns_to_the_page(client):
    response = client.post("/sprak/", {"language": "en", "next": "/organisationer/"})
    assert response.status_code == 302 and response["Location"] == "/organisationer/"
    page = client.get("/")
    assert b'<html lang="en"' in page.content
    assert "Skip to content" in page.content.decode()


def test_language_switch_refuses_to_redirect_elsewhere(client):
    response = client.post("/sprak/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_pages_load_nothing_from_outside_the_installation(client):
    html = client.get("/").content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    assert "default-src 'self'" in client.get("/")["Content-Security-Policy"]


def test_unknown_api_path_answers_json_404(client):
    response = client.get("/api/v1/finns-inte")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_openapi_schema_is_a_valid_openapi_3_document(client):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_health_endpoint_reports_the_database(client):
    assert client.get("/health/").json()["status"] == "ok"


def test_api_documentation_is_served_from_the_installation(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert re.findall(r'(?:src|href)="(https?://[^"]+)"', html) == []


def test_every_api_schema_has_its_own_name_in_the_openapi_document(client):
    """Two schema classes with one name share one OpenAPI component, so one endpoint's answers would be validated
    against the other's shape (schemathesis found /answers described as a triage answer)."""
    from ninja import Schema

    client.get("/api/v1/openapi.json")  # every router is mounted

    def subclasses(cls: type) -> list[type]:
        found = []
        for sub in cls.__subclasses__():
            found += [sub, *subclasses(sub)]
        return found

    names: dict[str, set[str]] = {}
    for cls in subclasses(Schema):
        if cls.__module__.startswith("kraft."):
            names.setdefault(cls.__name__, set()).add(cls.__module__)
    assert not {name: modules for name, modules in names.items() if len(modules) > 1}
