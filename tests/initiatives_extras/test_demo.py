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
