"""``kraft manage restore PATH``: put a backup made by ``kraft manage backup`` back (checked before writing)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kraft.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Återställ en säkerhetskopia från kraft manage backup till databasen och mappen för uppladdade filer"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--force", action="store_true", help="skriv över en databas som redan har data")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore(options["path"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        call_command("migrate", interactive=False, verbosity=0)  # a backup from an older Kraft is brought up to date
        self.stdout.write(
            f"Återställd: säkerhetskopia från {manifest['created_at']} (Kraft {manifest['kraft_version']}, "
            f"{len(manifest['files'])} filer kontrollerade)"
        )
