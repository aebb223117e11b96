"""Kraft's own export format (CSV, JSON or XLSX from ``exports.py``) read back for import.

Computed columns (id, url, figures, versions, dates of publication) are ignored: the figures are always
recomputed by ``roi.compute``. Problems with a value are reported for its row and column.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from kraft.core.spreadsheets import FORMULA_STARTS
from kraft.core.text import load_json
from kraft.initiatives import versions
from kraft.initiatives.export_columns import machine_name
from kraft.initiatives.importers.base import ImportFileError, ImportRecord, ParseResult
from kraft.initiatives.importers.readers import csv_rows, json_data, sniff_kind, xlsx_rows

TEXT_FIELDS = [
    name
    for name in versions.CONTENT_FIELDS
    if name
    not in {"start_date", "end_date", "tags", "links", "uses_personal_data", "uses_sensitive_data", "horizon_years"}
]
PROVENANCE = ("source_name", "source_id", "source_url", "licence", "attribution")
DATE_FIELDS = ("start_date", "end_date")
BOOL_FIELDS = ("uses_personal_data", "uses_sensitive_data")
TRUE = {"ja", "yes", "true", "1", "sant", "x"}
FALSE = {"nej", "no", "false", "0", "falskt"}
DECIMAL_EFFECT_FIELDS = (
    "periods_per_year",
    "hours",
    "people",
    "hourly_cost",
    "amount",
    "count",
    "value_per_unit",
    "percent",
    "base_amount",
)
STATUSES = ("draft", "published", "archived")


def parse(data: bytes, filename: str = "") -> ParseResult:
    kind = sniff_kind(data, filename)
    if kind == "json":
        payload = json_data(data)
        items = payload.get("results") if isinstance(payload, dict) else payload
        if not isinstance(items, list):
            raise ImportFileError(_("JSON-filen ska vara en lista med initiativ eller ett objekt med 'results'."))
        rows, first = items, 1
    elif kind == "xlsx":
        rows, first = xlsx_rows(data), 2
    else:
        rows, first = csv_rows(data), 2
    rows = [_by_machine_name(row) for row in rows]
    if rows and isinstance(rows[0], dict) and rows[0] and "title" not in rows[0]:
        raise ImportFileError(_("Filen saknar kolumnen 'title'. Utgå från en export från Kraft."))
    records = []
    for number, row in enumerate(rows, start=first):
        if not isinstance(row, dict):
            raise ImportFileError(_("Post %(row)s är inte ett objekt.") % {"row": number})
        if not any(str(v).strip() for v in row.values() if v is not None):
            continue
        records.append(_record(number, row))
    return ParseResult(records)


def _by_machine_name(row: Any) -> Any:
    """Swedish headings (XLSX, CSV för Excel) read as the machine names the rest of the parser uses."""
    if not isinstance(row, dict):
        return row
    return {machine_name(str(key)): value for key, value in row.items()}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text[:1] == "'" and text[1:].startswith(FORMULA_STARTS):
        return text[1:]  # the export quotes text that a spreadsheet would otherwise run as a formula
    return text


def _record(number: int, row: dict[str, Any]) -> ImportRecord:
    rec = ImportRecord(row=number)
    for name in TEXT_FIELDS:
        if name in row:
            rec.values[name] = _text(row[name])
    for name in PROVENANCE:
        rec.values[name] = _text(row.get(name))
    for name in DATE_FIELDS:
        rec.values[name] = _date(rec, name, row.get(name))
    for name in BOOL_FIELDS:
        rec.values[name] = _bool(rec, name, row.get(name))
    rec.values["tags"] = _list(row.get("tags"))
    rec.values["links"] = _links(rec, row.get("links"))
    if _text(row.get("horizon_years")):
        try:
            rec.values["horizon_years"] = int(Decimal(_text(row.get("horizon_years"))))
        except (InvalidOperation, ValueError):
            rec.problem("horizon_years", _("Ange ett helt antal år."))
    for name in ("welfare_area", "technique", "stage", "risk_class", "record_type", "country"):
        if name in rec.values and rec.values[name] == "":
            del rec.values[name]  # the model's default (or none) rather than an invalid empty choice
    rec.lead = _text(row.get("lead_organisation"))
    rec.lead_code = (
        _text(row.get("lead_organisation_code")).zfill(4) if _text(row.get("lead_organisation_code")) else ""
    )
    rec.partners = _list(row.get("partners"))
    status = _text(row.get("status")) or "draft"
    if status not in STATUSES:
        rec.problem(
            "status", _("Okänd status '%(value)s'; använd draft, published eller archived.") % {"value": status}
        )
    rec.status = status
    rec.effects = _nested(rec, "effects", row.get("effects"), DECIMAL_EFFECT_FIELDS, ("measured_on", "follow_up_on"))
    rec.costs = _nested(rec, "costs", row.get("costs"), ("amount",), ())
    return rec


def _date(rec: ImportRecord, name: str, value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        parsed = parse_date(text[:10])
    except ValueError:
        parsed = None
    if parsed is None:
        rec.problem(name, _("'%(value)s' är inte ett datum (ÅÅÅÅ-MM-DD).") % {"value": text})
    return parsed


def _bool(rec: ImportRecord, name: str, value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if not text:
        return None
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    rec.problem(name, _("'%(value)s' är varken ja eller nej.") % {"value": text})
    return None


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in _text(value).split(";") if part.strip()]


def _links(rec: ImportRecord, value: Any) -> list[dict[str, str]]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)] if all(isinstance(v, dict) for v in value) else []
    text = _text(value)
    if not text:
        return []
    if text.startswith("["):
        try:
            links = load_json(text)
        except ValueError:
            rec.problem("links", _("Länkarna är inte giltig JSON."))
            return []
        return links if isinstance(links, list) else []
    return [{"title": url, "url": url} for url in text.split()]


def _nested(
    rec: ImportRecord, column: str, value: Any, decimals: tuple[str, ...], dates: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Effects or costs: a JSON list of objects (in CSV/XLSX a cell with JSON text)."""
    if value in (None, ""):
        return []
    items = value
    if isinstance(value, str):
        try:
            items = load_json(value)
        except ValueError:
            rec.problem(column, _("Värdet är inte giltig JSON."))
            return []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        rec.problem(column, _("Ska vara en lista med objekt."))
        return []
    allowed = set(versions.EFFECT_FIELDS if column == "effects" else versions.COST_FIELDS)
    result = []
    for position, item in enumerate(items, start=1):
        clean: dict[str, Any] = {}
        for key, raw in item.items():
            if key not in allowed:
                continue  # e.g. the computed annual_value
            where = f"{column}[{position}].{key}"
            if key in decimals and raw not in (None, ""):
                try:
                    clean[key] = Decimal(str(raw).replace(",", ".").replace("\u00a0", "").replace(" ", ""))
                except InvalidOperation:
                    rec.problem(where, _("'%(value)s' är inte ett tal.") % {"value": raw})
            elif key in decimals:
                clean[key] = None
            elif key in dates:
                clean[key] = _date(rec, where, raw)
            else:
                clean[key] = "" if raw is None else raw
        result.append(clean)
    return result
