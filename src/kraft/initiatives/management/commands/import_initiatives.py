"""``kraft manage import_initiatives FILE --format … [--dry-run] [--organisation ID]``: prints the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kraft.initiatives import importers
from kraft.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Importerar initiativ från en fil: Krafts eget format (CSV/JSON/XLSX) eller de offentliga registren "
        "(pstw, aiwatch, atrs, nl_register, nl_templates). Allt eller inget: vid minsta fel sparas ingenting."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", required=True, choices=sorted(importers.FORMATS))
        parser.add_argument("--dry-run", action="store_true", help="kontrollera bara; spara ingenting")
        parser.add_argument(
            "--organisation", type=int, help="id på organisationen för rader vars organisation inte hittas"
        )
        parser.add_argument("--limit", type=int, help="importera bara de första N raderna")
        parser.add_argument("--json", action="store_true", help="skriv rapporten som JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen finns inte: {path}")
        fallback = None
        if options["organisation"]:
            fallback = Organisation.objects.filter(pk=options["organisation"]).first()
            if fallback is None:
                raise CommandError(f"Ingen organisation med id {options['organisation']}.")
        try:
            report = importers.run_import(
                path.read_bytes(),
                options["format"],
                actor=f"import:{options['format']}",
                fallback=fallback,
                dry_run=options["dry_run"],
                filename=path.name,
                limit=options["limit"],
            )
        except importers.ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
        else:
            self._print(report)
        if report.errors:
            raise CommandError(f"{len(report.errors)} fel – ingenting importerades.")

    def _print(self, report: importers.ImportReport) -> None:
        verb = "Provkörning" if report.dry_run else ("Importerat" if report.committed else "Inte importerat")
        self.stdout.write(
            f"{verb} ({report.format}): {report.rows} rader, {report.to_create} nya, {report.to_update} uppdaterade, "
            f"{report.skipped} överhoppade, {report.linked_swedish} svenska kopplade till organisation, "
            f"{len(report.errors)} fel, {len(report.warnings)} varningar."
        )
        for problem in report.problems:
            marker = "FEL" if problem.severity == importers.base.ERROR else "varning"
            self.stdout.write(f"  [{marker}] {problem}")
        for note in report.notes:
            self.stdout.write(f"  {note}")
