"""/api/v1/libraries and /api/v1/documents: the same rules as the pages, JSON errors, never a 500."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kraft.knowledge.models import Document, Library, Passage
from tests.knowledge import files


def test_anonymous_lists_only_open_libraries(client: Any, national_library: Library, private_library: Library) -> None:
    body = client.get("/api/v1/libraries").json()
    assert [item["name"] for item in body["results"]] == ["Svensk lag"] and body["count"] == 1


def test_editor_creates_library_and_uploads_through_the_api(
    client: Any, roles: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(roles.editor)
    response = client.post(
        "/api/v1/libraries",
        {"name": "API-biblioteket", "organisation_id": roles.organisation.pk, "visibility": "organisation"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    library_id = response.json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/documents",
            {"library": library_id, "file": SimpleUploadedFile("distans.md", files.MARKDOWN.encode())},
        )
    assert response.status_code == 201, response.content
    document_id = response.json()["id"]
    detail = client.get(f"/api/v1/documents/{document_id}").json()
    assert detail["status"] == "ready" and detail["progress"] == 100 and detail["passage_count"] > 0
    passages = client.get(f"/api/v1/documents/{document_id}/passages").json()
    assert passages["count"] == detail["passage_count"]
    assert passages["results"][0]["citation"].startswith("Riktlinje för distansarbete")
    assert passages["results"][0]["url"].startswith(f"/kunskap/dokument/{document_id}/?highlight=")
    listed = client.get(f"/api/v1/documents?library={library_id}").json()
    assert [d["id"] for d in listed["results"]] == [document_id]


def test_upload_errors_are_json_with_codes(client: Any, roles: Any, private_library: Library, settings: Any) -> None:
    client.force_login(roles.editor)

    def post(name: str, data: bytes) -> Any:
        return client.post("/api/v1/documents", {"library": private_library.pk, "file": SimpleUploadedFile(name, data)})

    response = post("rapport.pdf", b"bara text")
    assert response.status_code == 400 and response.json()["code"] == "mislabelled"
    settings.UPLOAD_MAX_BYTES = 10
    response = post("stor.txt", b"x" * 11)
    assert response.status_code == 413 and response.json()["code"] == "too_large"
    response = client.post("/api/v1/documents", {"library": private_library.pk})
    assert response.status_code == 422
    assert not Document.objects.exists()


def test_duplicate_upload_is_a_conflict(client: Any, roles: Any, secret_document: Document) -> None:
    client.force_login(roles.editor)
    with secret_document.file.open("rb") as handle:
        data = handle.read()
    response = client.post(
        "/api/v1/documents", {"library": secret_document.library_id, "file": SimpleUploadedFile("kopia.txt", data)}
    )
    assert response.status_code == 409 and response.json()["code"] == "duplicate"


def test_member_cannot_write_and_outsider_cannot_see(client: Any, roles: Any, secret_document: Document) -> None:
    client.force_login(roles.member)
    assert client.get(f"/api/v1/documents/{secret_document.pk}").status_code == 200
    assert client.delete(f"/api/v1/documents/{secret_document.pk}").status_code == 403
    client.force_login(roles.outsider)
    assert client.delete(f"/api/v1/documents/{secret_document.pk}").status_code == 404
    assert Passage.objects.filter(document=secret_document).exists()


def test_editor_deletes_document_through_the_api(client: Any, roles: Any, secret_document: Document) -> None:
    client.force_login(roles.editor)
    assert client.delete(f"/api/v1/documents/{secret_document.pk}").status_code == 204
    assert not Document.objects.exists() and not Passage.objects.exists()


def test_sharing_through_the_api(client: Any, roles: Any, private_library: Library) -> None:
    client.force_login(roles.editor)
    response = client.patch(
        f"/api/v1/libraries/{private_library.pk}",
        {"visibility": "shared", "shared_with": [roles.other_organisation.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["shared_with"] == [roles.other_organisation.pk]
    response = client.patch(
        f"/api/v1/libraries/{private_library.pk}",
        {"visibility": "shared", "shared_with": [999999]},
        content_type="application/json",
    )
    assert response.status_code == 400


def test_malformed_input_is_4xx(client: Any, roles: Any, private_library: Library) -> None:
    client.force_login(roles.editor)
    assert client.get("/api/v1/libraries?page=0").status_code == 422
    assert client.get("/api/v1/documents?library=abc").status_code == 422
    assert client.get("/api/v1/documents?library=999999").status_code == 404
    response = client.post("/api/v1/libraries", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_library_list_queries_do_not_grow_with_libraries(
    client: Any, roles: Any, django_assert_max_num_queries: Any
) -> None:
    from kraft.knowledge import services

    for number in range(15):
        services.create_library(roles.staff, name=f"Bibliotek {number}", organisation=None)
    with django_assert_max_num_queries(4):
        body = client.get("/api/v1/libraries?page_size=200").json()
    assert body["count"] == 15 and all(item["document_count"] == 0 for item in body["results"])
    with django_assert_max_num_queries(8):
        assert client.get("/kunskap/bibliotek/").status_code == 200
