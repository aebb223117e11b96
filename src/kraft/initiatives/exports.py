"""Open data: any filtered list of initiatives as CSV, JSON or XLSX, in one documented format.

The same columns are read back by the Kraft importer (``importers/kraft_format.py``), so an export can be
edited and imported again. The ROI figures come from ``roi.compute`` – the one computation every page uses.
Visibility is the person's own (``selectors.visible_initiatives``): drafts never leave their organisation.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from kraft.core import spreadsheets
from kraft.initiatives import export_columns, roi, versions
from kraft.initiatives.export_columns import BOOLEAN, DATE, DATETIME, INTEGER, JSON, LIST, NUMERIC, RATIO
from kraft.initiatives.models import Cost, Effect, Initiative
from kraft.initiatives.search import initiative_language

FORMATS = ("csv", "csv-excel", "json", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "csv-excel": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {"csv": "csv", "csv-excel": "csv", "json": "json", "xlsx": "xlsx"}
LICENCE = "CC-BY-4.0"
COLUMNS = [column.name for column in export_columns.COLUMNS]
FIGURE_COLUMNS = [column.name for column in export_columns.FIGURES]
LIST_SEPARATOR = "; "


def export_queryset(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Everything a row needs, in a fixed number of queries whatever the number of rows."""
    return queryset.select_related(
        "welfare_area", "technique", "lead_organisation", "lead_organisation__county"
    ).prefetch_related(
        "partners",
        Prefetch("effects", queryset=Effect.objects.order_by("id")),
        Prefetch("costs", queryset=Cost.objects.order_by("id")),
    )


def _site_url() -> str:
    return str(getattr(settings, "SITE_URL", "")).rstrip("/")


def record(initiative: Initiative) -> dict[str, Any]:
    """One initiative as plain JSON values (lists stay lists); figures from ``roi.compute``."""
    effects = list(initiative.effects.all())
    costs = list(initiative.costs.all())
    figures = roi.compute(initiative, effects=effects, costs=costs).as_dict()
    lead = initiative.lead_organisation
    values = versions.field_values(initiative)
    data: dict[str, Any] = {
        "id": initiative.pk,
        "url": f"{_site_url()}/initiativ/{initiative.pk}/",
        **{k: values[k] for k in versions.CONTENT_FIELDS},
        "status": initiative.status,
        "lead_organisation": str(lead) if lead else "",
        "lead_organisation_code": (lead.municipality_code or "") if lead else "",
        "lead_organisation_kind": lead.kind if lead else "",
        "county": lead.county.name if lead and lead.county else "",
        "partners": sorted(str(p) for p in initiative.partners.all()),
        "welfare_area": initiative.welfare_area.name if initiative.welfare_area else "",
        "technique": initiative.technique.name if initiative.technique else "",
        "language": initiative_language(initiative),
        "source_name": initiative.source_name,
        "source_id": initiative.source_id,
        "source_url": initiative.source_url,
        "licence": initiative.licence,
        "attribution": initiative.attribution,
        "reused_from": initiative.reused_from_id,
        "published_version": initiative.published_version,
        **_ai_act(initiative),
        "published_at": initiative.published_at.isoformat() if initiative.published_at else None,
        "updated_at": initiative.updated_at.isoformat() if initiative.updated_at else None,
        **{k: figures[k] for k in FIGURE_COLUMNS},
        "effects": [versions.effect_values(e) | {"annual_value": str(roi.effect_annual_value(e))} for e in effects],
        "costs": [versions.cost_values(c) for c in costs],
    }
    return {column: data.get(column) for column in COLUMNS}


def _ai_act(initiative: Initiative) -> dict[str, Any]:
    """The AI Act triage result stored on the record (``kraft.triage`` writes it)."""
    result = initiative.ai_act_triage or {}
    return {
        "risk_class_confirmed": initiative.risk_class_confirmed,
        "ai_act_roles": result.get("roles", []),
        "ai_act_annex": LIST_SEPARATOR.join(result.get("annex", [])),
        "ai_act_exemptions": LIST_SEPARATOR.join(result.get("exemptions", [])),
        "ai_act_rules_version": result.get("rules_version", ""),
    }


