"""``kraft bench answers --corpus FILE|DIR --questions FILE [--json] [--limit N]``

Runs in a throwaway database (created and dropped like the test runner's), so the benchmark never touches real data.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings, setup_databases, teardown_databases

IMMEDIATE_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "ingest"]}
}


class Command(BaseCommand):
    help = "Mät svaren (samma kod som frågesidan) på en korpus och en frågefil; skriver JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--corpus", required=True, help="JSONL med {id,text,title} eller en mapp med författningar")
        parser.add_argument("--questions", required=True, help="JSONL med {id,text,answers,relevant}")
        parser.add_argument("--json", action="store_true", help="skriv bara JSON")
        parser.add_argument("--limit", type=int, help="ett deterministiskt urval av så många frågor")
        parser.add_argument("--seed", type=int, default=13)

    def handle(self, *args: Any, **options: Any) -> None:
        corpus_path, questions_path = Path(options["corpus"]), Path(options["questions"])
        for path in (corpus_path, questions_path):
            if not path.exists():
                raise CommandError(f"Filen finns inte: {path}")
        with tempfile.TemporaryDirectory(prefix="kraft-bench-") as folder:
            database = settings.DATABASES["default"]
            if database["ENGINE"].endswith("sqlite3"):
                database.setdefault("TEST", {})["NAME"] = str(Path(folder) / "bench.sqlite3")
            with override_settings(MEDIA_ROOT=folder, TASKS=IMMEDIATE_TASKS):
                old = setup_databases(verbosity=0, interactive=False)
                try:
                    report = self._run(corpus_path, questions_path, options)
                finally:
                    teardown_databases(old, verbosity=0)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=None if options["json"] else 2))

    def _run(self, corpus_path: Path, questions_path: Path, options: dict[str, Any]) -> dict[str, Any]:
        from kraft.knowledge.answers import bench

        quiet = options["json"]
        actor = get_user_model().objects.create_user("bench", is_staff=True)
        if not quiet:
            self.stderr.write(f"Läser in {corpus_path} …")
        corpus = bench.load_corpus(actor, corpus_path)
        questions = bench.load_questions(questions_path, options.get("limit"), options["seed"])
        if not quiet:
            self.stderr.write(f"{corpus.passages} avsnitt på {corpus.seconds:.1f} s; {len(questions)} frågor …")

        def progress(done: int, total: int) -> None:
            if not quiet and (done % 250 == 0 or done == total):
                sys.stderr.write(f"  {done}/{total}\n")

        report = bench.evaluate(corpus, questions, progress)
        report["command"] = " ".join(["kraft bench answers", *sys.argv[3:]]) if len(sys.argv) > 3 else ""
        return report
