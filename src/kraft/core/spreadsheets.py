"""Cells that spreadsheets open safely: formula neutralisation and the two CSV flavours every export offers.

A text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by Excel,
LibreOffice and Google Sheets (CSV injection, OWASP). Every CSV cell of text is written with a leading apostrophe
in that case, which spreadsheets show as plain text; the Kraft importer removes it again. XLSX text cells are
written as strings explicitly (never as formulas).

- ``csv``: for machines – UTF-8 without BOM, comma, dot decimals, ``true``/``false``.
- ``csv-excel`` ("CSV för Excel"): for Swedish Excel – BOM, semicolon, decimal comma, ``SANT``/``FALSKT``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(text: str) -> str:
    """Text that a spreadsheet would execute, made inert with a leading apostrophe."""
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def is_risky(text: str) -> bool:
    return bool(text) and text.startswith(FORMULA_STARTS)


@dataclass(frozen=True)
class CsvFlavour:
    name: str
    delimiter: str
    decimal: str
    bom: bool
    true: str
    false: str

    def number(self, value: Any) -> str:
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        return text.replace(".", self.decimal) if self.decimal != "." else text

    def boolean(self, value: bool) -> str:
        return self.true if value else self.false


STANDARD = CsvFlavour("csv", ",", ".", False, "true", "false")
EXCEL = CsvFlavour("csv-excel", ";", ",", True, "SANT", "FALSKT")
FLAVOURS = {flavour.name: flavour for flavour in (STANDARD, EXCEL)}


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list[str]], flavour: CsvFlavour = STANDARD) -> Iterator[str]:
    """The CSV text, one line at a time (for a streaming response). Cells must already be strings."""
    writer = csv.writer(_Echo(), delimiter=flavour.delimiter, lineterminator="\r\n")
    yield ("\ufeff" if flavour.bom else "") + str(writer.writerow([neutralise(h) for h in header]))
    for row in rows:
        yield str(writer.writerow(row))


def text_cell(value: Any) -> str:
    """Any value as neutralised CSV text (for exports without typed columns, such as the audit log)."""
    if value is None:
        return ""
    return neutralise(str(value))
