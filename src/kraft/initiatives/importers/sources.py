"""Importers for the real public registers in ``shared/data/cases``.

Each keeps the source's name, id, link, licence and attribution on the record, sets the country, and passes the
responsible organisation's name on for matching (see ``matching.py``). Categories are mapped by ``mapping.py``.
"""

from __future__ import annotations

import ast
import re
from datetime import date
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from kraft.initiatives.importers import mapping
from kraft.initiatives.importers.base import (
    ImportFileError,
    ImportRecord,
    ParseResult,
    first_sentences,
    plain_text,
    shorten,
)
from kraft.initiatives.importers.readers import csv_rows, json_data

PSTW = {
    "source_name": "EU Public Sector Tech Watch",
    "source_url": "https://interoperable-europe.ec.europa.eu/collection/public-sector-tech-watch",
    "licence": "CC-BY-4.0",
    "attribution": "European Commission, Joint Research Centre – Public Sector Tech Watch (CC BY 4.0)",
}
AIWATCH = {
    "source_name": "EU AI Watch",
    "source_url": "https://github.com/AI-Watch/AI-watch-T6-X",
    "licence": "EUPL-1.2",
    "attribution": "European Commission, AI Watch – AI in public services (EUPL-1.2)",
}
ATRS = {
    "source_name": "UK Algorithmic Transparency Recording Standard",
    "licence": "OGL-UK-3.0",
    "attribution": "Contains public sector information licensed under the Open Government Licence v3.0 (GOV.UK ATRS)",
}
NL_REGISTER = {
    "source_name": "Algoritmeregister (NL)",
    "source_url": "https://algoritmes.overheid.nl/",
    "licence": "EUPL-1.2",
    "attribution": "Algoritmeregister van de Nederlandse overheid (Ministerie van BZK), EUPL-1.2",
}
NL_TEMPLATES = {
    "source_name": "Algoritmeregister (NL) – leveranciersmallar",
    "source_url": "https://github.com/MinBZK/Algoritmeregister",
    "licence": "EUPL-1.2",
    "attribution": "Algoritmeregister van de Nederlandse overheid (Ministerie van BZK), EUPL-1.2",
}

# Country names as the EU sources write them → ISO 3166-1 alpha-2 (the EU's own "EL"/"UK" normalised).
COUNTRIES = {
    "albania": "AL", "austria": "AT", "belgium": "BE", "bulgaria": "BG", "croatia": "HR", "cyprus": "CY",
    "czechia": "CZ", "czech republic": "CZ", "denmark": "DK", "estonia": "EE", "european union": "EU",
    "finland": "FI", "france": "FR", "germany": "DE", "greece": "GR", "hungary": "HU", "iceland": "IS",
    "ireland": "IE", "italy": "IT", "latvia": "LV", "lithuania": "LT", "luxembourg": "LU", "malta": "MT",
    "moldova": "MD", "montenegro": "ME", "netherlands": "NL", "north macedonia": "MK", "norway": "NO",
    "poland": "PL", "portugal": "PT", "romania": "RO", "serbia": "RS", "slovakia": "SK", "slovenia": "SI",
    "spain": "ES", "sweden": "SE", "switzerland": "CH", "ukraine": "UA", "united kingdom": "GB", "turkey": "TR",
    "bosnia and herzegovina": "BA", "liechtenstein": "LI", "kosovo": "XK",
}  # fmt: skip
NUTS_FIXES = {"EL": "GR", "UK": "GB"}


def country_code(name: str, nuts: str = "") -> str:
    code = COUNTRIES.get(name.strip().lower())
    if code:
        return code
    prefix = nuts.strip()[:2].upper()
    if re.fullmatch(r"[A-Z]{2}", prefix):
        return NUTS_FIXES.get(prefix, prefix)
    return "EU"


def _year(value: str) -> date | None:
    match = re.search(r"(19|20)\d\d", value or "")
    return date(int(match.group(0)), 1, 1) if match else None


def _link(title: str, url: Any) -> list[dict[str, str]]:
    url = str(url or "").strip()
    return [{"title": title, "url": url}] if url.startswith(("http://", "https://")) else []


def _org_note(name: str) -> str:
    return "\n\n" + _("Ansvarig organisation enligt källan: %(name)s") % {"name": name.strip()} if name.strip() else ""


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def _email(value: Any) -> str:
    """The first e-mail address in the text (sources put phone numbers or several addresses here)."""
    match = EMAIL.search(str(value or ""))
    return match.group(0)[:254] if match else ""


def _url(value: Any, default: str = "") -> str:
    text = str(value or "").strip()
    return text[:500] if re.match(r"https?://\S+$", text) else default


def _as_list(value: Any) -> list[str]:
    """AI Watch's CSV writes lists as Python literals ("['Sweden']")."""
    if isinstance(value, list):
        return [str(v) for v in value]
    text = str(value or "").strip()
    if text.startswith("["):
        try:
            parsed = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            parsed = [text.strip("[]'\"")]
        return [str(v) for v in parsed]
    return [text] if text else []


