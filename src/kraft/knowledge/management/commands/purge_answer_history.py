"""``kraft manage purge_answer_history [--days N]``: remove questions older than ``ANSWER_HISTORY_DAYS``.

Run it daily (cron, a systemd timer or the platform's scheduler); answers and feedback go with their questions.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Radera frågor, svar och återkoppling som är äldre än lagringstiden (ANSWER_HISTORY_DAYS)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, help="lagringstid i dagar (annars inställningen)")

    def handle(self, *args: Any, days: int | None = None, **options: Any) -> None:
        from kraft.knowledge.answers.history import purge_history

        count = purge_history(days)
        self.stdout.write(f"Raderade {count} frågor ur historiken.")
