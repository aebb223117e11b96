"""``kraft manage check_rules [FILE …]``: validate the triage rules files (schema and logic) before publishing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kraft.triage import rules, validation


class Command(BaseCommand):
    help = (
        "Kontrollerar regelfilerna för AI-förordningens triage mot schemat och deras logik: hänvisningar som "
        "saknas, frågor och slutsatser som inte går att nå, slingor och 'vet inte' som inte leder till oklart."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", help="Regelfiler (standard: alla ai-act-*.yaml i regelmappen)")
        parser.add_argument("--paths", action="store_true", help="Skriv ut en väg till varje slutsats")

    def handle(self, *args: Any, **options: Any) -> None:
        files = [Path(f) for f in options["files"]] or rules.rule_files()
        if not files:
            raise CommandError(f"Inga regelfiler i {rules.rules_dir()}.")
        failed = 0
        for path in files:
            failed += self._check(path, options["paths"])
        if failed:
            raise CommandError(f"{failed} av {len(files)} regelfiler har fel.")
        self.stdout.write(self.style.SUCCESS(f"{len(files)} regelfiler utan fel."))

    def _check(self, path: Path, show_paths: bool) -> int:
        try:
            raw = rules.read_raw(path)
        except rules.RulesError as exc:
            return self._fail(path, exc.problems)
        problems = rules.schema_problems(raw)
        if problems:
            return self._fail(path, problems)
        rule_set = rules.build(raw, str(path))
        report = validation.check(rule_set)
        if report.problems:
            return self._fail(path, report.problems)
        self.stdout.write(
            f"{path}: version {rule_set.version} – {len(rule_set.questions)} frågor, "
            f"{len(rule_set.conclusions)} slutsatser, {len(rule_set.obligations)} skyldigheter; "
            f"alla frågor och slutsatser nås."
        )
        english = rules.translation_path(path, "en")
        if english.exists():
            text = rules.read_raw(english)
            problems = validation.check_translation(rule_set, text)
            if problems:
                return self._fail(english, problems)
            missing = validation.missing_translation(rule_set, text)
            self.stdout.write(
                f"  engelska: {len(missing)} texter saknas (visas på svenska)" if missing else "  engelska: komplett"
            )
        else:
            self.stdout.write("  engelska: ingen översättning (texterna visas på svenska)")
        if show_paths:
            for conclusion, steps in sorted(report.paths.items()):
                trail = " → ".join(f"{q}={a}" for q, a in steps)
                self.stdout.write(f"  {conclusion}: {trail}")
        return 0

    def _fail(self, path: Path, problems: list[str]) -> int:
        self.stderr.write(self.style.ERROR(f"{path}: {len(problems)} fel"))
        for problem in problems:
            self.stderr.write(f"  - {problem}")
        return 1
