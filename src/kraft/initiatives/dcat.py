"""A DCAT-AP description of the open dataset, so that data portals (dataportal.se, data.europa.eu) can harvest it.

``/initiativ/dcat.jsonld`` describes one catalogue with one dataset and its distributions: CSV, JSON and XLSX
exports, the JSON API and the GeoJSON of the map. The columns are documented here and on the export page.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from kraft.initiatives import export_columns
from kraft.initiatives.models import Initiative

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
}
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
LANG = "http://publications.europa.eu/resource/authority/language/"
THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def column_docs() -> list[tuple[str, str, str, str]]:
    """Machine name, Swedish heading, type and meaning of every export column (the open-data page)."""
    return [
        (column.name, column.heading, str(export_columns.TYPE_LABELS[column.kind]), str(column.doc))
        for column in export_columns.COLUMNS
    ]


def catalogue(base: str) -> dict[str, Any]:
    latest = (
        Initiative.objects.filter(status=Initiative.Status.PUBLISHED)
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )
    modified = (latest or timezone.now()).date().isoformat()

    def distribution(fmt: str, url: str, media: str, title: str) -> dict[str, Any]:
        return {
            "@id": f"{url}#distribution",
            "@type": "dcat:Distribution",
            "dct:title": [{"@value": title, "@language": "sv"}],
            "dcat:accessURL": {"@id": url},
            "dcat:downloadURL": {"@id": url},
            "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{media}"},
            "dct:format": {"@id": f"{EU_FILE_TYPE}{fmt}"},
            "dct:license": {"@id": LICENCE_URL},
            "dct:modified": {"@value": modified, "@type": "xsd:date"},
        }

    export = f"{base}/api/v1/initiatives/export?format="
    dataset = {
        "@id": f"{base}/initiativ/#dataset",
        "@type": "dcat:Dataset",
        "dct:title": [
            {"@value": "AI-initiativ i kommuner, regioner och civilsamhälle", "@language": "sv"},
            {"@value": "AI initiatives in Swedish municipalities, regions and civil society", "@language": "en"},
        ],
        "dct:description": [
            {
                "@value": "Publicerade AI-initiativ med syfte, verksamhetsområde, teknik, fas, riskklass, effekter, "
                "kostnader och ROI (beräknat på samma sätt överallt). Utkast ingår aldrig.",
                "@language": "sv",
            }
        ],
        "dcat:keyword": [
            {"@value": k, "@language": "sv"} for k in ("AI", "artificiell intelligens", "kommun", "region")
        ],
        "dcat:theme": {"@id": THEME},
        "dct:language": {"@id": f"{LANG}SWE"},
        "dct:spatial": {"@id": "http://publications.europa.eu/resource/authority/country/SWE"},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Kraft", "foaf:homepage": {"@id": base}},
        "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": "Kraft", "vcard:hasURL": {"@id": base}},
        "dct:modified": {"@value": modified, "@type": "xsd:date"},
        "dct:accrualPeriodicity": {"@id": "http://publications.europa.eu/resource/authority/frequency/CONT"},
        "dcat:landingPage": {"@id": f"{base}/initiativ/exportera/"},
        "dct:conformsTo": {"@id": f"{base}/initiativ/exportera/#kolumner"},
        "dcat:distribution": [
            distribution("CSV", f"{export}csv", "text/csv", "CSV (en rad per initiativ)"),
            distribution("CSV", f"{export}csv-excel", "text/csv", "CSV för Excel (semikolon, decimalkomma)"),
            distribution("JSON", f"{export}json", "application/json", "JSON"),
            distribution(
                "XLSX",
                f"{export}xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "Excel (XLSX)",
            ),
            distribution("JSON", f"{base}/api/v1/initiatives", "application/json", "JSON-API med filter och sidor"),
            distribution("GEOJSON", f"{base}/api/v1/map/municipalities", "application/geo+json", "GeoJSON per kommun"),
        ],
    }
    return {
        "@context": CONTEXT,
        "@id": f"{base}/initiativ/dcat.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": [{"@value": "Kraft – öppna data", "@language": "sv"}],
        "dct:description": [{"@value": "Öppna data från Kraft.", "@language": "sv"}],
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Kraft"},
        "dct:license": {"@id": LICENCE_URL},
        "dcat:dataset": [dataset, *_other_datasets(base)],
    }


def _other_datasets(base: str) -> list[dict[str, Any]]:
    """Datasets other apps add to the one catalogue through ``dcat_datasets(base)`` in their hooks."""
    from kraft.organisations.extensions import hook_functions

    return [found for function in hook_functions("dcat_datasets") for found in function(base)]


def response(request: HttpRequest) -> HttpResponse:
    base = str(getattr(settings, "SITE_URL", "")).rstrip("/") or request.build_absolute_uri("/").rstrip("/")
    body = json.dumps(catalogue(base), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")
