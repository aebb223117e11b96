"""``kraft manage backup PATH``: the database and uploaded files in one checked archive (see operations.backup)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kraft.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Säkerhetskopiera databasen och uppladdade filer till ett arkiv (.tar.gz) med manifest och kontrollsummor"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="arkivet som skapas, t.ex. kraft-2026-12-02.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup(options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(
            f"Säkerhetskopia skriven: {options['path']} ({manifest['database']}, {len(manifest['files'])} filer, "
            f"{size / 1024 / 1024:.1f} MB före komprimering)"
        )
