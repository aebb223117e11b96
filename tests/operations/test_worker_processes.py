"""The task worker as a real process: killed mid-ingestion, or facing a locked database, work still completes."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

from tests.operations import processes
from tests.operations.conftest import upload

FAST_LEASE = {"KRAFT_WORKER_HEARTBEAT_SECONDS": "1", "KRAFT_WORKER_LEASE_SECONDS": "3"}


def _document(data_dir: Path, pk: int) -> tuple[str, int]:
    rows = processes.query(data_dir, "SELECT status, passage_count FROM knowledge_document WHERE id = ?", (pk,))
    return rows[0][0], rows[0][1]


def _passages(data_dir: Path, pk: int) -> int:
    return processes.query(data_dir, "SELECT COUNT(*) FROM knowledge_passage WHERE document_id = ?", (pk,))[0][0]


def test_a_document_whose_worker_was_killed_mid_ingestion_ends_ready_with_every_passage_once(
    data_dir: Path, people: dict[str, Any], tmp_path: Path
) -> None:
    source = tmp_path / "lang-vagledning.txt"
    source.write_bytes(processes.long_text(1200))
    document = upload(data_dir, people["library"], source)
    log = tmp_path / "worker.log"

    first = processes.start(data_dir, "worker", "--interval", "0.2", log=log, **FAST_LEASE)
    try:
        processes.wait_for(lambda: _passages(data_dir, document) > 0, 180, "the first batch of passages")
    finally:
        processes.stop(first, signal.SIGKILL)
    status, _ = _document(data_dir, document)
    assert status == "processing", "killed before the end, the document is neither ready nor failed"
    running = processes.query(
        data_dir, "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
    )
    assert running[0][0] == 1
    visible = processes.query(
        data_dir,
        "SELECT COUNT(*) FROM search_searchentry WHERE collection = 'passages' AND key IN "
        "(SELECT CAST(id AS TEXT) FROM knowledge_passage WHERE document_id = ?)",
        (document,),
    )
    assert visible[0][0] == 0, "nothing of a half-ingested document is searchable"

    with processes.running(data_dir, "worker", "--interval", "0.2", log=log, **FAST_LEASE):
        processes.wait_for(lambda: _document(data_dir, document)[0] == "ready", 240, "the document to be ready")

    status, count = _document(data_dir, document)
    ordinals = processes.query(
        data_dir,
        "SELECT COUNT(*), COUNT(DISTINCT ordinal), MIN(ordinal), MAX(ordinal) FROM knowledge_passage "
        "WHERE document_id = ?",
        (document,),
    )[0]
    assert ordinals == (count, count, 1, count)
    assert count >= 1200
    live = processes.query(data_dir, "SELECT COUNT(*) FROM search_searchentry WHERE collection = 'passages'")[0][0]
    staged = processes.query(data_dir, "SELECT COUNT(*) FROM search_searchentry WHERE collection != 'passages'")
    assert live == count
    assert staged[0][0] == 0
    assert "läggs tillbaka i kön" in log.read_text()


def test_the_worker_survives_a_database_locked_longer_than_its_busy_timeout(
    data_dir: Path, people: dict[str, Any], tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    with processes.running(
        data_dir, "worker", "--interval", "0.2", log=log, KRAFT_SQLITE_BUSY_TIMEOUT="1", **FAST_LEASE
    ) as worker:
        processes.wait_for(
            lambda: processes.query(data_dir, "SELECT COUNT(*) FROM operations_workerheartbeat")[0][0], 120, "worker"
        )
        blocker = sqlite3.connect(data_dir / "kraft.sqlite3", timeout=30, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        time.sleep(4)  # the worker's polls and heartbeats fail with "database is locked" meanwhile
        blocker.execute("ROLLBACK")
        blocker.close()
        assert worker.poll() is None, log.read_text()[-3000:]

        source = tmp_path / "kort.txt"
        source.write_bytes(processes.long_text(3))
        document = upload(data_dir, people["library"], source)
        processes.wait_for(lambda: _document(data_dir, document)[0] == "ready", 120, "the upload to be ingested")
        assert worker.poll() is None
    assert "Databasfel i arbetaren" in log.read_text() or "upptagen" in log.read_text()
