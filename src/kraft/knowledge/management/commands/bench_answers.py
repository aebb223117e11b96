"""``kraft bench answers --corpus FILE|DIR --questions FILE [--json] [--limit N] [--details FILE] [--fresh] [--learn]``

Runs in a database of its own, never the real one. By default that database is kept between runs, keyed by the
corpus's content (and the configured embedder): a second run over the same corpus with the same ingestion and
analysis code answers at once instead of importing ~20,000 paragraphs again; when that code has changed, the
library is imported again in the same database (stored vectors are still found by content, so nothing is embedded
twice). ``--fresh`` uses a throwaway database instead, created and dropped like the test runner's.
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
        parser.add_argument("--details", help="skriv en JSON-rad per fråga till den här filen")
        parser.add_argument("--fresh", action="store_true", help="läs in korpusen på nytt i en tillfällig databas")
        parser.add_argument(
            "--learn",
            action="store_true",
            help="låt simulerade frågare först peka ut rätt källa för den udda halvan (inlärning från återkoppling)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from kraft.knowledge.answers import bench_cache

        corpus_path, questions_path = Path(options["corpus"]), Path(options["questions"])
        for path in (corpus_path, questions_path):
            if not path.exists():
                raise CommandError(f"Filen finns inte: {path}")
        keep = not options["fresh"]
        with tempfile.TemporaryDirectory(prefix="kraft-bench-") as folder:
            database = settings.DATABASES["default"]
            test_settings = database.setdefault("TEST", {})
            if keep:
                test_settings["NAME"] = bench_cache.database_name(database, corpus_path)
            elif database["ENGINE"].endswith("sqlite3"):
                test_settings["NAME"] = str(Path(folder) / "bench.sqlite3")
            with override_settings(MEDIA_ROOT=folder, TASKS=IMMEDIATE_TASKS):
                old = setup_databases(verbosity=0, interactive=False, keepdb=keep)
                try:
                    report = self._run(corpus_path, questions_path, options)
                finally:
                    teardown_databases(old, verbosity=0, keepdb=keep)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=None if options["json"] else 2))

    def _run(self, corpus_path: Path, questions_path: Path, options: dict[str, Any]) -> dict[str, Any]:
        from kraft.knowledge.answers import bench, bench_cache, bench_learning, bench_scoring

        quiet = options["json"]
        actor, _created = get_user_model().objects.get_or_create(username="bench", defaults={"is_staff": True})
        if not quiet:
            self.stderr.write(f"Läser in {corpus_path} …")
        corpus = bench_cache.load_or_reuse(actor, corpus_path, reuse=not options["fresh"])
        questions = bench.load_questions(questions_path, options.get("limit"), options["seed"])
        if not quiet:
            reused = " (återanvänd)" if corpus.reused else ""
            self.stderr.write(f"{corpus.passages} avsnitt på {corpus.seconds:.1f} s{reused}; {len(questions)} frågor …")

        def progress(done: int, total: int) -> None:
            if not quiet and (done % 250 == 0 or done == total):
                sys.stderr.write(f"  {done}/{total}\n")

        learnt: dict[str, int] | None = None
        askers: list[Any] = []
        if options.get("learn"):
            askers, learnt = bench_learning.teach(corpus, questions)
        try:
            records = bench_scoring.score_all(corpus, questions, progress)
        finally:
            if askers:
                bench_learning.forget(askers)
        if options.get("details"):
            with open(options["details"], "w", encoding="utf-8") as out:
                out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
        report = bench_scoring.report(corpus, records)
        report["corpus"]["reused"] = corpus.reused
        if learnt is not None:
            report["learning"] = learnt
        report["command"] = " ".join(["kraft bench answers", *sys.argv[3:]]) if len(sys.argv) > 3 else ""
        return report
