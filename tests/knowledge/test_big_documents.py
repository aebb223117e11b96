"""A document with tens of thousands of passages is deleted in batches; its library can then go, or be refilled."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kraft.knowledge import services
from kraft.knowledge.models import Document, Library, Passage
from kraft.search.models import SearchEntry

PASSAGES = 33_000  # past SQLite's 32,766 variables per statement, where one "IN (…)" of every id used to fail


def _huge_document(library: Library, roles: Any, ingest: Any) -> Document:
    document = ingest(
        services.upload_document, roles.editor, library, SimpleUploadedFile("stor.txt", b"Kort text om omsorg.")
    )
    Passage.objects.bulk_create(
        (
            Passage(document=document, library=library, ordinal=n, text=f"Avsnitt {n}", citation=f"Stor {n}")
            for n in range(2, PASSAGES + 2)
        ),
        batch_size=5000,
    )
    return document


def test_a_document_with_tens_of_thousands_of_passages_is_deleted_and_its_library_stays_usable(
    roles: Any, private_library: Library, ingest: Any
) -> None:
    document = _huge_document(private_library, roles, ingest)
    assert document.passages.count() == PASSAGES + 1
    again = ingest(
        services.upload_document, roles.editor, private_library, SimpleUploadedFile("ny.txt", b"Ny text om skola.")
    )
    assert again.status == Document.Status.READY
    services.delete_document(roles.editor, document)
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not Passage.objects.filter(document_id=document.pk).exists()
    assert SearchEntry.objects.filter(collection="passages").count() == again.passage_count
    services.delete_library(roles.editor, private_library)
    assert not Library.objects.filter(pk=private_library.pk).exists()
    assert not Passage.objects.exists() and not SearchEntry.objects.filter(collection="passages").exists()
