"""Open data of needs: the rows of the CSV/JSON export and the DCAT-AP dataset. Only public, published needs."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse

from kraft.needs import selectors
from kraft.needs.models import Need, Signal

COLUMNS = (
    "id",
    "url",
    "title",
    "problem",
    "desired_outcome",
    "target_group",
    "welfare_area",
    "status",
    "urgency",
    "organisation",
    "organisation_kind",
    "county_code",
    "opened_at",
    "signals_same_need",
    "signals_solved",
    "signals_contribute",
    "followers",
    "solved_by_initiative",
)


def rows(queryset: QuerySet[Need] | None = None) -> list[dict[str, Any]]:
    needs = (
        (queryset if queryset is not None else selectors.public_needs())
        .select_related("organisation__county", "welfare_area")
        .prefetch_related("signals")
    )
    out = []
    for need in needs.order_by("pk"):
        kinds = [s.kind for s in need.signals.all()]
        out.append(
            {
                "id": need.pk,
                "url": f"{settings.SITE_URL.rstrip('/')}/behov/{need.pk}/",
                "title": need.title,
                "problem": need.problem,
                "desired_outcome": need.desired_outcome,
                "target_group": need.target_group,
                "welfare_area": need.welfare_area.slug if need.welfare_area else "",
                "status": need.status,
                "urgency": need.urgency,
                "organisation": need.organisation.name,
                "organisation_kind": need.organisation.kind,
                "county_code": need.organisation.county.code if need.organisation.county else "",
                "opened_at": need.opened_at.isoformat() if need.opened_at else "",
                "signals_same_need": kinds.count(Signal.Kind.SAME_NEED),
                "signals_solved": kinds.count(Signal.Kind.SOLVED),
                "signals_contribute": kinds.count(Signal.Kind.CONTRIBUTE),
                "followers": kinds.count(Signal.Kind.FOLLOW),
                "solved_by_initiative": need.solved_by_id or "",
            }
        )
    return out


def _safe_cell(value: Any) -> Any:
    """Cells starting with = + - @ are read as formulas by spreadsheets; prefix them with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_response(data: list[dict[str, Any]]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in data:
        writer.writerow({k: _safe_cell(v) for k, v in row.items()})
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kraft-behov.csv"'
    return response


def json_response(data: list[dict[str, Any]]) -> HttpResponse:
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="kraft-behov.json"'
    return response


def dataset(base: str) -> dict[str, Any]:
    """The needs as a DCAT-AP dataset (only when there are public needs to describe)."""
    latest = selectors.public_needs().order_by("-updated_at").values_list("updated_at", flat=True).first()
    modified = latest.date().isoformat() if latest else ""

    def distribution(fmt: str, media: str, title: str) -> dict[str, Any]:
        url = f"{base}/behov/export.{fmt.lower()}"
        return {
            "@id": f"{url}#distribution",
            "@type": "dcat:Distribution",
            "dct:title": [{"@value": title, "@language": "sv"}],
            "dcat:accessURL": {"@id": url},
            "dcat:downloadURL": {"@id": url},
            "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{media}"},
            "dct:format": {"@id": f"http://publications.europa.eu/resource/authority/file-type/{fmt}"},
            "dct:license": {"@id": "https://creativecommons.org/licenses/by/4.0/"},
        }

    return {
        "@id": f"{base}/behov/#dataset",
        "@type": "dcat:Dataset",
        "dct:title": [
            {"@value": "Gemensamma behov av AI i kommuner, regioner och civilsamhälle", "@language": "sv"},
            {"@value": "Shared AI needs of Swedish municipalities, regions and civil society", "@language": "en"},
        ],
        "dct:description": [
            {
                "@value": "Publika behov med problembeskrivning, verksamhetsområde, status och antal signaler från "
                "andra organisationer. Utkast och behov som bara visas för inloggade ingår aldrig.",
                "@language": "sv",
            }
        ],
        "dcat:keyword": [{"@value": k, "@language": "sv"} for k in ("AI", "behov", "samverkan", "kommun")],
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/SWE"},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Kraft", "foaf:homepage": {"@id": base}},
        "dct:modified": {"@value": modified, "@type": "xsd:date"},
        "dcat:landingPage": {"@id": f"{base}/behov/"},
        "dcat:distribution": [
            distribution("CSV", "text/csv", "CSV (en rad per behov)"),
            distribution("JSON", "application/json", "JSON"),
        ],
    }


def dcat_datasets(base: str) -> list[dict[str, Any]]:
    """Hook for the DCAT catalogue: the needs dataset when there is at least one public need."""
    return [dataset(base)] if selectors.public_needs().exists() else []