def records(queryset: QuerySet[Initiative]) -> Iterator[dict[str, Any]]:
    for initiative in export_queryset(queryset).iterator(chunk_size=500):
        yield record(initiative)


def _meta(count: int | None = None) -> dict[str, Any]:
    return {
        "title": "Kraft – AI-initiativ i offentlig sektor",
        "publisher": _site_url(),
        "licence": LICENCE,
        "generated_at": timezone.now().isoformat(),
        "format_version": 2,
        "columns_documentation": f"{_site_url()}/initiativ/exportera/#kolumner",
        **({"count": count} if count is not None else {}),
    }


# ---------------------------------------------------------------- typed values, one function per target


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _list_text(value: Any) -> str:
    return LIST_SEPARATOR.join(str(v) for v in value or [])


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if value else ""


def csv_cell(kind: str, value: Any, flavour: spreadsheets.CsvFlavour) -> str:
    """One value as CSV text in the flavour's conventions; text that could run as a formula is neutralised."""
    if value is None or value == "":
        return ""
    if kind == BOOLEAN:
        return flavour.boolean(bool(value))
    if kind in NUMERIC:
        number = _decimal(value)
        return "" if number is None else flavour.number(number)
    if kind == LIST:
        return spreadsheets.neutralise(_list_text(value))
    if kind == JSON:
        return _json_text(value)
    return spreadsheets.neutralise(str(value))


def csv_chunks(queryset: QuerySet[Initiative], flavour: str = "csv") -> Iterator[str]:
    """Standard CSV (machine names, comma, dot decimals) or CSV för Excel (Swedish headings, ';', decimal comma)."""
    style = spreadsheets.FLAVOURS[flavour]
    columns = export_columns.COLUMNS
    header = [c.heading if style.bom else c.name for c in columns]
    rows = ([csv_cell(c.kind, data[c.name], style) for c in columns] for data in records(queryset))
    return spreadsheets.csv_lines(header, rows, style)


def to_csv(queryset: QuerySet[Initiative], flavour: str = "csv") -> str:
    return "".join(csv_chunks(queryset, flavour))


def json_chunks(queryset: QuerySet[Initiative]) -> Iterator[str]:
    """The JSON document piece by piece, so a national export starts at once and never sits in memory."""
    meta = json.dumps(_meta(queryset.count()), ensure_ascii=False)
    yield '{"meta": ' + meta + ', "results": ['
    for number, data in enumerate(records(queryset)):
        yield ("," if number else "") + "\n" + json.dumps(data, ensure_ascii=False, default=str)
    yield "\n]}\n"


def to_json(queryset: QuerySet[Initiative]) -> str:
    return "".join(json_chunks(queryset))


XLSX_FORMATS = {
    "money": "#,##0.00",
    "decimal": "0.0",
    "percent": "0.0",
    RATIO: "0.0%",
    DATE: "yyyy-mm-dd",
    DATETIME: "yyyy-mm-dd hh:mm",
}


def xlsx_value(kind: str, value: Any) -> Any:
    """One value as the Python type openpyxl writes as a real number, date, boolean or text."""
    if value is None or value == "":
        return None
    if kind == BOOLEAN:
        return bool(value)
    if kind == INTEGER:
        number = _decimal(value)
        return None if number is None else int(number)
    if kind in NUMERIC:
        return _decimal(value)
    if kind == DATE:
        return value if isinstance(value, date) else parse_date(str(value)[:10])
    if kind == DATETIME:
        moment = value if isinstance(value, datetime) else parse_datetime(str(value))
        if moment is not None and timezone.is_aware(moment):
            moment = timezone.make_naive(moment)  # spreadsheets have no time zones: local time
        return moment
    if kind == LIST:
        return _list_text(value)
    if kind == JSON:
        return _json_text(value)
    return str(value)