# ------------------------------------------------------------------ EU Public Sector Tech Watch (CSV)


def parse_pstw(data: bytes) -> ParseResult:
    rows = csv_rows(data)
    if rows and "PSTW ID" not in rows[0]:
        raise ImportFileError(
            _("Filen saknar kolumnen 'PSTW ID'; är det verkligen en fil från Public Sector Tech Watch?")
        )
    records, skipped = [], 0
    for number, row in enumerate(rows, start=2):
        row = {k.strip(): v for k, v in row.items()}
        if "artificial intelligence" not in row.get("Primary Technology", "").lower():
            skipped += 1  # Kraft registers AI initiatives; blockchain, VR, 5G … are left out
            continue
        text = f"{row['Name']} {row['Description']}"
        categories = " ".join(
            row.get(k, "")
            for k in (
                "Functions of Government (COFOG level I)",
                "Functions of Government (COFOG level II)",
                "Application type",
                "Process type",
            )
        )
        tech_categories = " ".join(
            row.get(k, "")
            for k in (
                "AI Keywords",
                "AI Classification Subdomain (II) (main)",
                "AI Classification Subdomain (II) (Other I)",
            )
        )
        organisation = row.get("Responsible organisation", "")
        values = {
            **PSTW,
            "title": shorten(row["Name"], 250),
            "summary": first_sentences(row["Description"]),
            "description": row["Description"].strip() + _org_note(organisation),
            "welfare_area": mapping.welfare_area(categories, text),
            "technique": mapping.technique(tech_categories, text),
            "stage": mapping.stage(row.get("Status", ""), default=mapping.Stage.PILOT),
            "start_date": _year(row.get("Start Year", "")),
            "end_date": _year(row.get("End Year", "")),
            "tags": [t.strip() for t in row.get("AI Keywords", "").split(",") if t.strip()][:10],
            "risk_class": mapping.risk_class(f"{text} {row.get('Application type', '')}"),
            "supplier": shorten(row.get("Company name or GovTech ID", ""), 200),
            "funding": shorten(row.get("Funding source", ""), 300),
            "links": _link(_("Webbplats"), row.get("Website")) + _link(_("Källa"), row.get("Source")),
            "country": country_code(row.get("Geographical coverage (country)", ""), row.get("NUTS 2021", "")),
            "source_id": row["PSTW ID"].strip(),
        }
        records.append(ImportRecord(row=number, values=values, lead=organisation))
    return ParseResult(records, skipped)


# ------------------------------------------------------------------ EU AI Watch (JSON or CSV)


def parse_aiwatch(data: bytes) -> ParseResult:
    head = data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1]
    if head in (b"[", b"{"):
        items = json_data(data)
        if isinstance(items, dict):
            items = items.get("results") or items.get("cases") or []
        first_row = 1
    else:
        items = csv_rows(data)
        first_row = 2
    if not isinstance(items, list):
        raise ImportFileError(_("Filen ska innehålla en lista med fall."))
    records = []
    for number, item in enumerate(items, start=first_row):
        if not isinstance(item, dict) or "name" not in item:
            raise ImportFileError(
                _("Post %(row)s saknar fältet 'name'; är det en fil från AI Watch?") % {"row": number}
            )
        countries = _as_list(item.get("geocoverage"))
        text = f"{item['name']} {item.get('description', '')}"
        organisation = str(item.get("lead_organisation_name") or "")
        values = {
            **AIWATCH,
            "title": shorten(item["name"], 250),
            "summary": first_sentences(item.get("description", "")),
            "description": str(item.get("description", "")).strip() + _org_note(organisation),
            "welfare_area": mapping.welfare_area(
                f"{item.get('primary_sector', '')} {item.get('secondary_sector', '')}", text
            ),
            "technique": mapping.technique(str(item.get("technology", "")), text),
            # AI Watch gives every case the same placeholder start date and "Unknown" status: neither is used.
            "stage": mapping.stage(str(item.get("status", "")), default=mapping.Stage.PILOT),
            "risk_class": mapping.risk_class(text),
            "links": _link(_("Webbplats"), item.get("url")),
            "country": country_code(countries[0] if len(countries) == 1 else "european union"),
            "source_id": slugify(item["name"])[:200],
            "contact_email": "",
        }
        records.append(ImportRecord(row=number, values=values, lead=organisation))
    return ParseResult(records)


# ------------------------------------------------------------------ UK ATRS (JSON)


