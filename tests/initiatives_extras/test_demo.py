"""The demo's Swedish part: at least 50 published Swedish initiatives under real municipalities and regions,
listed by the API and the CSV export, the invented ones plainly labelled, and a second run changes nothing."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from kraft.initiatives import demo
from kraft.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_demo_gives_fifty_published_swedish_initiatives_under_municipalities_and_regions(client: Client) -> None:
    out = io.StringIO()
    demo.load(out, international=False)

    listed = client.get("/api/v1/initiatives?country=se&organisation_kind=kommun,region&page_size=1").json()
    assert listed["count"] >= 50
    real = Initiative.objects.filter(
        country="SE", status="published", lead_organisation__kind__in=["kommun", "region"]
    ).exclude(source_name=demo.DEMO_SOURCE)
    assert real.count() >= 15  # the real PSTW and AI Watch cases
    invented = Initiative.objects.filter(source_name=demo.DEMO_SOURCE)
    assert all(i.title.startswith("Demoexempel: ") for i in invented)
    assert invented.filter(status="draft").exists() and invented.filter(is_evaluated=True).exists()

    body = b"".join(
        client.get("/api/v1/initiatives/export?format=csv&country=se&organisation_kind=kommun,region").streaming_content
    )
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == listed["count"] and {r["status"] for r in rows} == {"published"}
    features = client.get("/api/v1/map/municipalities").json()["features"]
    assert len(features) == 290 and sum(f["properties"]["initiatives"] for f in features) >= 45

    before = Initiative.objects.count()
    demo.load(io.StringIO(), international=False)
    assert Initiative.objects.count() == before


def test_demo_examples_are_distinct_records_not_clones(client: Client) -> None:
    demo.load(io.StringIO(), international=False)
    invented = list(Initiative.objects.filter(source_name=demo.DEMO_SOURCE, status="published"))
    assert len(invented) >= 25
    # Different organisations get their own figures: no two examples share value, cost and start date.
    figures = {(i.annual_value, i.total_cost, i.start_date) for i in invented}
    assert len(figures) == len(invented)
    # The same kind of example at several places still differs in its figures.
    by_use: dict[str, list[Initiative]] = {}
    for initiative in invented:
        by_use.setdefault(initiative.title.rsplit(", ", 1)[0], []).append(initiative)
    repeated = [group for group in by_use.values() if len(group) > 1]
    assert repeated and all(len({i.annual_value for i in group}) == len(group) for group in repeated)
    # Spread over several years and stages, as in a real registry.
    assert len({i.start_date.year for i in invented}) >= 4
    assert len({i.stage for i in invented}) >= 4
    # No two examples have the same title (each names its organisation).
    assert len({i.title for i in invented}) == len(invented)
