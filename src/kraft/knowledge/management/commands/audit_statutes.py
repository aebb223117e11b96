"""``kraft manage audit_statutes``: what the statute importer repairs in the bundled statutes, and what it cannot.

Reads every statute file (default: the bundled ones in ``knowledge/data/law`` and the EU regulations in
``knowledge/data/law-eu``) through the importer's own parsers – nothing is written – and lists per statute the
paragraphs it re-derived from the text and the places where the source has no text.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kraft.knowledge.demo import EU_LAW_DIR, LAW_DIR
from kraft.knowledge.ingestion import IngestionError, detect_format, parse
from kraft.knowledge.structure_notes import REPAIR_KINDS, gap_message, repair_label


class Command(BaseCommand):
    help = "Granskar författningarnas struktur: vad inläsningen rättar och var källan saknar text."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", help="filer eller mappar (standard: de medföljande författningarna)")
        parser.add_argument("--details", action="store_true", help="lista varje rättelse")
        parser.add_argument("--json", action="store_true", help="skriv JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        files = _files([Path(p) for p in options["paths"]] or [LAW_DIR, EU_LAW_DIR])
        if not files:
            raise CommandError("Inga författningar hittades.")
        audits = [audit for path in files if (audit := _audit(path)) is not None]
        if options["json"]:
            self.stdout.write(json.dumps({"statutes": audits, "totals": _totals(audits)}, ensure_ascii=False))
            return
        for audit in audits:
            self._write(audit, options["details"])
        totals = _totals(audits)
        repaired = ", ".join(f"{kind} {count}" for kind, count in totals["repairs"].items())
        self.stdout.write(
            f"\nSammanlagt {totals['statutes']} författningar, {totals['passages']} paragrafer/artiklar; "
            f"rättelser: {repaired or 'inga'}; ställen där text saknas: {totals['gaps']}."
        )

    def _write(self, audit: dict[str, Any], details: bool) -> None:
        counts = Counter(r["kind"] for r in audit["repairs"])
        self.stdout.write(
            f"{audit['title']} [{audit['file']}]: {audit['units']} paragrafer/artiklar, "
            f"{len(audit['repairs'])} rättelser, {len(audit['gaps'])} ställen utan text"
        )
        for kind in REPAIR_KINDS:
            if counts[kind]:
                self.stdout.write(f"  rättat: {repair_label(kind, counts[kind])}")
                if details:
                    places = [r["detail"] for r in audit["repairs"] if r["kind"] == kind]
                    self.stdout.write("    " + "; ".join(places))
        for gap in audit["gaps"]:
            self.stdout.write(f"  saknas: {gap_message(gap)}")


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.glob("*.json") if p.name != "swedish.json")
        elif path.is_file():
            found.append(path)
    return found


def _audit(path: Path) -> dict[str, Any] | None:
    data = path.read_bytes()
    try:
        if detect_format(data, path.name) not in ("statute", "eu_regulation"):
            return None
        parsed = parse(data, path.name)
    except IngestionError:
        return None
    return {
        "file": path.name,
        "title": parsed.title,
        "number": parsed.sfs_number,
        "units": len({(b.chapter, b.section, b.article, b.paragraph, b.point, b.recital) for b in parsed.blocks}),
        "repairs": parsed.structure.get("repairs", []),
        "gaps": parsed.structure.get("gaps", []),
    }


def _totals(audits: list[dict[str, Any]]) -> dict[str, Any]:
    repairs = Counter(r["kind"] for audit in audits for r in audit["repairs"])
    return {
        "statutes": len(audits),
        "passages": sum(audit["units"] for audit in audits),
        "repairs": {kind: repairs[kind] for kind in REPAIR_KINDS if repairs[kind]},
        "gaps": sum(len(audit["gaps"]) for audit in audits),
    }