def _xlsx_row(sheet: Any, data: dict[str, Any]) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell

    cells: list[Any] = []
    for column in export_columns.COLUMNS:
        value = xlsx_value(column.kind, data[column.name])
        number_format = XLSX_FORMATS.get(column.kind)
        if value is not None and number_format:
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = number_format
            cells.append(cell)
        elif isinstance(value, str) and spreadsheets.is_risky(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def write_xlsx(queryset: QuerySet[Initiative], target: Any) -> int:
    """The workbook (Swedish headings, typed cells, a sheet documenting each column) into ``target``."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Initiativ")
    sheet.freeze_panes = "B2"
    sheet.append([c.heading for c in export_columns.COLUMNS])
    count = 0
    for data in records(queryset):
        sheet.append(_xlsx_row(sheet, data))
        count += 1
    columns = workbook.create_sheet("Kolumner")
    columns.append(["Rubrik", "Maskinnamn", "Typ", "Innehåll"])
    for column in export_columns.COLUMNS:
        columns.append([column.heading, column.name, str(export_columns.TYPE_LABELS[column.kind]), str(column.doc)])
    about = workbook.create_sheet("Om datat")
    for key, value in _meta(count).items():
        about.append([key, str(value)])
    workbook.save(target)
    return count


def to_xlsx(queryset: QuerySet[Initiative]) -> bytes:
    with tempfile.TemporaryFile() as handle:
        write_xlsx(queryset, handle)
        handle.seek(0)
        return handle.read()


def _cell(value: Any) -> Any:
    """A value for other apps' plain CSV/XLSX tables: decimals as numbers, text a spreadsheet would run neutralised."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str) and _decimal(value) is None:
        return spreadsheets.neutralise(value)
    return value


def _filename(fmt: str) -> str:
    suffix = "-excel" if fmt == "csv-excel" else ""
    return f"kraft-initiativ-{timezone.localdate().isoformat()}{suffix}.{EXTENSIONS[fmt]}"


def render(queryset: QuerySet[Initiative], fmt: str) -> HttpResponse:
    """The export as a download. CSV and JSON stream; the XLSX is built in a temporary file (memory stays flat)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    response: HttpResponse | StreamingHttpResponse | FileResponse
    if fmt in spreadsheets.FLAVOURS:
        response = StreamingHttpResponse(csv_chunks(queryset, fmt), content_type=CONTENT_TYPES[fmt])
    elif fmt == "json":
        response = StreamingHttpResponse(json_chunks(queryset), content_type=CONTENT_TYPES["json"])
    else:
        handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it after sending
        write_xlsx(queryset, handle)
        handle.seek(0)
        response = FileResponse(handle, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{_filename(fmt)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response  # type: ignore[return-value]


def export_response(request: HttpRequest, params: Any, user: Any = None) -> HttpResponse:
    """``GET …/export?format=csv|csv-excel|json|xlsx`` plus the list filters; used by the API and the list page."""
    from kraft.initiatives import selectors

    fmt = str(params.get("format") or "csv").lower()
    if fmt not in FORMATS:
        return HttpResponse(
            json.dumps({"detail": _("Okänt format. Välj csv, csv-excel, json eller xlsx."), "code": "invalid"}),
            status=400,
            content_type="application/json",
        )
    person = user if user is not None else getattr(request, "user", None)
    queryset = filtered(selectors.visible_initiatives(person), params)
    queryset.exists()  # a filter the database refuses fails here, as a 400, not inside a stream that began with 200
    return render(queryset, fmt)


def filtered(queryset: QuerySet[Initiative], params: Any) -> QuerySet[Initiative]:
    """The list page's filters (registry-core's filter function) on an already visible queryset."""
    from kraft.initiatives import filters

    return filters.apply(queryset, params)
