"""``kraft manage backup`` of a running instance under writes, ``restore`` into a new data folder: it all works."""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.operations import processes

IMPORT = """
from django.contrib.auth import get_user_model
from kraft.knowledge.models import Library
from kraft.knowledge.services import import_document
editor = get_user_model().objects.get(username="redaktor")
library = Library.objects.get(pk={library})
text = "Riktlinje för kameraövervakning i skolan. Rektorn ansvarar för att kamerorna är skyltade.\\n\\n" * 3
document = import_document(library, text.encode(), "kamerariktlinje.txt", actor=editor, sync=True)
print(json.dumps({{"document": document.pk, "status": document.status}}))
"""

WRITER = """
from django.contrib.auth import get_user_model
from kraft.knowledge.answers.service import answer_question
editor = get_user_model().objects.get(username="redaktor")
count = 0
while not os.path.exists({stop!r}) or count < 3:
    answer_question(editor, f"Vem ansvarar för kamerorna? ({{count}})")
    count += 1
    if count == 3:
        print("started", flush=True)  # three answers are committed (in SQLite's write-ahead log) before the backup
print(json.dumps({{"answers": count}}), flush=True)
"""

CHECK = """
from django.test import Client
from kraft.knowledge.models import Answer
client = Client(HTTP_AUTHORIZATION="Bearer {token}")
search = client.get("/api/v1/search/", {{"collection": "passages", "q": "kameraövervakning"}}).json()
answer = client.post("/api/v1/answers", {{"question": "Vem ansvarar för kamerorna i skolan?"}},
                     content_type="application/json")
download = client.get("/kunskap/dokument/{document}/fil/")
print(json.dumps({{
    "hits": search["count"],
    "answer_status": answer.status_code,
    "answer_sources": len(answer.json().get("sources", [])),
    "download_status": download.status_code,
    "download": b"".join(download.streaming_content).decode() if download.status_code == 200 else "",
    "answers": Answer.objects.count(),
}}))
"""


def test_a_backup_taken_under_writes_restores_into_a_new_folder_with_search_answers_and_downloads(
    data_dir: Path, people: dict[str, Any], tmp_path: Path
) -> None:
    imported = processes.run_script(data_dir, IMPORT.format(library=people["library"]))
    assert imported["status"] == "ready"
    log = tmp_path / "writer.log"
    stop = tmp_path / "stop"
    writer = _python(data_dir, WRITER.format(stop=str(stop)), log)
    try:
        processes.wait_for(lambda: "started" in log.read_text(), 180, "the writer")
        archive = tmp_path / "kraft-backup.tar.gz"
        processes.run_command(data_dir, "manage", "backup", str(archive))
        assert writer.poll() is None, "the backup was taken while answers were being written"
    finally:
        stop.touch()
        writer.wait(180)
    written = processes.last_json(log.read_text())["answers"]

    restored = tmp_path / "restored"
    restored.mkdir()
    processes.run_command(restored, "manage", "restore", str(archive))
    result = processes.run_script(restored, CHECK.format(token=people["token"], document=imported["document"]))
    assert result["hits"] >= 1
    assert result["answer_status"] == 200 and result["answer_sources"] >= 1
    assert result["download_status"] == 200 and "Rektorn ansvarar" in result["download"]
    # what was committed when the backup began (at least three, most still in the WAL), plus the check's own
    assert 3 <= result["answers"] - 1 <= written


def test_a_damaged_backup_is_refused_before_anything_is_written(data_dir: Path, tmp_path: Path) -> None:
    archive = tmp_path / "kraft-backup.tar.gz"
    processes.run_command(data_dir, "manage", "backup", str(archive))
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member)
            content = data.read() if data else b""
            if member.name == "database.sqlite3":
                content = content[:-1] + bytes([content[-1] ^ 1])
            target.addfile(member, io.BytesIO(content))
    restored = tmp_path / "restored"
    restored.mkdir()
    with pytest.raises(AssertionError, match="Kontrollsumman"):
        processes.run_command(restored, "manage", "restore", str(damaged))


def _python(data_dir: Path, code: str, log: Path) -> Any:
    handle = log.open("ab")
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", processes.PRELUDE + textwrap.dedent(code)],
        env=processes.env_for(data_dir),
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
