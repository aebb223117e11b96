"""``kraft bench similar``: quality of the matching through the engine that serves the pages (JSON).

kraft bench similar --corpus C.jsonl --queries Q.jsonl --json
kraft bench similar --pairs P.jsonl --json
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kraft.matchmaking import bench
from kraft.matchmaking.engine import Item


class Command(BaseCommand):
    help = "Mäter matchningens träffsäkerhet (nDCG@10, precision@5, recall@10, Spearman) med BM25 som jämförelse."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--corpus", help="JSONL {id, text, title?, language?, country?}")
        parser.add_argument("--queries", help="JSONL {id, text, relevant: [id], exclude: [id]}")
        parser.add_argument("--pairs", help="JSONL {sentence_1, sentence_2, label}")
        parser.add_argument("--language", default="auto", choices=["auto", "sv", "nl", "en"])
        parser.add_argument(
            "--mode", default="auto", choices=["auto", "lexical"], help="lexical: utan inbäddningsmodell"
        )
        parser.add_argument("--json", action="store_true", help="Skriv bara JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        from kraft.search.embedders import get_embedder

        embedder = None if options["mode"] == "lexical" else get_embedder()
        report: dict[str, Any] = {"embedder": type(embedder).__name__ if embedder else None}
        if options["pairs"]:
            embed = (lambda texts: embedder.embed_documents(texts)) if embedder else None
            language = "sv" if options["language"] == "auto" else options["language"]
            report["pairs"] = bench.pairs_report(options["pairs"], embed=embed, language=language)
        elif options["corpus"] and options["queries"]:
            arguments = (options["corpus"], options["queries"])
            if embedder is None:
                report["similar"] = bench.corpus_report(*arguments, language=options["language"])
            else:
                with self._throwaway() as alias:  # the dense side goes through the search port, never real data
                    self._alias = alias
                    report["similar"] = bench.corpus_report(
                        *arguments, language=options["language"], dense_index=self._dense_index
                    )
        else:
            raise CommandError("Ange --corpus och --queries, eller --pairs.")
        report["feedback"] = bench.feedback_summary()
        report["load_average"] = round(os.getloadavg()[0], 1)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=None if options["json"] else 2))

    def _throwaway(self) -> Any:
        from kraft.search.bench import throwaway_sqlite

        return throwaway_sqlite()

    def _dense_index(self, items: Sequence[Item]) -> Any:
        """The corpus indexed through the search port (vectors from its embedder), ranked by its dense search."""
        from kraft.search.bench import make_backend
        from kraft.search.documents import SearchDocument, SearchQuery, Viewer

        backend = make_backend("default", self._alias)
        backend.clear(bench.COLLECTION)
        backend.index((SearchDocument(bench.COLLECTION, item.key, "", item.text) for item in items), batch_size=256)

        def rank(text: str, depth: int) -> list[tuple[str, float]]:
            query = SearchQuery(
                bench.COLLECTION, text, viewer=Viewer(is_staff=True), page_size=depth, mode="dense", snippets=False
            )
            return [(hit.key, hit.score) for hit in backend.search(query).hits]

        return rank
