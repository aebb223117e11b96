"""Fixtures for the knowledge tests: libraries around the ``roles`` organisation, and ingestion run at once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kraft.knowledge import services
from kraft.knowledge.models import Document, Library
from tests.factories import RoleSet

IMMEDIATE_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "ingest"]}
}


@pytest.fixture(autouse=True)
def _media_and_tasks(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def ingest(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run a callable and then the ingestion it queued (on-commit callbacks do not fire inside test transactions)."""

    def run(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            result = function(*args, **kwargs)
        if isinstance(result, Document):
            result.refresh_from_db()
        return result

    return run


@pytest.fixture
def private_library(roles: RoleSet) -> Library:
    return services.create_library(
        roles.editor,
        name="Sundsvalls riktlinjer",
        organisation=roles.organisation,
        visibility=Library.Visibility.ORGANISATION,
    )


@pytest.fixture
def national_library(roles: RoleSet) -> Library:
    return services.create_library(roles.staff, name="Svensk lag", organisation=None)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture
def secret_document(roles: RoleSet, private_library: Library, ingest: Callable[..., Any]) -> Iterator[Document]:
    """A ready document whose words (``hemlighetsfullt``, ``kvastfening``) occur nowhere else."""
    text = "Intern rutin\n\nDen hemlighetsfulla kvastfeningen gäller endast Sundsvalls socialkontor.\n"
    document = ingest(services.upload_document, roles.editor, private_library, upload("rutin.txt", text.encode()))
    assert document.status == Document.Status.READY, document.error
    yield document
