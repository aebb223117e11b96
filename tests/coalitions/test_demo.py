"""The demo tells the issue's story through the API anyone can call: ≥ 15 public needs from kommuner, regioner and
civil society, signals on them, three coalitions at different stages (one grown into a joint initiative), a need's
similar endpoint answering with reasons, and a second run adding nothing."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from kraft.coalitions import demo
from kraft.coalitions.models import Coalition
from kraft.needs.models import Need, Signal

pytestmark = pytest.mark.django_db


def _load() -> None:
    from kraft.accounts import demo as accounts_demo
    from kraft.initiatives import demo as initiatives_demo

    accounts_demo.load(io.StringIO())
    initiatives_demo.load(io.StringIO(), international=False)
    demo.load(io.StringIO())


def test_the_demo_has_public_needs_signals_and_three_coalitions_at_different_stages() -> None:
    _load()
    anonymous = Client()

    needs = anonymous.get("/api/v1/needs?page_size=100").json()
    assert needs["count"] >= 15
    kinds = {item["organisation"]["kind"] for item in needs["results"] if item.get("organisation")}
    assert {"kommun", "region", "civilsamhalle"} <= kinds
    assert "Utkast: AI-stöd i biståndsbedömningen" not in {item["title"] for item in needs["results"]}
    assert sum(sum(item["signals"].values()) for item in needs["results"]) >= 15

    coalitions = anonymous.get("/api/v1/coalitions").json()
    assert coalitions["count"] >= 3
    assert len({c.status for c in Coalition.objects.all()}) >= 2
    joint = Coalition.objects.exclude(initiative=None).get()
    assert joint.need is not None and joint.members.count() >= 3
    assert anonymous.get(f"/initiativ/{joint.initiative_id}/").status_code == 200

    need = joint.need
    similar = anonymous.get(f"/api/v1/needs/{need.pk}/similar").json()
    found = similar["needs"] + similar["initiatives"]
    assert found and all(item["reasons"] for item in found)
    assert "Chattbot för kommunens växel" in {item["title"] for item in similar["needs"]}


def test_loading_the_demo_twice_adds_nothing() -> None:
    _load()
    counts = (Need.objects.count(), Signal.objects.count(), Coalition.objects.count())
    demo.load(io.StringIO())
    assert (Need.objects.count(), Signal.objects.count(), Coalition.objects.count()) == counts
