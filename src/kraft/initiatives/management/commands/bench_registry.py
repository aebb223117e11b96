"""``kraft bench registry``: 10,000 initiatives in a throwaway database, then list latency and queries per page.

The initiatives are written with ``bulk_create`` (the fast path is fine for test data; the services are the only
write path for people). The database is a fresh test database (in memory on SQLite, ``test_<name>`` on
PostgreSQL) that is dropped afterwards, so the real data is never touched. Prints one JSON object.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment
from django.utils import timezone


class Command(BaseCommand):
    help = "Mäter listsidan, filtrerad lista och API-listan med 10 000 initiativ (i en tillfällig databas)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--initiatives", type=int, default=10_000)
        parser.add_argument("--requests", type=int, default=30, help="anrop per mätning")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        setup_test_environment()
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            call_command("load_reference", stdout=open("/dev/null", "w"))  # noqa: SIM115
            started = time.perf_counter()
            _generate(options["initiatives"], random.Random(options["seed"]))
            setup_seconds = time.perf_counter() - started
            result = {
                "initiatives": options["initiatives"],
                "database": connection.vendor,
                "setup_seconds": round(setup_seconds, 2),
                "requests_per_measurement": options["requests"],
                **_measure(options["requests"]),
            }
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()
        self.stdout.write(json.dumps(result, indent=1))


WORDS = ["chattbot", "prognos", "bildanalys", "schemaläggning"]


def _generate(count: int, rng: random.Random) -> None:
    from kraft.initiatives.models import Initiative, Technique, WelfareArea
    from kraft.organisations.models import Organisation

    organisations = list(Organisation.objects.filter(kind__in=["kommun", "region"]).values_list("pk", flat=True))
    areas = list(WelfareArea.objects.values_list("pk", flat=True))
    techniques = list(Technique.objects.values_list("pk", flat=True))
    stages = [value for value, _label in Initiative.Stage.choices]
    risks = [value for value, _label in Initiative.RiskClass.choices]
    now = timezone.now()
    rows = []
    for number in range(count):
        value = Decimal(rng.randrange(0, 2_000_000))
        cost = Decimal(rng.randrange(50_000, 3_000_000))
        published = rng.random() < 0.9
        rows.append(
            Initiative(
                title=f"Benchmarkinitiativ {number}: {rng.choice(WORDS)}",
                summary="Ett genererat initiativ för mätningar av listsidan.",
                lead_organisation_id=rng.choice(organisations),
                welfare_area_id=rng.choice(areas),
                technique_id=rng.choice(techniques),
                stage=rng.choice(stages),
                risk_class=rng.choice(risks),
                status=Initiative.Status.PUBLISHED if published else Initiative.Status.DRAFT,
                published_at=now - timedelta(days=rng.randrange(0, 1500)) if published else None,
                published_version=1 if published else 0,
                annual_value=value,
                total_cost=cost,
                roi=((value * 3 - cost) / cost).quantize(Decimal("0.0001")),
                is_evaluated=rng.random() < 0.1,
                country="SE",
                source_name="bench",
                source_id=str(number),
            )
        )
    Initiative.objects.bulk_create(rows, batch_size=1000)
    through = Initiative.partners.through
    ids = list(Initiative.objects.values_list("pk", flat=True))
    links = {(pk, rng.choice(organisations)) for pk in rng.sample(ids, k=len(ids) // 5)}
    through.objects.bulk_create([through(initiative_id=i, organisation_id=o) for i, o in links], batch_size=2000)


def _timed(client: Client, url: str, requests: int) -> dict[str, Any]:
    client.get(url)  # warm caches (templates, URL resolver) so the first request does not skew p95
    durations = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    ordered = sorted(durations)
    return {
        "url": url,
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], 1),
        "queries": len(queries),
    }


def _measure(requests: int) -> dict[str, Any]:
    client = Client()
    filtered = "/initiativ/?area=vard-och-omsorg&stage=pilot&stage=i_drift&county=22&sort=roi"
    return {
        "list_page": _timed(client, "/initiativ/", requests),
        "list_page_deep": _timed(client, "/initiativ/?page=40", requests),
        "filtered_list": _timed(client, filtered, requests),
        "api_list": _timed(client, "/api/v1/initiatives?page_size=20", requests),
        "api_list_100": _timed(client, "/api/v1/initiatives?page_size=100", requests),
        "api_filtered": _timed(client, "/api/v1/initiatives?area=vard-och-omsorg&evaluated=1", requests),
        "map_page": _timed(client, "/initiativ/karta/", requests),
        "map_geojson": _timed(client, "/api/v1/map/municipalities", requests),
        "statistics_page": _timed(client, "/initiativ/statistik/", requests),
    }
