"""Open data: any filtered list of initiatives as CSV, JSON or XLSX, in one documented format.

The same columns are read back by the Kraft importer (``importers/kraft_format.py``), so an export can be
edited and imported again. The ROI figures come from ``roi.compute`` – the one computation every page uses.
Visibility is the person's own (``selectors.visible_initiatives``): drafts never leave their organisation.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kraft.initiatives import roi, versions
from kraft.initiatives.models import Cost, Effect, Initiative

FORMATS = ("csv", "json", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LICENCE = "CC-BY-4.0"
# Columns of the flat formats (CSV, XLSX); JSON uses the same keys with lists kept as lists.
RECORD_COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "description",
    "problem",
    "record_type",
    "status",
    "lead_organisation",
    "lead_organisation_code",
    "lead_organisation_kind",
    "county",
    "partners",
    "contact_name",
    "contact_email",
    "contact_phone",
    "welfare_area",
    "technique",
    "stage",
    "start_date",
    "end_date",
    "tags",
    "uses_personal_data",
    "uses_sensitive_data",
    "data_description",
    "legal_basis",
    "risk_class",
    "risk_class_confirmed",
    "ai_act_roles",
    "ai_act_annex",
    "ai_act_exemptions",
    "ai_act_rules_version",
    "human_oversight",
    "supplier",
    "product",
    "open_source_url",
    "funding",
    "links",
    "horizon_years",
    "country",
    "source_name",
    "source_id",
    "source_url",
    "licence",
    "attribution",
    "reused_from",
    "published_version",
    "published_at",
    "updated_at",
]
FIGURE_COLUMNS = [
    "annual_value",
    "annual_value_expected",
    "annual_value_measured",
    "value_basis",
    "one_off_cost",
    "recurring_cost_per_year",
    "total_cost",
    "total_value",
    "net_value",
    "roi",
    "roi_percent",
    "payback_years",
    "is_evaluated",
]
NESTED_COLUMNS = ["effects", "costs"]
COLUMNS = RECORD_COLUMNS + FIGURE_COLUMNS + NESTED_COLUMNS
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
        "ai_act_roles": LIST_SEPARATOR.join(result.get("roles", [])),
        "ai_act_annex": LIST_SEPARATOR.join(result.get("annex", [])),
        "ai_act_exemptions": LIST_SEPARATOR.join(result.get("exemptions", [])),
        "ai_act_rules_version": result.get("rules_version", ""),
    }


def flat(data: dict[str, Any]) -> dict[str, Any]:
    """A record for one spreadsheet row: lists joined, nested effects and costs as JSON text."""
    row = dict(data)
    row["partners"] = LIST_SEPARATOR.join(data["partners"])
    row["tags"] = LIST_SEPARATOR.join(data["tags"] or [])
    for key in ("links", "effects", "costs"):
        row[key] = json.dumps(data[key] or [], ensure_ascii=False) if data[key] else ""
    for key, value in row.items():
        if value is None:
            row[key] = ""
        elif isinstance(value, bool):
            row[key] = "ja" if value else "nej"
    return row


def records(queryset: QuerySet[Initiative]) -> Iterator[dict[str, Any]]:
    for initiative in export_queryset(queryset).iterator(chunk_size=500):
        yield record(initiative)


def _meta(count: int | None = None) -> dict[str, Any]:
    return {
        "title": "Kraft – AI-initiativ i offentlig sektor",
        "publisher": _site_url(),
        "licence": LICENCE,
        "generated_at": timezone.now().isoformat(),
        "format_version": 1,
        "columns_documentation": f"{_site_url()}/initiativ/dcat.jsonld",
        **({"count": count} if count is not None else {}),
    }


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(queryset: QuerySet[Initiative]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + str(writer.writerow(COLUMNS))
    for data in records(queryset):
        row = flat(data)
        yield str(writer.writerow([row[c] for c in COLUMNS]))


def to_csv(queryset: QuerySet[Initiative]) -> str:
    return "".join(csv_chunks(queryset))


def to_json(queryset: QuerySet[Initiative]) -> str:
    results = list(records(queryset))
    return json.dumps({"meta": _meta(len(results)), "results": results}, ensure_ascii=False, indent=1, default=str)


def to_xlsx(queryset: QuerySet[Initiative]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Initiativ")
    sheet.append(COLUMNS)
    count = 0
    for data in records(queryset):
        row = flat(data)
        sheet.append([_cell(row[c]) for c in COLUMNS])
        count += 1
    about = workbook.create_sheet("Om datat")
    for key, value in _meta(count).items():
        about.append([key, str(value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """Numbers as numbers where the column is numeric; text that could run as a formula is quoted."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        Decimal(value)
    except ArithmeticError:
        return False
    return True


def _filename(fmt: str) -> str:
    return f"kraft-initiativ-{timezone.localdate().isoformat()}.{fmt}"


def render(queryset: QuerySet[Initiative], fmt: str) -> HttpResponse:
    """The export as a download. CSV streams, so a national export never sits in memory at once."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    disposition = f'attachment; filename="{_filename(fmt)}"'
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(queryset), content_type=CONTENT_TYPES["csv"])
    elif fmt == "json":
        response = HttpResponse(to_json(queryset), content_type=CONTENT_TYPES["json"])
    else:
        response = HttpResponse(to_xlsx(queryset), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    return response  # type: ignore[return-value]


def export_response(request: HttpRequest, params: Any, user: Any = None) -> HttpResponse:
    """``GET …/export?format=csv|json|xlsx`` plus the list filters; used by the API and the list page."""
    from kraft.initiatives import selectors

    fmt = str(params.get("format") or "csv").lower()
    if fmt not in FORMATS:
        return HttpResponse(
            json.dumps({"detail": _("Okänt format. Välj csv, json eller xlsx."), "code": "invalid"}),
            status=400,
            content_type="application/json",
        )
    person = user if user is not None else getattr(request, "user", None)
    queryset = filtered(selectors.visible_initiatives(person), params)
    return render(queryset, fmt)


def filtered(queryset: QuerySet[Initiative], params: Any) -> QuerySet[Initiative]:
    """The list page's filters (registry-core's filter function) on an already visible queryset."""
    from kraft.initiatives import filters

    return filters.apply(queryset, params)
