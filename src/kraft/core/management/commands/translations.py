"""Extracts, checks and compiles the English translations of every Kraft app.

Swedish is the source language of the interface; each app keeps its English catalogue in
``<app>/locale/en/LC_MESSAGES/django.po`` next to its code, so apps can be translated independently.

    kraft manage translations            # extract new strings, then compile
    kraft manage translations --check    # fail if any string lacks an English translation
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib
from django.core.management.base import BaseCommand, CommandError

import kraft

ROOT = Path(kraft.__file__).resolve().parent


def app_dirs() -> list[Path]:
    return sorted(p for p in ROOT.iterdir() if (p / "apps.py").exists())


class Command(BaseCommand):
    help = "Extrahera, kontrollera och kompilera de engelska översättningarna."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--check", action="store_true", help="kontrollera bara att allt är översatt")
        parser.add_argument("--app", action="append", help="bara denna app (kan upprepas), t.ex. --app initiatives")

    def handle(self, *args: object, check: bool = False, app: list[str] | None = None, **options: object) -> None:
        problems: list[str] = []
        selected = [d for d in app_dirs() if not app or d.name in app]
        for app_dir in selected:
            po_path = app_dir / "locale" / "en" / "LC_MESSAGES" / "django.po"
            if not check:
                (app_dir / "locale").mkdir(exist_ok=True)
                self._extract(app_dir)
            if not po_path.exists():
                continue
            catalogue = polib.pofile(str(po_path))
            if not check:
                self._drop_fuzzy_guesses(catalogue)
            for entry in catalogue:
                if entry.obsolete:
                    continue
                if "fuzzy" in entry.flags or not entry.translated():
                    problems.append(f"{po_path.relative_to(ROOT)}:{entry.linenum}: {entry.msgid[:70]!r}")
            if not check:
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        if problems:
            self.stderr.write("Saknar engelsk översättning:\n  " + "\n  ".join(problems))
            if check:
                raise CommandError(f"{len(problems)} strängar saknar översättning.")
        else:
            self.stdout.write("Alla strängar är översatta.")

    @staticmethod
    def _drop_fuzzy_guesses(catalogue: polib.POFile) -> None:
        """msgmerge guesses a translation from a similar string; a wrong guess is worse than an empty one."""
        for entry in catalogue:
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.msgstr = ""
                entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")  # plural guesses too
                entry.previous_msgid = None
                entry.previous_msgid_plural = None  # msgmerge refuses a "#| msgid_plural" left alone
        catalogue.save()

    def _extract(self, app: Path) -> None:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kraft.settings"}
        subprocess.run(
            [
                sys.executable,
                "-P",
                "-m",
                "django",
                "makemessages",
                "-l",
                "en",
                "--no-obsolete",
                "--no-location",
                "-i",
                "migrations/*",
                "-i",
                "tests/*",
            ],
            cwd=app,
            env=env,
            check=True,
            capture_output=True,
        )
