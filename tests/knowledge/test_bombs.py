"""ZIP bombs, oversized bodies and documents with too many passages are refused early, in Swedish."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kraft.initiatives.importers import ImportFileError
from kraft.initiatives.importers import parse as parse_import
from kraft.knowledge import services
from kraft.knowledge.ingestion import IngestionError, detect_format, parse
from kraft.knowledge.models import Document, Library
from kraft.operations import bombs


def test_the_zip_bombs_of_the_review_are_refused_within_seconds_with_memory_bounded() -> None:
    """Each bomb in a fresh process (the code of the web upload and of the worker), peak memory measured."""
    results = bombs.run(300, only=["docx_300mb", "odt_mimetype_300mb"])
    for name, outcome in results.items():
        assert outcome.get("rejected") is True, (name, outcome)
        assert "uppackad" in outcome["message"] or "ZIP-bomb" in outcome["message"], outcome
        assert outcome["seconds"] < 5, outcome
        assert outcome["peak_rss_above_baseline_mb"] < 300, outcome


def test_a_bomb_under_the_size_limit_is_refused_by_its_compression_ratio() -> None:
    with pytest.raises(IngestionError) as raised:
        detect_format(bombs.docx_bomb(60), "rapport.docx")
    assert raised.value.code == "archive_ratio"
    assert "ZIP-bomb" in raised.value.message


def test_the_worker_checks_archives_too_when_a_file_slipped_past_upload() -> None:
    with pytest.raises(IngestionError) as raised:
        parse(bombs.odt_bomb(150), "rapport.odt")
    assert raised.value.code in {"archive_size", "archive_ratio"}


def test_an_xlsx_import_bomb_is_refused_before_it_is_read() -> None:
    with pytest.raises(ImportFileError) as raised:
        parse_import("kraft", bombs.xlsx_bomb(150), "initiativ.xlsx")
    assert "uppackad" in str(raised.value) or "ZIP-bomb" in str(raised.value)


def test_uploading_a_bomb_through_the_api_is_a_clear_error(client: Any, roles: Any, private_library: Library) -> None:
    client.force_login(roles.editor)
    response = client.post(
        "/api/v1/documents",
        {"library": private_library.pk, "file": SimpleUploadedFile("rapport.odt", bombs.odt_bomb(150))},
    )
    assert response.status_code == 400
    assert "uppackad" in str(response.json()["detail"])
    assert not Document.objects.filter(library=private_library).exists()


@pytest.mark.parametrize("path", ["/api/v1/documents", "/kunskap/"])
def test_a_request_body_over_the_upload_limit_is_refused_before_it_is_read(
    client: Any, settings: Any, path: str
) -> None:
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    response = client.generic("POST", path, b"x", CONTENT_LENGTH=str(200 * 1024 * 1024))
    assert response.status_code == 413
    body = response.json()["detail"] if path.startswith("/api/") else response.content.decode()
    assert "för stor" in body


def test_a_document_with_more_passages_than_allowed_fails_with_a_clear_message(
    roles: Any, private_library: Library, ingest: Any, settings: Any
) -> None:
    settings.DOCUMENT_MAX_PASSAGES = 5
    text = "\n\n".join(f"Stycke {n}. " + "Kommunen ansvarar för omsorgen. " * 40 for n in range(12))
    document = ingest(
        services.upload_document, roles.editor, private_library, SimpleUploadedFile("lang.txt", text.encode())
    )
    assert document.status == Document.Status.FAILED
    assert "fler än de 5 som ett dokument får ha" in document.error
    assert not document.passages.exists()
