"""The write path: uploads, ingestion, duplicates, versions, deletes – and nothing half-indexed on failure."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kraft.audit.models import AuditEvent
from kraft.knowledge import services
from kraft.knowledge.models import Document, Library, Passage
from kraft.search import service as search_service
from kraft.search.documents import SearchQuery, Viewer
from tests.knowledge import files
from tests.knowledge.conftest import upload


def search_keys(text: str, viewer: Viewer | None = None) -> set[str]:
    result = search_service.search(
        SearchQuery("passages", text, viewer=viewer or Viewer(is_staff=True), page_size=50, snippets=False)
    )
    return {hit.key for hit in result.hits}


def passage_keys(document: Document) -> set[str]:
    return {str(pk) for pk in Passage.objects.filter(document=document).values_list("pk", flat=True)}


@pytest.mark.parametrize(
    "name, maker",
    [
        ("riktlinje.pdf", files.pdf),
        ("rutin.docx", files.docx),
        ("hemtjanst.odt", files.odt),
        ("parkering.html", lambda: files.HTML.encode()),
        ("distans.md", lambda: files.MARKDOWN.encode()),
        ("policy.txt", lambda: files.TEXT.encode()),
        ("testlag.json", files.statute),
    ],
)
def test_each_format_is_ingested_and_searchable(
    roles: Any, private_library: Library, ingest: Any, name: str, maker: Any
) -> None:
    document = ingest(services.upload_document, roles.editor, private_library, upload(name, maker()))
    assert document.status == Document.Status.READY, document.error
    assert document.progress == 100 and document.passage_count == Passage.objects.filter(document=document).count() > 0
    first = Passage.objects.filter(document=document).order_by("ordinal").first()
    assert first is not None and first.citation.startswith(document.title)
    word = first.text.split()[0]
    assert str(first.pk) in search_keys(first.text[:60]) or search_keys(word)
    assert AuditEvent.objects.filter(action="knowledge.document.ingested", target_id=str(document.pk)).exists()


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("tom.txt", b"", "empty"),
        ("rapport.pdf", files.zip_archive(), "mislabelled"),
        ("bild.png", b"\x89PNG\r\n", "unsupported"),
    ],
)
def test_rejected_upload_stores_nothing(
    roles: Any, private_library: Library, name: str, data: bytes, code: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.upload_document(roles.editor, private_library, upload(name, data))
    assert error.value.code == code
    assert not Document.objects.exists() and not Passage.objects.exists()


def test_oversized_upload_is_refused(roles: Any, private_library: Library, settings: Any) -> None:
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        services.upload_document(roles.editor, private_library, upload("stor.txt", b"x" * 101))
    assert error.value.code == "too_large" and "för stor" in error.value.messages[0]
    assert not Document.objects.exists()


def test_library_document_limit_is_a_setting(roles: Any, private_library: Library, settings: Any, ingest: Any) -> None:
    settings.LIBRARY_MAX_DOCUMENTS = 1
    ingest(services.upload_document, roles.editor, private_library, upload("a.txt", files.TEXT.encode()))
    with pytest.raises(ValidationError) as error:
        services.upload_document(roles.editor, private_library, upload("b.md", files.MARKDOWN.encode()))
    assert error.value.code == "limit"


@pytest.mark.parametrize(
    "name, maker, words",
    [
        ("hemlig.pdf", files.encrypted_pdf, "krypterad"),
        ("trasig.pdf", lambda: b"%PDF-1.7\n1 0 obj <<>> trasig", "skadad"),
        ("skannad.pdf", lambda: files.pdf(pages=[[]], blank_pages=1), "inskannad"),
    ],
)
def test_failing_file_is_marked_failed_with_reason_and_nothing_indexed(
    roles: Any, private_library: Library, ingest: Any, name: str, maker: Any, words: str
) -> None:
    document = ingest(services.upload_document, roles.editor, private_library, upload(name, maker()))
    assert document.status == Document.Status.FAILED
    assert words in document.error
    assert not Passage.objects.filter(document=document).exists()
    assert AuditEvent.objects.filter(action="knowledge.document.failed", target_id=str(document.pk)).exists()


def test_failure_while_indexing_rolls_back_every_passage(
    roles: Any, private_library: Library, ingest: Any, monkeypatch: Any
) -> None:
    def broken(documents: Any, backend: str = "default") -> int:
        list(documents)
        raise RuntimeError("index down")

    monkeypatch.setattr(search_service, "index_documents", broken)
    document = ingest(services.upload_document, roles.editor, private_library, upload("a.txt", files.TEXT.encode()))
    assert document.status == Document.Status.FAILED and "inget av det har sparats" in document.error
    assert not Passage.objects.filter(document=document).exists()


def test_same_content_twice_is_a_duplicate(roles: Any, private_library: Library, ingest: Any) -> None:
    ingest(services.upload_document, roles.editor, private_library, upload("a.txt", files.TEXT.encode()))
    with pytest.raises(ValidationError) as error:
        services.upload_document(roles.editor, private_library, upload("annat-namn.txt", files.TEXT.encode()))
    assert error.value.code == "duplicate" and "finns redan" in error.value.messages[0]


def test_new_version_replaces_old_in_search(roles: Any, private_library: Library, ingest: Any) -> None:
    old = ingest(
        services.upload_document,
        roles.editor,
        private_library,
        upload("a.txt", "Gammal regel om flaggstänger.\n".encode()),
    )
    old_keys = passage_keys(old)
    assert old_keys <= search_keys("flaggstänger")
    new = ingest(
        services.upload_document,
        roles.editor,
        private_library,
        upload("a.txt", b"Ny regel om cykelparkering.\n"),
        replaces=old,
    )
    old.refresh_from_db()
    assert new.status == Document.Status.READY and new.title == old.title
    assert old.status == Document.Status.SUPERSEDED and not passage_keys(old)
    assert not search_keys("flaggstänger") and passage_keys(new) <= search_keys("cykelparkering")


def test_deleting_a_document_removes_it_from_search(roles: Any, secret_document: Document) -> None:
    keys = passage_keys(secret_document)
    assert keys and keys <= search_keys("kvastfeningen")
    services.delete_document(roles.editor, secret_document)
    assert not search_keys("kvastfeningen") and not Passage.objects.exists()
    assert AuditEvent.objects.filter(action="knowledge.document.deleted").exists()


def test_members_cannot_upload_and_outsiders_cannot_create_libraries(roles: Any, private_library: Library) -> None:
    with pytest.raises(PermissionDenied):
        services.upload_document(roles.member, private_library, upload("a.txt", files.TEXT.encode()))
    with pytest.raises(PermissionDenied):
        services.create_library(roles.other_admin, name="X", organisation=roles.organisation)
    with pytest.raises(PermissionDenied):
        services.create_library(roles.admin, name="Nationellt", organisation=None)


def test_statute_import_is_idempotent_and_marks_repealed(roles: Any, national_library: Library) -> None:
    first = services.import_statute(national_library, files.statute("2001:453", status="repealed"))
    again = services.import_statute(national_library, files.statute("2001:453", status="repealed"))
    assert first.pk == again.pk and first.status == Document.Status.READY and first.repealed
    assert first.kind == Document.Kind.STATUTE and first.sfs_number == "2001:453" and first.passage_count == 3
    changed = services.import_statute(
        national_library, files.statute("2001:453", status="repealed", text_15="Ny text.")
    )
    first.refresh_from_db()
    assert changed.pk != first.pk and first.status == Document.Status.SUPERSEDED and changed.replaces_id == first.pk


def test_sharing_changes_who_finds_the_passages(roles: Any, secret_document: Document) -> None:
    other = Viewer(organisation_ids=frozenset({roles.other_organisation.pk}))
    assert not search_keys("kvastfeningen", other)
    services.share_library(roles.editor, secret_document.library, [roles.other_organisation])
    assert passage_keys(secret_document) <= search_keys("kvastfeningen", other)
    services.share_library(roles.editor, secret_document.library, [])
    assert not search_keys("kvastfeningen", other)


def test_partly_scanned_pdf_is_ready_with_a_warning_naming_the_pages(
    roles: Any, private_library: Library, ingest: Any
) -> None:
    document = ingest(
        services.upload_document, roles.editor, private_library, upload("blandad.pdf", files.pdf(blank_pages=2))
    )
    assert document.status == Document.Status.READY and document.page_count == 3
    assert "2 sidor saknar text" in document.warning and "sidor: 2, 3" in document.warning


def test_document_deleted_while_being_read_is_not_brought_back(
    roles: Any, private_library: Library, monkeypatch: Any
) -> None:
    from kraft.knowledge.ingestion import chunking

    document = services.upload_document(roles.editor, private_library, upload("a.txt", files.TEXT.encode()))
    real_chunk = chunking.chunk

    def delete_then_chunk(parsed: Any, title: str) -> Any:
        services.delete_document(roles.editor, Document.objects.get(pk=document.pk))
        return real_chunk(parsed, title)

    monkeypatch.setattr(services, "chunk", delete_then_chunk)
    assert services.ingest_document(document.pk) is None
    assert not Document.objects.exists() and not Passage.objects.exists()
    assert not search_keys("kommunikationsavdelningen")


def test_saving_unchanged_sharing_leaves_no_trace(roles: Any, private_library: Library) -> None:
    services.share_library(roles.editor, private_library, [roles.other_organisation])
    events = AuditEvent.objects.filter(action="knowledge.library.shared").count()
    library = services.share_library(roles.editor, private_library, [roles.other_organisation])
    assert AuditEvent.objects.filter(action="knowledge.library.shared").count() == events == 1
    assert library.version == 2
