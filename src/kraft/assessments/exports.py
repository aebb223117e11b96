"""CSV and XLSX downloads of tables (an assessment's results; the portfolio uses the same writer).

Text that a spreadsheet could run as a formula is quoted the same way as the registry's exports do.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

from kraft.initiatives.exports import _cell

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _text(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_csv(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_quoted(_text(row.get(c))) for c in columns])
    return "\ufeff" + buffer.getvalue()


def _quoted(value: Any) -> Any:
    cell = _cell(value)
    return "" if cell is None else cell


def to_xlsx(sheet_name: str, columns: Sequence[str], rows: Sequence[dict[str, Any]], about: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name[:31])
    sheet.append(list(columns))
    for row in rows:
        sheet.append(
            [_cell(_text(row.get(c))) if not isinstance(row.get(c), Decimal) else float(row[c]) for c in columns]
        )
    info = workbook.create_sheet("Om datat")
    for key, value in about.items():
        info.append([key, str(value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(
    fmt: str, name: str, sheet: str, columns: Sequence[str], rows: Sequence[dict[str, Any]], about: dict[str, Any]
) -> HttpResponse:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    body: str | bytes = to_csv(columns, rows) if fmt == "csv" else to_xlsx(sheet, columns, rows, about)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate().isoformat()}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
