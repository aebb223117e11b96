"""``kraft bench load --url http://127.0.0.1:8000 --clients 20 --seconds 30``: mixed load, figures as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kraft.operations import load


def bench_token() -> str:
    """A token of a signed-in person (answers to signed-in people are not throttled), in this installation's
    database: run the bench with the same ``KRAFT_DATA_DIR``/``KRAFT_DATABASE_URL`` as the server."""
    from django.contrib.auth import get_user_model

    from kraft.accounts.services import create_api_token

    person, _ = get_user_model().objects.get_or_create(username="belastningstest", defaults={"email": "bench@x.se"})
    return create_api_token(person, "kraft bench load")[1]


class Command(BaseCommand):
    help = "Blandad belastning (sidor, API, sökningar, frågor) mot en server på den egna datorn; skriver JSON"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000")
        parser.add_argument("--clients", type=int, default=20)
        parser.add_argument("--seconds", type=float, default=30)
        parser.add_argument("--baseline-seconds", type=float, default=10)
        parser.add_argument("--token", help="API-nyckel för frågorna (annars skapas en i den här databasen)")
        parser.add_argument("--anonymous", action="store_true", help="ställ frågorna utan inloggning (begränsas)")
        parser.add_argument("--json", action="store_true", help="(standard) skriv JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        token = None if options["anonymous"] else options["token"] or bench_token()
        try:
            result = load.run(
                options["url"],
                clients=options["clients"],
                seconds=options["seconds"],
                token=token,
                baseline_seconds=options["baseline_seconds"],
            )
        except load.LoadRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
