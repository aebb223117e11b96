"""Hostile files of the kinds found in the hardening review, built on the fly, and how Kraft's code meets them.

``kraft bench bombs`` runs each through the same code as the web process (format sniffing on upload) and the
worker (parsing), in a fresh process each, and reports the time to rejection and the peak memory above the
process's baseline.
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from typing import Any

MB = 1024 * 1024
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _deflated(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _stream(archive: zipfile.ZipFile, name: str, piece: bytes, size: int) -> None:
    with archive.open(_deflated(name), "w", force_zip64=True) as member:
        written = 0
        while written < size:
            member.write(piece)
            written += len(piece)


def docx_bomb(unpacked_mb: int = 300) -> bytes:
    """A Word file whose document.xml is ``unpacked_mb`` MB of paragraphs (deflated to well under 1 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        paragraph = f"<w:p><w:r><w:t>{'Kommunen ansvarar för äldreomsorgen. ' * 20}</w:t></w:r></w:p>".encode()
        with archive.open(_deflated("word/document.xml"), "w", force_zip64=True) as member:
            member.write(f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'.encode())
            written = 0
            while written < unpacked_mb * MB:
                member.write(paragraph * 100)
                written += len(paragraph) * 100
            member.write(b"</w:body></w:document>")
    return buffer.getvalue()


def odt_bomb(unpacked_mb: int = 300) -> bytes:
    """An ODT whose ``mimetype`` member inflates to ``unpacked_mb`` MB: sniffing it whole would take that much."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _stream(archive, "mimetype", b"application/vnd.oasis.opendocument.text" + b" " * (MB - 39), unpacked_mb * MB)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def xlsx_bomb(unpacked_mb: int = 300) -> bytes:
    """A workbook whose first sheet inflates to ``unpacked_mb`` MB of rows."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        _stream(archive, "xl/worksheets/sheet1.xml", b"<row><c t='inlineStr'><is><t>x</t></is></c></row>" * 2000,
                unpacked_mb * MB)  # fmt: skip
    return buffer.getvalue()


BOMBS = {
    "docx_300mb": ("docx", "kraftig.docx"),
    "odt_mimetype_300mb": ("odt", "kraftig.odt"),
    "xlsx_300mb": ("xlsx", "kraftig.xlsx"),
}


def _build(kind: str, unpacked_mb: int) -> bytes:
    return {"docx": docx_bomb, "odt": odt_bomb, "xlsx": xlsx_bomb}[kind](unpacked_mb)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def meet(kind: str, path: str) -> dict[str, Any]:
    """In this process: run the file through upload sniffing and parsing (or the import reader)."""
    from kraft.initiatives.importers.base import ImportFileError
    from kraft.initiatives.importers.readers import xlsx_rows
    from kraft.knowledge.ingestion import IngestionError, detect_format, parse

    with open(path, "rb") as handle:
        data = handle.read()
    name = os.path.basename(path)
    baseline = _rss_mb()
    started = time.perf_counter()
    outcome: dict[str, Any] = {"file_kb": round(len(data) / 1024)}
    try:
        if kind == "xlsx":
            xlsx_rows(data)
        else:
            detect_format(data, name)  # what the web process does on upload
            parse(data, name)  # what the worker does
        outcome.update(rejected=False, message="")
    except (IngestionError, ImportFileError) as exc:
        outcome.update(rejected=True, message=str(getattr(exc, "message", exc)))
    outcome["seconds"] = round(time.perf_counter() - started, 3)
    outcome["baseline_rss_mb"] = round(baseline, 1)
    outcome["peak_rss_above_baseline_mb"] = round(_rss_mb() - baseline, 1)
    return outcome


def run(unpacked_mb: int = 300, only: list[str] | None = None) -> dict[str, Any]:
    """Each bomb in a fresh process, so that one's peak memory does not hide another's."""
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, (kind, name) in BOMBS.items():
            if only and label not in only:
                continue
            path = os.path.join(folder, name)
            with open(path, "wb") as handle:
                handle.write(_build(kind, unpacked_mb))
            done = subprocess.run(
                [sys.executable, "-m", "kraft.operations.bombs", kind, path],
                capture_output=True,
                text=True,
                timeout=600,
            )
            if done.returncode:
                results[label] = {"error": done.stderr[-2000:]}
            else:
                results[label] = {"unpacked_mb": unpacked_mb, **json.loads(done.stdout.strip().splitlines()[-1])}
    return results


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kraft.settings")
    django.setup()
    print(json.dumps(meet(sys.argv[1], sys.argv[2])))
