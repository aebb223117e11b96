"""The library and document pages as people use them: list, create, upload, progress, passages, delete."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from kraft.knowledge import services
from kraft.knowledge.models import Document, Library, Passage
from tests.knowledge import files


def test_editor_creates_a_private_library_and_uploads_a_document(
    client: Any, roles: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(roles.editor)
    response = client.post(
        reverse("knowledge:library_create"),
        {"name": "Socialtjänstens rutiner", "organisation": roles.organisation.pk, "visibility": "organisation"},
    )
    library = Library.objects.get(name="Socialtjänstens rutiner")
    assert response.status_code == 302 and response["Location"] == library.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("knowledge:document_upload", args=[library.pk]),
            {"file": SimpleUploadedFile("rutin.docx", files.docx()), "title": "", "kind": "guidance"},
        )
    document = Document.objects.get(library=library)
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    page = client.get(document.get_absolute_url())
    assert page.status_code == 200
    assert "Den som lämnat en synpunkt ska få svar inom tio arbetsdagar." in page.content.decode()
    assert document.title == "Rutin för synpunkter"  # taken from the file's properties
    assert "Rutin för synpunkter" in page.content.decode()


def test_upload_errors_are_shown_on_the_form(client: Any, roles: Any, private_library: Library) -> None:
    client.force_login(roles.editor)
    response = client.post(
        reverse("knowledge:document_upload", args=[private_library.pk]),
        {"file": SimpleUploadedFile("rapport.pdf", files.zip_archive()), "kind": "guidance"},
    )
    assert response.status_code == 400
    assert "ZIP-arkiv" in response.content.decode() and 'class="error-summary"' in response.content.decode()
    assert not Document.objects.exists()


def test_progress_is_visible_while_queued_and_the_fragment_polls(
    client: Any, roles: Any, private_library: Library
) -> None:
    client.force_login(roles.editor)
    # Without capturing on-commit callbacks the task is never run: the document stays queued.
    document = services.upload_document(roles.editor, private_library, SimpleUploadedFile("a.txt", files.TEXT.encode()))
    page = client.get(document.get_absolute_url()).content.decode()
    assert "<progress" in page and 'hx-trigger="every 2s"' in page and "Uppdatera sidan" in page
    fragment = client.get(reverse("knowledge:document_status", args=[document.pk]), HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "HX-Refresh" not in fragment
    services.ingest_document(document.pk)
    fragment = client.get(reverse("knowledge:document_status", args=[document.pk]), HTTP_HX_REQUEST="true")
    assert fragment["HX-Refresh"] == "true" and "hx-trigger" not in fragment.content.decode()


def test_failed_document_shows_its_reason(client: Any, roles: Any, private_library: Library, ingest: Any) -> None:
    document = ingest(
        services.upload_document, roles.editor, private_library, SimpleUploadedFile("x.pdf", files.encrypted_pdf())
    )
    client.force_login(roles.member)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Inläsningen misslyckades" in page and "krypterad" in page


def test_highlighted_passage_is_marked_on_the_right_page(client: Any, roles: Any, national_library: Library) -> None:
    provisions = [{"chapter": "1", "section": str(n), "content": f"Paragraf nummer {n} gäller."} for n in range(1, 131)]
    import json

    data = json.dumps({"id": "2099:9", "title": "Lång lag (2099:9)", "provisions": provisions}).encode()
    document = services.import_statute(national_library, data)
    target = Passage.objects.get(document=document, section="120")
    response = client.get(target.get_absolute_url())
    page = response.content.decode()
    assert f'id="{target.html_id}"' in page and "is-highlighted" in page
    assert "<mark>Paragraf nummer 120 gäller.</mark>" in page and "Sida 2 av 2" in page


def test_members_see_but_cannot_upload(client: Any, roles: Any, private_library: Library) -> None:
    client.force_login(roles.member)
    page = client.get(private_library.get_absolute_url())
    assert page.status_code == 200 and "Ladda upp ett dokument" not in page.content.decode()
    response = client.post(
        reverse("knowledge:document_upload", args=[private_library.pk]),
        {"file": SimpleUploadedFile("a.txt", b"hej hej"), "kind": "guidance"},
    )
    assert response.status_code == 403


def test_deleting_a_document_through_the_page(client: Any, roles: Any, secret_document: Document) -> None:
    client.force_login(roles.editor)
    url = reverse("knowledge:document_delete", args=[secret_document.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302 and not Document.objects.exists() and not Passage.objects.exists()


def test_sharing_a_library_through_the_edit_page(client: Any, roles: Any, private_library: Library) -> None:
    client.force_login(roles.editor)
    response = client.post(
        reverse("knowledge:library_edit", args=[private_library.pk]),
        {
            "name": private_library.name,
            "visibility": "shared",
            "shared_with": [roles.other_organisation.pk],
            "version": private_library.version,
        },
    )
    assert response.status_code == 302
    private_library.refresh_from_db()
    assert private_library.visibility == "shared"
    assert list(private_library.shared_with.all()) == [roles.other_organisation]
    client.force_login(roles.other_admin)
    assert client.get(private_library.get_absolute_url()).status_code == 200


def test_stale_edit_is_refused(client: Any, roles: Any, private_library: Library) -> None:
    client.force_login(roles.editor)
    url = reverse("knowledge:library_edit", args=[private_library.pk])
    data = {"name": "Nytt namn", "visibility": "organisation", "version": private_library.version}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "name": "Annat namn"})
    assert response.status_code == 200 and "Någon annan har ändrat" in response.content.decode()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_library_list_shows_national_library_to_anonymous(client: Any, national_library: Library, lang: str) -> None:
    response = client.get(reverse("knowledge:libraries") + f"?lang={lang}")
    assert response.status_code == 200 and "Svensk lag" in response.content.decode()


def test_searching_a_library_finds_passages_and_links_to_them(
    client: Any, roles: Any, secret_document: Document
) -> None:
    client.force_login(roles.member)
    page = client.get(secret_document.library.get_absolute_url() + "?q=kvastfeningen").content.decode()
    passage = secret_document.passages.first()
    assert passage is not None
    assert f'href="{escape(passage.get_absolute_url())}"' in page and passage.citation in page
    assert "<mark>" in page
    page = client.get(secret_document.library.get_absolute_url() + "?q=flodhästar").content.decode()
    assert "Inga träffar" in page


def test_original_file_is_served_only_to_readers(client: Any, roles: Any, secret_document: Document) -> None:
    url = reverse("knowledge:document_file", args=[secret_document.pk])
    client.force_login(roles.member)
    response = client.get(url)
    assert response.status_code == 200 and b"kvastfeningen" in b"".join(response.streaming_content)
    assert response["Content-Disposition"].startswith("attachment")
    client.force_login(roles.other_admin)
    assert client.get(url).status_code == 404


def test_statute_page_lists_its_chapters(client: Any, national_library: Library) -> None:
    document = services.import_statute(national_library, files.statute())
    page = client.get(document.get_absolute_url()).content.decode()
    first_of_chapter_2 = Passage.objects.get(document=document, chapter="2")
    assert escape(first_of_chapter_2.get_absolute_url()) in page and "2 kap.</a>" in page


def test_organisation_page_lists_its_libraries_to_those_who_may_read_them(
    client: Any, roles: Any, private_library: Library
) -> None:
    url = reverse("organisations:detail", args=[roles.organisation.pk])
    client.force_login(roles.member)
    assert private_library.name in client.get(url).content.decode()
    client.force_login(roles.other_admin)
    assert private_library.name not in client.get(url).content.decode()


def test_data_sources_page_credits_the_statutes(client: Any, db: None) -> None:
    page = client.get(reverse("organisations:sources")).content.decode()
    assert "swedish-law-mcp" in page
