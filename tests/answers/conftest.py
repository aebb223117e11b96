"""Fixtures for the answer tests: statutes imported through the product's importer, private libraries, a fake model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kraft.knowledge import services
from kraft.knowledge.models import Document, Library
from tests.answers.fake_llm import FakeChatServer
from tests.factories import RoleSet

# The statutes bundled with the demo, or the shared data folder next to the repository.
LAW_DIRS = [
    Path(__file__).resolve().parents[2] / "src" / "kraft" / "knowledge" / "data" / "law",
    Path(__file__).resolve().parents[3] / "shared" / "data" / "law",
]
IMMEDIATE_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "ingest"]}
}
SECRET_TEXT = (
    "Intern rutin för Sundsvall. Kvastfeningen ska alltid godkännas av socialchefen inom tre arbetsdagar. "
    "Kvastfeningen gäller bara Sundsvalls socialkontor."
)


@pytest.fixture(autouse=True)
def _media_and_tasks(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE_TASKS


def law_file(name: str) -> Path:
    for folder in LAW_DIRS:
        if (folder / name).exists():
            return folder / name
    pytest.skip(f"{name} saknas")


@pytest.fixture
def statutes(roles: RoleSet) -> Library:
    """The national library with tryckfrihetsförordningen and kamerabevakningslagen, imported as the demo does."""
    library = services.create_library(roles.staff, name="Svensk författningssamling", organisation=None)
    for name in ("tryckfrihetsforordningen.json", "kamerabevakningslagen.json"):
        document = services.import_statute(library, law_file(name), roles.staff, sync=True)
        assert document.status == Document.Status.READY, document.error
    return library


def add_text(actor: Any, library: Library, name: str, text: str, capture: Callable[..., Any]) -> Document:
    with capture(execute=True):
        document = services.upload_document(actor, library, SimpleUploadedFile(name, text.encode("utf-8")))
    document.refresh_from_db()
    if document.status != Document.Status.READY:
        services.ingest_document(document.pk)
        document.refresh_from_db()
    assert document.status == Document.Status.READY, document.error
    return document


@pytest.fixture
def private_library(roles: RoleSet, django_capture_on_commit_callbacks: Any) -> Library:
    """Sundsvall's private library holding one routine whose invented word (kvastfening) occurs nowhere else."""
    library = services.create_library(
        roles.editor,
        name="Sundsvalls rutiner",
        organisation=roles.organisation,
        visibility=Library.Visibility.ORGANISATION,
    )
    add_text(roles.editor, library, "rutin.txt", SECRET_TEXT, django_capture_on_commit_callbacks)
    return library


@pytest.fixture
def fake_llm() -> Iterator[FakeChatServer]:
    server = FakeChatServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def use_llm(settings: Any, fake_llm: FakeChatServer) -> Callable[..., FakeChatServer]:
    def configure(approved_for_personal_data: bool = False) -> FakeChatServer:
        settings.LLM_BACKENDS = {
            "default": {
                "BACKEND": "kraft.llm.openai.OpenAIChatBackend",
                "OPTIONS": {
                    "url": fake_llm.url,
                    "model": "fake",
                    "api_key": "test-key",
                    "approved_for_personal_data": approved_for_personal_data,
                    "timeout": 5,
                },
            }
        }
        return fake_llm

    return configure
