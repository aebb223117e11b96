"""Demo data for the knowledge support: the national library "Svensk lag" with the bundled statutes and EU
regulations (GDPR, the AI Act), and a
private library of Sundsvalls kommun with a small guidance document (so that privacy can be shown).

Idempotent: statutes already imported with the same content are skipped; a changed file becomes a new version.
Statutes are ingested synchronously here, with progress printed, so the demo can answer at once.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from kraft.knowledge import services
from kraft.knowledge.models import Document, Library
from kraft.organisations.models import Organisation

LAW_DIR = Path(__file__).resolve().parent / "data" / "law"
EU_LAW_DIR = Path(__file__).resolve().parent / "data" / "law-eu"
NATIONAL_NAME = "Svensk lag"
NATIONAL_DESCRIPTION = (
    "Svenska författningar paragraf för paragraf, bland dem socialtjänstlagen, kommunallagen, förvaltningslagen, "
    "offentlighets- och sekretesslagen och tryckfrihetsförordningen, och EU:s dataskyddsförordning och "
    "AI-förordning artikel för artikel. Texten kommer från Riksdagen (via Ansvar-Systems/swedish-law-mcp) och "
    "EUR-Lex (via Ansvar-Systems/EU_compliance_MCP); kontrollera alltid mot gällande lydelse."
)
PRIVATE_NAME = "Sundsvalls interna riktlinjer"
GUIDANCE_NAME = "riktlinje-utlamnande-av-allmanna-handlingar.md"
GUIDANCE = """# Riktlinje för utlämnande av allmänna handlingar

Riktlinjen gäller alla förvaltningar i Sundsvalls kommun. Den kompletterar tryckfrihetsförordningen och
offentlighets- och sekretesslagen och är ett internt stöd för handläggare.

## Handläggning

En begäran om att få ta del av en allmän handling ska registreras samma dag som den kommer in. Handlingen
lämnas ut samma dag eller senast inom två arbetsdagar om en sekretessprövning behövs.

Vid tveksamhet om sekretess kontaktas kommunens jurist på telefon 060-19 10 00.

## Avgifter

| Kopior | Avgift |
|---|---|
| 1–9 sidor | Ingen avgift |
| 10 sidor | 50 kronor |
| Varje sida därutöver | 2 kronor |
"""


def statute_files(folder: Path = LAW_DIR) -> list[Path]:
    """The statute files of a folder (JSON objects with ``provisions``), in name order."""
    return [path for path, data in _json_files(folder) if data.get("provisions")]


def eu_law_files(folder: Path = EU_LAW_DIR) -> list[Path]:
    """The EU regulations of a folder (JSON objects with ``celex_id`` and ``articles``), in name order."""
    return [path for path, data in _json_files(folder) if data.get("celex_id") and data.get("articles")]


def _json_files(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            found.append((path, data))
    return found


def national_library() -> Library:
    library = Library.objects.filter(organisation__isnull=True, name=NATIONAL_NAME).first()
    if library is None:
        library = Library.objects.create(
            name=NATIONAL_NAME, description=NATIONAL_DESCRIPTION, visibility=Library.Visibility.PUBLIC
        )
    return library


def load_statutes(stdout: Any, folder: Path = LAW_DIR, eu_folder: Path | None = EU_LAW_DIR) -> Library:
    library = national_library()
    paths = statute_files(folder) + (eu_law_files(eu_folder) if eu_folder is not None else [])
    started = time.perf_counter()
    for number, path in enumerate(paths, start=1):
        document = services.import_statute(library, path)
        state = "" if document.status == Document.Status.READY else f" – {document.get_status_display()}"
        stdout.write(f"  [{number}/{len(paths)}] {document.title}: {document.passage_count} avsnitt{state}\n")
    passages = library.passages.count()
    stdout.write(
        f"  {library.name}: {len(paths)} författningar, {passages} avsnitt på {time.perf_counter() - started:.1f} s\n"
    )
    return library


def load_private_library(stdout: Any) -> Library | None:
    sundsvall = Organisation.objects.filter(kind=Organisation.Kind.KOMMUN, name="Sundsvalls kommun").first()
    if sundsvall is None:
        return None
    library = Library.objects.filter(organisation=sundsvall, name=PRIVATE_NAME).first()
    if library is None:
        library = Library.objects.create(
            name=PRIVATE_NAME,
            description="Sundsvalls kommuns egna rutiner. Bara kommunens medlemmar i Kraft kan läsa dem.",
            organisation=sundsvall,
            visibility=Library.Visibility.ORGANISATION,
        )
    services.import_document(library, GUIDANCE.encode(), GUIDANCE_NAME, kind=Document.Kind.GUIDANCE)
    stdout.write(f"  {PRIVATE_NAME}: privat bibliotek för Sundsvalls kommun\n")
    return library


def load(stdout: Any) -> None:
    stdout.write("Kunskapsstöd: läser in författningar …\n")
    load_statutes(stdout)
    load_private_library(stdout)
