"""``kraft bench ingest``: ingestion time and passage count for a folder of statutes (default: the bundled ones).

The statutes go through the product's own path (``services.import_statute`` → parse → chunk → passages →
search index) into a throwaway library that is removed afterwards unless ``--keep`` is given.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kraft.knowledge import services
from kraft.knowledge.demo import LAW_DIR, statute_files
from kraft.knowledge.models import Document, Library, Passage


class Command(BaseCommand):
    help = "Mäter inläsningen av författningar: tid, antal avsnitt och tecken."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", default=str(LAW_DIR), help="mapp med författningar i JSON-format")
        parser.add_argument("--limit", type=int, default=0, help="bara de N första filerna")
        parser.add_argument("--keep", action="store_true", help="behåll testbiblioteket")
        parser.add_argument("--json", action="store_true", help="skriv bara JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        paths = statute_files(Path(options["dir"]))
        if options["limit"]:
            paths = paths[: options["limit"]]
        library = Library.objects.create(name=f"bench-ingest-{time.time():.0f}", visibility=Library.Visibility.PUBLIC)
        per_file: list[float] = []
        started = time.perf_counter()
        try:
            for path in paths:
                begun = time.perf_counter()
                document = services.import_statute(library, path)
                per_file.append(time.perf_counter() - begun)
                if not options["json"]:
                    self.stdout.write(f"{path.name}: {document.passage_count} avsnitt, {per_file[-1]:.2f} s")
            seconds = time.perf_counter() - started
            report = self._report(library, paths, seconds, per_file)
        finally:
            if not options["keep"]:
                _drop(library)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=None if options["json"] else 2))

    def _report(self, library: Library, paths: list[Path], seconds: float, per_file: list[float]) -> dict[str, Any]:
        passages = Passage.objects.filter(library=library)
        lengths = sorted(passages.values_list("char_count", flat=True))
        failed = library.documents.filter(status=Document.Status.FAILED).count()
        return {
            "files": len(paths),
            "documents_ready": library.documents.filter(status=Document.Status.READY).count(),
            "documents_failed": failed,
            "passages": len(lengths),
            "characters": sum(lengths),
            "passage_chars_p50": lengths[len(lengths) // 2] if lengths else 0,
            "passage_chars_max": lengths[-1] if lengths else 0,
            "ingestion_seconds": round(seconds, 2),
            "passages_per_second": round(len(lengths) / seconds, 1) if seconds else None,
            "slowest_file_seconds": round(max(per_file), 2) if per_file else 0,
        }


def _drop(library: Library) -> None:
    """Remove the throwaway library with its search entries (no audit: nothing a person did)."""
    from django.db import transaction

    from kraft.knowledge.search import COLLECTION
    from kraft.search import service as search_service

    with transaction.atomic():
        keys = [str(pk) for pk in Passage.objects.filter(library=library).values_list("pk", flat=True)]
        search_service.delete_documents(COLLECTION, keys)
        for document in library.documents.all():
            if document.file:
                document.file.delete(save=False)
        library.delete()
