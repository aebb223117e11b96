"""``kraft bench retrieval``: retrieval quality and speed, measured through the product's own search backend.

With ``--queries``: nDCG@10, MRR@10 and recall@1/5/10 for each mode, next to plain BM25 and BM25 with Snowball
stemming computed by the same evaluation code in the same run. Without ``--queries`` (a ``.tar.gz`` of Markdown
pages): chunks the pages as the knowledge libraries do, indexes them, and reports throughput and query latency.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kraft.search import bench
from kraft.search.evaluation import read_corpus, read_queries

MODES = ("lexical", "dense", "hybrid")


class Command(BaseCommand):
    help = "Mäter sökningens träffsäkerhet och hastighet (nDCG@10, MRR@10, recall, latens)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--corpus", required=True, help="JSONL {id, text, title?} eller .tar.gz med Markdown-sidor")
        parser.add_argument("--queries", help="JSONL {id, text, relevant: [id]}")
        parser.add_argument("--mode", choices=[*MODES, "all"], default="lexical")
        parser.add_argument("--backend", default="default", help="Namn i SEARCH_BACKENDS (standard: default).")
        parser.add_argument(
            "--database",
            default="temp",
            help="'temp' (standard): en tillfällig SQLite-fil; annars ett alias i DATABASES, t.ex. default.",
        )
        parser.add_argument("--limit", type=int, help="Bara de N första sidorna (korpus i .tar.gz).")
        parser.add_argument(
            "--workers", type=int, default=2, help="Processer för textanalysen vid indexering av sidor (standard 2)."
        )
        parser.add_argument("--no-baselines", action="store_true", help="Hoppa över BM25-jämförelserna.")
        parser.add_argument("--json", action="store_true", help="Skriv bara JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        modes = list(MODES) if options["mode"] == "all" else [options["mode"]]
        if options["database"] == "temp":
            with bench.throwaway_sqlite() as alias:
                report = self.run(alias, modes, options)
        else:
            report = self.run(options["database"], modes, options)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=None if options["json"] else 2))

    def run(self, database: str, modes: list[str], options: dict[str, Any]) -> dict[str, Any]:
        backend = bench.make_backend(options["backend"], database)
        if any(mode != "lexical" for mode in modes) and backend.embedder() is None:
            raise CommandError(
                "Täta lägen (dense/hybrid) kräver en inbäddningsmodell: KRAFT_EMBEDDER eller KRAFT_EMBEDDINGS_URL."
            )
        report: dict[str, Any] = {"backend": type(backend).__name__, "corpus": options["corpus"]}
        if options["queries"]:
            docs = read_corpus(options["corpus"])
            queries = read_queries(options["queries"])
            result = bench.evaluate(backend, docs, queries, modes, baselines=not options["no_baselines"])
            report.update(result)
            first = result[modes[0]]
            report.update({key: first[key] for key in first})  # the requested mode's figures at the top level
            return report

        def progress(pages: int, passages: int) -> None:
            if not options["json"]:
                print(f"  {pages} sidor, {passages} passager …", file=sys.stderr, flush=True)

        report.update(
            bench.scale(
                backend,
                options["corpus"],
                limit=options["limit"],
                modes=modes,
                progress=progress,
                workers=options["workers"],
            )
        )
        return report
