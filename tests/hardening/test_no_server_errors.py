"""Every input that made the review's server answer 500 now gets a clear 4xx (tests through pages and API)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kraft.accounts.services import create_api_token
from kraft.knowledge import services as knowledge
from kraft.knowledge.models import Library
from tests.initiatives.helpers import chatbot

HUGE = 2**63
NUL = "Namn\x00med NUL"


@pytest.fixture
def initiative(roles: Any) -> Any:
    return chatbot(roles.editor, roles.organisation, publish=True)


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/initiatives?page={HUGE}",
        f"/api/v1/organisations?page={HUGE}",
        f"/api/v1/libraries?page={HUGE}",
        f"/api/v1/documents?page={HUGE}",
        f"/api/v1/search/?q=vård&page={HUGE}",
        f"/api/v1/initiatives?organisation={HUGE}",
        f"/api/v1/initiatives?organisation={'9' * 400}",
        f"/api/v1/initiatives/statistics?organisation={HUGE}",
        f"/api/v1/initiatives/export?format=csv&organisation={HUGE}",
        f"/api/v1/initiatives/{HUGE}",
        f"/api/v1/organisations/{HUGE}",
        f"/initiativ/?organisation={HUGE}",
        f"/initiativ/{HUGE}/",
        "/api/v1/search/?q=v%00rd",
        "/sok/?q=v%00rd",
    ],
)
def test_huge_numbers_and_nul_in_urls_are_never_server_errors(client: Any, roles: Any, url: str) -> None:
    """A 4xx where the value cannot be used (SQLite cannot even compare it); PostgreSQL may answer "no match"."""
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)
    if "page=" in url or "%00" in url or url.endswith(f"/{HUGE}") or url.endswith(f"/{HUGE}/"):
        assert response.status_code >= 400, (url, response.status_code)


def test_money_and_effect_numbers_beyond_any_budget_are_refused(client: Any, roles: Any, initiative: Any) -> None:
    assert client.get(f"/api/v1/initiatives/{initiative.pk}/scaled?replication_cost=1e308").status_code == 422
    client.force_login(roles.editor)
    response = client.post(
        f"/api/v1/initiatives/{initiative.pk}/effects",
        {"dimension": "time", "unit": "sek", "amount": "1e308"},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_huge_ids_in_partners_and_shared_with_are_refused(client: Any, roles: Any, initiative: Any) -> None:
    client.force_login(roles.editor)
    response = client.patch(
        f"/api/v1/initiatives/{initiative.pk}",
        {"version": initiative.version, "partners": [HUGE]},
        content_type="application/json",
    )
    assert response.status_code == 422
    response = client.post(
        "/api/v1/libraries",
        {"name": "Delat", "organisation_id": roles.organisation.pk, "visibility": "shared", "shared_with": [HUGE]},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_a_link_without_a_title_is_stored_or_refused_never_a_server_error(
    client: Any, roles: Any, initiative: Any
) -> None:
    client.force_login(roles.editor)
    for method in ("patch", "put"):
        initiative.refresh_from_db()
        payload = {"version": initiative.version, "title": initiative.title, "links": [{"url": "https://x.se"}]}
        response = getattr(client, method)(
            f"/api/v1/initiatives/{initiative.pk}", payload, content_type="application/json"
        )
        assert response.status_code < 500, response.content
    response = client.post(
        "/api/v1/initiatives",
        {"title": "Länk utan titel", "lead_organisation": roles.organisation.pk, "links": [{"url": "ftp://x"}]},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content


def test_deeply_nested_json_as_upload_or_import_is_a_clear_error(
    client: Any, roles: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    nested = ("[" * 100_000 + "]" * 100_000).encode()
    library = knowledge.create_library(roles.editor, name="Lag", organisation=roles.organisation)
    client.force_login(roles.editor)
    response = client.post("/api/v1/documents", {"library": library.pk, "file": SimpleUploadedFile("lag.json", nested)})
    assert response.status_code == 400
    statute = b'{"provisions": ' + b"[" * 100 + b"]" * 100 + b"}"
    response = client.post(
        "/api/v1/documents", {"library": library.pk, "file": SimpleUploadedFile("sfs.json", statute)}
    )
    assert response.status_code < 500
    from kraft.initiatives.importers import ImportFileError, parse

    with pytest.raises(ImportFileError, match="nästlad"):
        parse("kraft", nested, "initiativ.json")


def test_nul_characters_are_refused_wherever_text_is_written(
    client: Any, roles: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(roles.editor)
    library = knowledge.create_library(roles.editor, name="Bibliotek", organisation=roles.organisation)
    writes = [
        ("post", "/api/v1/libraries", {"name": NUL, "organisation_id": roles.organisation.pk}),
        ("patch", f"/api/v1/libraries/{library.pk}", {"name": NUL}),
        ("post", "/api/v1/me/tokens", {"name": NUL}),
        ("post", "/api/v1/answers", {"question": "Vad gäller för " + NUL}),
        ("post", f"/api/v1/organisations/{roles.other_organisation.pk}/join", {"message": NUL}),
    ]
    for method, url, payload in writes:
        response = getattr(client, method)(url, payload, content_type="application/json")
        assert 400 <= response.status_code < 500, (url, response.status_code, response.content)
    assert not [name for name in Library.objects.values_list("name", flat=True) if "\x00" in name]
    document = knowledge.upload_document(roles.editor, library, SimpleUploadedFile("a.txt", b"Text om omsorg."))
    response = client.patch(f"/api/v1/documents/{document.pk}", {"title": NUL}, content_type="application/json")
    assert 400 <= response.status_code < 500


def test_tokens_named_with_nul_are_refused_by_the_service(roles: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        create_api_token(roles.editor, NUL)


def test_the_schema_declares_optional_sign_in_and_the_shared_errors(client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    listing = schema["paths"]["/api/v1/initiatives"]["get"]
    assert {} in listing["security"]
    assert {"400", "401", "403", "404", "422"} <= set(listing["responses"])
    page = next(p for p in listing["parameters"] if p["name"] == "page")
    assert page["schema"]["maximum"] == 10_000
    creating = schema["paths"]["/api/v1/initiatives"]["post"]
    assert {} not in creating["security"]
    assert {"409", "413", "429"} <= set(creating["responses"])
    # gunicorn refuses an over-long request line with its own HTML page, before Kraft sees the request
    assert set(listing["responses"]["414"]["content"]) == {"text/html"}
    assert json.dumps(schema)  # serialisable as served


def test_every_operation_declares_what_it_answers_on_success_including_file_exports(client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert any(status.startswith("2") for status in operation["responses"]), (method, path)
    export = schema["paths"]["/api/v1/initiatives/export"]["get"]["responses"]["200"]["content"]
    assert {"text/csv", "application/json", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} <= set(
        export
    )


def test_the_export_answers_in_a_media_type_its_schema_declares(client: Any, roles: Any, initiative: Any) -> None:
    declared = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/initiatives/export"]["get"]["responses"]
    for fmt in ("csv", "json", "xlsx"):
        response = client.get(f"/api/v1/initiatives/export?format={fmt}")
        assert response.status_code == 200
        assert response["Content-Type"].split(";")[0] in declared["200"]["content"], fmt
