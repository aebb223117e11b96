from __future__ import annotations

from pathlib import Path

import pytest

from tests.operations import processes


@pytest.fixture(scope="session")
def migrated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite data folder per session; tests work on copies."""
    folder = tmp_path_factory.mktemp("kraft-migrated")
    processes.migrate(folder)
    return folder


@pytest.fixture
def data_dir(migrated_dir: Path, tmp_path: Path) -> Path:
    return processes.copy_data_dir(migrated_dir, tmp_path / "data")


SETUP = """
from django.contrib.auth import get_user_model
from kraft.accounts.services import create_api_token
from kraft.knowledge.models import Library
from kraft.knowledge.services import create_library
from kraft.organisations.models import Membership, Organisation

org = Organisation.objects.create(kind="kommun", name="Provkommun", municipality_code="9999", status="approved")
editor = get_user_model().objects.create_user("redaktor", "redaktor@example.se", "Hemligt-lösen-123")
Membership.objects.create(user=editor, organisation=org, role="editor", status="active")
library = create_library(editor, name="Provbibliotek", organisation=org, visibility=Library.Visibility.PUBLIC)
_, key = create_api_token(editor, "prov")
print(json.dumps({"organisation": org.pk, "library": library.pk, "token": key}))
"""

UPLOAD = """
from django.core.files.uploadedfile import SimpleUploadedFile
from django.contrib.auth import get_user_model
from kraft.knowledge.models import Library
from kraft.knowledge.services import upload_document

editor = get_user_model().objects.get(username="redaktor")
data = open({path!r}, "rb").read()
document = upload_document(editor, Library.objects.get(pk={library}), SimpleUploadedFile({name!r}, data))
print(json.dumps({{"document": document.pk}}))
"""


@pytest.fixture
def people(data_dir: Path) -> dict[str, object]:
    return processes.run_script(data_dir, SETUP)


def upload(data_dir: Path, library: int, path: Path) -> int:
    code = UPLOAD.format(path=str(path), library=library, name=path.name)
    return int(processes.run_script(data_dir, code)["document"])