def parse_atrs(data: bytes) -> ParseResult:
    payload = json_data(data)
    items = payload.get("records") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise ImportFileError(_("Filen ska innehålla en lista 'records' med ATRS-poster."))
    records = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("url"):
            raise ImportFileError(_("Post %(row)s saknar fältet 'url'; är det en ATRS-fil?") % {"row": number})
        description = str(item.get("description") or "")
        body = str(item.get("publishing_body") or "")
        text = f"{item.get('tool_name', '')} {description}"
        values = {
            **ATRS,
            "title": shorten(str(item.get("tool_name") or item.get("title") or ""), 250),
            "summary": first_sentences(description),
            "description": description + _org_note(body),
            "welfare_area": mapping.welfare_area("", text),
            "technique": mapping.technique("", text),
            "stage": mapping.stage(description, default=mapping.Stage.IN_USE),
            "risk_class": mapping.risk_class(text),
            "tags": [shorten(o, 60) for o in item.get("listed_organisations") or []][:5],
            "country": "GB",
            "source_id": str(item["url"]).rstrip("/").rsplit("/", 1)[-1][:200],
            "source_url": _url(item["url"]),
        }
        records.append(ImportRecord(row=number, values=values, lead=body))
    return ParseResult(records)


# ------------------------------------------------------------------ Dutch algorithm register (CSV)


def parse_nl_register(data: bytes) -> ParseResult:
    rows = csv_rows(data)
    if rows and not {"name", "organization", "uuid"} <= set(rows[0]):
        raise ImportFileError(_("Filen saknar kolumnerna name, organization och uuid från det nederländska registret."))
    records = []
    for number, row in enumerate(rows, start=2):
        text = " ".join(row.get(k, "") for k in ("name", "description_short", "description", "goal"))
        publiccode = row.get("publiccode", "").strip()
        values = {
            **NL_REGISTER,
            "title": shorten(row["name"], 250),
            "summary": first_sentences(row.get("description_short") or row.get("description", "")),
            "description": row.get("description", "").strip()
            + _org_note(" – ".join(p for p in (row.get("organization", ""), row.get("department", "")) if p)),
            "problem": row.get("goal", "").strip(),
            "welfare_area": mapping.welfare_area(row.get("category", ""), text),
            "technique": mapping.technique(row.get("type", ""), text),
            "stage": mapping.stage(row.get("status", ""), default=mapping.Stage.IN_USE),
            "risk_class": mapping.risk_class(text),
            "data_description": row.get("source_data", "").strip(),
            "legal_basis": row.get("lawful_basis", "").strip(),
            "human_oversight": row.get("human_intervention", "").strip(),
            "uses_personal_data": True if row.get("dpia", "").strip().lower() in {"ja", "yes", "true"} else None,
            "open_source_url": _url(publiccode),
            "links": _link(_("Webbplats"), row.get("website")) + _link(_("Tjänst"), row.get("application_url")),
            "contact_email": _email(row.get("contact_email")),
            "country": "NL",
            "source_id": (row.get("uuid") or row.get("id", "")).strip()[:200],
            "source_url": _url(row.get("url")) or _url(row.get("website"), NL_REGISTER["source_url"]),
        }
        records.append(ImportRecord(row=number, values=values, lead=row.get("organization", "")))
    return ParseResult(records)


# ------------------------------------------------------------------ Dutch supplier templates (JSON)


def parse_nl_templates(data: bytes) -> ParseResult:
    items = json_data(data)
    if not isinstance(items, list):
        raise ImportFileError(_("Filen ska innehålla en lista med leverantörsmallar."))
    records = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("name"):
            raise ImportFileError(_("Post %(row)s saknar fältet 'name'; är det en mallfil?") % {"row": number})
        goal = plain_text(item.get("goal"))
        methods = plain_text(item.get("methods_and_models"))
        text = " ".join([str(item["name"]), plain_text(item.get("description_short")), goal, methods])
        categories = " ".join(item.get("category") or []) + " " + str(item.get("publication_category") or "")
        tags = [t.strip() for t in re.split(r"[,;]", plain_text(item.get("tags"))) if t.strip()]
        values = {
            **NL_TEMPLATES,
            "record_type": "supplier_template",
            "title": shorten(str(item["name"]), 250),
            "summary": first_sentences(plain_text(item.get("description_short"))),
            "description": "\n\n".join(p for p in (goal, methods) if p),
            "problem": plain_text(item.get("proportionality")),
            "welfare_area": mapping.welfare_area(categories, text),
            "technique": mapping.technique(f"{item.get('type') or ''} {methods}", text),
            "stage": mapping.stage(str(item.get("status") or ""), default=mapping.Stage.IN_USE),
            "risk_class": mapping.risk_class(text),
            "supplier": shorten(str(item.get("provider") or item.get("_template_source") or ""), 200),
            "product": shorten(str(item["name"]), 200),
            "legal_basis": plain_text(item.get("lawful_basis")),
            "human_oversight": plain_text(item.get("human_intervention")),
            "data_description": plain_text(item.get("source_data")),
            "tags": [shorten(t, 60) for t in tags][:10],
            "links": _link(_("Webbplats"), item.get("url") or item.get("website")),
            "contact_email": _email(item.get("contact_email")),
            "country": "NL",
            "source_id": str(item.get("id") or slugify(item["name"]))[:200],
        }
        records.append(ImportRecord(row=number, values=values, lead=""))
    return ParseResult(records)
