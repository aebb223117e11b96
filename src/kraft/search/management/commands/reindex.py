"""``kraft manage reindex [--collection NAME]``: rebuild the search index from the records, with a progress bar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from kraft.search import service


class Command(BaseCommand):
    help = "Bygger om sökindexet för en samling eller alla."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--collection", help="Bara denna samling (t.ex. initiatives, organisations, passages).")
        parser.add_argument("--backend", default="default", help="Sökbackend i SEARCH_BACKENDS (standard: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        tasks: dict[str, TaskID] = {}
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=False,
            disable=options["verbosity"] == 0,
        ) as bar:

            def progress(collection: str, done: int, total: int | None) -> None:
                if collection not in tasks:
                    tasks[collection] = bar.add_task(collection, total=total)
                bar.update(tasks[collection], completed=done)

            try:
                counts = service.reindex(options["collection"], progress=progress, backend=options["backend"])
            except LookupError as error:
                raise CommandError(str(error)) from error
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} dokument indexerade")
