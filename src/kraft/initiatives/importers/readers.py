"""Reading CSV, JSON and XLSX files into rows, with one clear error when the file itself is unreadable."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from django.utils.translation import gettext as _

from kraft.core.archives import ArchiveRefused, check_archive
from kraft.core.text import load_json
from kraft.initiatives.importers.base import ImportFileError

csv.field_size_limit(10_000_000)


def decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("Filen är inte en textfil (den innehåller binära data)."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def csv_rows(data: bytes) -> list[dict[str, str]]:
    text = decode(data)
    if not text.strip():
        raise ImportFileError(_("Filen är tom."))
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)  # Excel in Swedish writes ';', everyone else ','
    try:
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        rows = [{(k or "").strip(): (v or "") for k, v in row.items() if k is not None} for row in reader]
    except csv.Error as exc:
        raise ImportFileError(_("CSV-filen kunde inte läsas: %(error)s") % {"error": exc}) from exc
    if not reader.fieldnames:
        raise ImportFileError(_("CSV-filen saknar rubrikrad."))
    return rows


def json_data(data: bytes) -> Any:
    try:
        return load_json(decode(data))
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            _("JSON-filen kunde inte läsas (rad %(line)s, kolumn %(col)s): %(msg)s")
            % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
        ) from exc
    except ValueError:
        raise ImportFileError(_("JSON-filen är för djupt nästlad för att läsas.")) from None


def xlsx_rows(data: bytes) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    if not data.startswith(b"PK"):
        raise ImportFileError(_("Filen är ingen XLSX-arbetsbok."))
    try:
        check_archive(data)
    except ArchiveRefused as exc:
        if exc.code == "corrupt":
            raise ImportFileError(_("XLSX-filen är skadad eller kan inte läsas.")) from None
        raise ImportFileError(exc.message) from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(_("XLSX-filen är skadad eller kan inte läsas.")) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise ImportFileError(_("Arbetsbokens första blad är tomt."))
    names = [str(h).strip() if h is not None else "" for h in header]
    result: list[dict[str, Any]] = []
    for values in rows:
        if values is None or all(v in (None, "") for v in values):
            result.append({})  # keep row numbers aligned with the spreadsheet
            continue
        result.append({name: ("" if v is None else v) for name, v in zip(names, values, strict=False) if name})
    workbook.close()
    return result


def sniff_kind(data: bytes, filename: str = "") -> str:
    """csv, json or xlsx, from the content first (the file name can lie), the name second."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head[:1] in (b"{", b"["):
        return "json"
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        return "xlsx"
    if lower.endswith(".json"):
        return "json"
    return "csv"
