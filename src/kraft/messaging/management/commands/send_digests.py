"""``kraft manage send_digests --frequency daily|weekly``: e-mail digests of notifications (run from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kraft.messaging.email import send_digests


class Command(BaseCommand):
    help = "Skickar sammanfattningar av notiser per e-post till dem som valt dag eller vecka."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--frequency", choices=["daily", "weekly"], required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_digests(options["frequency"])
        self.stdout.write(f"{sent} e-postmeddelanden skickade.")
