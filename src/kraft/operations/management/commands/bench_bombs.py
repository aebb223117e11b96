"""``kraft bench bombs``: ZIP bombs (DOCX, ODT, XLSX) through upload sniffing and parsing: time and peak memory."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kraft.operations import bombs


class Command(BaseCommand):
    help = "ZIP-bomber genom uppladdningens formatkontroll och inläsningen: tid och högsta minnesanvändning"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unpacked-mb", type=int, default=300, help="hur stort varje bomb packas upp till")
        parser.add_argument("--json", action="store_true", help="(standard) skriv JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(json.dumps({"bombs": bombs.run(options["unpacked_mb"])}, ensure_ascii=False, indent=2))
