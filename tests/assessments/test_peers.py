"""Peer comparison protects: no figures for a group under five organisations, on the page and in the API;
an organisation's own results stay private (its position is shown only to its own members)."""

from __future__ import annotations

import pytest
from django.test import Client

from kraft.assessments import peers
from tests.assessments.helpers import closed, peer_population

pytestmark = pytest.mark.django_db


def _client(person=None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def test_a_group_of_fewer_than_five_shows_no_figures_on_the_page_or_in_the_api(roles) -> None:
    peer_population(4)  # four municipalities in Västernorrland
    page = _client().get("/mognad/jamforelse/?county=22")
    html = page.content.decode()
    assert page.status_code == 200
    assert "färre än 5 organisationer" in html
    assert "peer-table" not in html and "Median" not in html
    api = _client().get("/api/v1/maturity/peers?county=22")
    assert api.status_code == 400
    body = api.json()
    assert body["code"] == "group_too_small" and "färre än 5" in body["detail"]
    assert "dimensions" not in body and "count" not in body


def test_five_or_more_show_distribution_and_percentiles(roles) -> None:
    population = peer_population(6)  # levels alternate 3, 4, 3, 4 …
    api = _client().get("/api/v1/maturity/peers?county=22&kind=kommun")
    assert api.status_code == 200
    data = api.json()
    assert data["count"] == 6 and data["min_group"] == 5
    strategy = next(d for d in data["dimensions"] if d["dimension"] == "strategi")
    assert strategy["distribution"] == {"1": 0, "2": 0, "3": 3, "4": 3, "5": 0}
    assert strategy["median"] == 3.5 and strategy["p25"] == 3.0 and strategy["p75"] == 4.0
    assert strategy["own_score"] is None  # nobody asked for their own position
    page = _client().get("/mognad/jamforelse/?county=22&kind=kommun").content.decode()
    assert "6 organisationer i gruppen" in page and "peer-table" in page
    assert all(a.organisation.name not in page.split("peer-table")[1] for a in population)


def test_own_position_only_for_members_of_that_organisation(roles) -> None:
    peer_population(5)  # Härnösand, Kramfors, Sollefteå, Sundsvall, Timrå
    closed(roles.organisation, [(roles.member, "ledning", 5)])  # Sundsvall's second round counts, not its first
    query = f"/api/v1/maturity/peers?county=22&organisation={roles.organisation.pk}"
    own = _client(roles.member).get(query).json()
    strategy = next(d for d in own["dimensions"] if d["dimension"] == "strategi")
    assert strategy["own_score"] == 5.0 and strategy["own_percentile"] == 90  # 4 of 5 below, itself half
    for stranger in (None, roles.outsider, roles.other_admin):
        data = _client(stranger).get(query).json()
        assert all(d["own_score"] is None for d in data["dimensions"])


def test_size_bands_group_by_population() -> None:
    assert peers.size_band_of(9_000) == "under-15000"
    assert peers.size_band_of(15_000) == "15000-50000"
    assert peers.size_band_of(99_999) == "50000-100000"
    assert peers.size_band_of(100_000) == "over-100000"
    assert peers.size_band_of(None) == ""


def test_contact_offers_come_only_from_organisations_that_agreed(roles) -> None:
    from kraft.organisations.models import Organisation
    from tests import factories

    timra = Organisation.objects.get(name="Timrå kommun")
    harnosand = Organisation.objects.get(name="Härnösands kommun")
    closed(timra, [(factories.user("t1"), "ledning", 3)], open_to_contact=True)
    closed(harnosand, [(factories.user("h1"), "ledning", 3)], open_to_contact=False)
    found = peers.contactable_one_level_higher(roles.organisation, "strategi", 2)
    assert found == [timra]
    assert peers.contactable_one_level_higher(roles.organisation, "strategi", 3) == []


def test_the_assessment_page_shows_the_peer_group_only_from_five(roles) -> None:
    from kraft.assessments.models import Assessment

    peer_population(4)  # Sundsvall's own round is one of the four: four kommuner in all
    own = Assessment.objects.get(organisation=roles.organisation)
    page = _client(roles.member).get(f"/mognad/{own.pk}/").content.decode()
    assert "färre än 5 organisationer" in page and "peer-summary" not in page
    peer_population(7)
    page = _client(roles.member).get(f"/mognad/{Assessment.objects.filter(organisation=roles.organisation).last().pk}/")
    assert 'class="peer-summary"' in page.content.decode()


def test_a_group_that_differs_from_a_wider_one_by_fewer_than_five_shows_no_figures(roles) -> None:
    peer_population(7)  # every kommun in Västernorrland
    peer_population(1, kind="region")  # and its region: the county's group minus the kommuner is one organisation
    assert _client().get("/api/v1/maturity/peers?county=22").json()["count"] == 8
    api = _client().get("/api/v1/maturity/peers?county=22&kind=kommun")
    assert api.status_code == 400
    body = api.json()
    assert body["code"] == "group_too_small" and "Västernorrlands län" in body["detail"] and "count" not in body
    page = _client().get("/mognad/jamforelse/?county=22&kind=kommun").content.decode()
    assert "genom att jämföra de två grupperna" in page and "peer-table" not in page


def test_a_dimension_that_would_reveal_a_few_by_difference_is_left_out(roles) -> None:
    from kraft.organisations.models import Organisation
    from tests import factories

    peer_population(7)  # Västernorrland's kommuner answer every dimension
    elsewhere = Organisation.objects.filter(kind="kommun", county__code="24").order_by("name")[:5]
    for index, organisation in enumerate(elsewhere):  # five more kommuner; three do not know their data
        levels = {"data": "vet_inte"} if index < 3 else 3
        closed(organisation, [(factories.user(f"v{organisation.pk}"), "ledning", levels)])
    wider = _client().get("/api/v1/maturity/peers?kind=kommun").json()
    assert {d["dimension"]: d["count"] for d in wider["dimensions"]}["data"] == 9
    data = _client().get("/api/v1/maturity/peers?kind=kommun&county=22").json()
    dimensions = {d["dimension"]: d["count"] for d in data["dimensions"]}
    assert data["count"] == 7 and dimensions["strategi"] == 7
    assert "data" not in dimensions  # 9 − 7 = 2 kommuner's data answers would follow by subtraction
