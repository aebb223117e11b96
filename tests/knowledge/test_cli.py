"""Operators import folders from the command line; benchmarks report ingestion figures."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from kraft.knowledge.models import Document, Library
from tests.knowledge import files


def test_import_command_reads_a_folder_and_reports_bad_files(tmp_path: Path, national_library: Library) -> None:
    (tmp_path / "lag.json").write_bytes(files.statute("2099:5"))
    (tmp_path / "rutin.md").write_text(files.MARKDOWN, encoding="utf-8")
    (tmp_path / "trasig.pdf").write_bytes(b"%PDF-1.4 trasig")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_knowledge", str(national_library.pk), str(tmp_path), stdout=out, stderr=err)
    assert "Testlag (2099:5): 3 avsnitt" in out.getvalue() and "skadad" in err.getvalue()
    statuses = dict(Document.objects.values_list("source_name", "status"))
    assert statuses == {"lag.json": "ready", "rutin.md": "ready", "trasig.pdf": "failed"}
    call_command("import_knowledge", "Svensk lag", str(tmp_path / "lag.json"), stdout=out)  # again: nothing new
    assert Document.objects.filter(sfs_number="2099:5").count() == 1


def test_bench_ingest_reports_time_and_passages(db: Any, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(files.statute("2099:1"))
    (tmp_path / "b.json").write_bytes(files.statute("2099:2"))
    out = io.StringIO()
    call_command("bench_ingest", "--dir", str(tmp_path), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["files"] == 2 and report["documents_ready"] == 2 and report["passages"] == 6
    assert report["ingestion_seconds"] > 0 and not Library.objects.exists()  # the throwaway library is gone
