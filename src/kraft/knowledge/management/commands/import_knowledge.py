"""``kraft manage import_knowledge LIBRARY PATH …``: files or folders into a library, read at once.

Statute JSON files become statutes (a changed file replaces the earlier version of the same SFS number); other
files are read like uploads. Files already in the library (same content) are skipped. Audited as "system".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kraft.knowledge import services
from kraft.knowledge.ingestion.sniff import EXTENSIONS
from kraft.knowledge.models import Document, Library


class Command(BaseCommand):
    help = "Läser in filer eller mappar (PDF, DOCX, ODT, HTML, Markdown, text, författnings-JSON) i ett bibliotek."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("library", help="bibliotekets id eller exakta namn")
        parser.add_argument("paths", nargs="+", help="filer eller mappar")
        parser.add_argument("--kind", choices=[k.value for k in Document.Kind], default=Document.Kind.GUIDANCE)

    def handle(self, *args: Any, **options: Any) -> None:
        library = self._library(options["library"])
        files = self._files([Path(p) for p in options["paths"]])
        failed = 0
        for number, path in enumerate(files, start=1):
            try:
                if path.suffix.lower() == ".json":
                    document = services.import_statute(library, path)
                else:
                    document = services.import_document(library, path.read_bytes(), path.name, kind=options["kind"])
            except ValidationError as error:
                failed += 1
                self.stderr.write(f"[{number}/{len(files)}] {path}: {' '.join(error.messages)}")
                continue
            if document.status == Document.Status.FAILED:
                failed += 1
                self.stderr.write(f"[{number}/{len(files)}] {path}: {document.error}")
            else:
                self.stdout.write(f"[{number}/{len(files)}] {document.title}: {document.passage_count} avsnitt")
        self.stdout.write(f"Klart: {len(files) - failed} inlästa, {failed} misslyckade.")
        if failed:
            raise CommandError(f"{failed} filer kunde inte läsas in.")

    def _library(self, value: str) -> Library:
        found = Library.objects.filter(pk=int(value)).first() if value.isdigit() else None
        found = found or Library.objects.filter(name=value).first()
        if found is None:
            raise CommandError(f"Biblioteket {value!r} finns inte.")
        return found

    def _files(self, paths: list[Path]) -> list[Path]:
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in EXTENSIONS)
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{path} finns inte.")
        return files
