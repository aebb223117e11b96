"""The demo tells the issue's story: ≥ 15 organisations assessed (some twice), Sundsvall's published round with
radar, spread and evidence, a peer group of ≥ 5, a 90-day plan, and a ranked portfolio with a decision."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.test import Client

from kraft.assessments import demo
from kraft.assessments.models import Assessment, PlanItem

pytestmark = pytest.mark.django_db


def test_the_demo_has_assessments_peers_a_plan_and_a_portfolio() -> None:
    from kraft.accounts import demo as accounts_demo
    from kraft.initiatives import demo as initiatives_demo
    from kraft.portfolio import demo as portfolio_demo

    accounts_demo.load(io.StringIO())
    initiatives_demo.load(io.StringIO(), international=False)
    demo.load(io.StringIO())
    portfolio_demo.load(io.StringIO())

    closed = Assessment.objects.filter(status="closed")
    assert closed.values("organisation").distinct().count() >= 15
    twice = closed.values("organisation").annotate(n=Count("id")).filter(n__gte=2).count()
    assert twice >= 3
    sundsvall = closed.filter(organisation__name="Sundsvalls kommun").order_by("-round").first()
    assert sundsvall.round == 2 and sundsvall.is_published
    assert PlanItem.objects.filter(plan__assessment=sundsvall).count() >= 3

    page = Client().get(f"/mognad/{sundsvall.pk}/").content.decode()  # published: anyone sees it
    assert "<svg" in page and "Spridning mellan respondenterna" in page and "Föregående omgång" in page
    assert "AI-initiativ i Kraft" in page  # evidence beside the self-image
    admin = Client()
    admin.force_login(get_user_model().objects.get(username="sundsvall-admin"))
    own = admin.get(f"/mognad/{sundsvall.pk}/").content.decode()
    assert 'id="plan"' in own and "Pågår" in own
    assert 'class="peer-summary"' in own and "Percentil" in own  # its peer comparison, on its own page
    peers = admin.get(f"/api/v1/maturity/peers?county=22&organisation={sundsvall.organisation_id}").json()
    assert peers["count"] >= 5 and peers["dimensions"][0]["own_score"] is not None
    assert admin.get("/api/v1/maturity/peers?kind=region&county=22").status_code == 400  # one region: suppressed
    assert admin.get("/api/v1/maturity/peers?kind=region").json()["count"] == 5
    differs = admin.get("/api/v1/maturity/peers?kind=kommun&county=22")  # the county's group minus its region
    assert differs.status_code == 400 and "Västernorrlands län" in differs.json()["detail"]

    portfolio = admin.get(f"/api/v1/portfolio?organisation={sundsvall.organisation_id}").json()
    assert len(portfolio["items"]) >= 4 and all(item["reasons"] for item in portfolio["items"])
    log = admin.get(f"/portfolj/{sundsvall.organisation_id}/beslut/").content.decode()
    assert "konsekvensbedömning" in log

    before = Assessment.objects.count()
    demo.load(io.StringIO())
    portfolio_demo.load(io.StringIO())
    assert Assessment.objects.count() == before
