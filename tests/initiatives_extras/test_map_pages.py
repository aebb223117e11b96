"""The national map, its GeoJSON and the statistics page count only what the asker may see."""

from __future__ import annotations

import pytest
from django.test import Client

from kraft.initiatives import services
from kraft.initiatives.models import Initiative
from tests import factories

pytestmark = pytest.mark.django_db


def _initiative(org, *, publish: bool, title: str = "Chattbot i kontaktcenter", **extra) -> Initiative:
    data = {"title": title, "summary": "Svarar på vanliga frågor.", "welfare_area": "medborgarservice", **extra}
    return services.create_initiative("test", data, lead_organisation=org, publish=publish)


def test_map_geojson_has_290_municipalities_with_published_counts(client: Client) -> None:
    sundsvall = factories.municipality("Sundsvalls kommun")
    timra = factories.municipality("Timrå kommun")
    _initiative(sundsvall, publish=True)
    _initiative(sundsvall, publish=True, title="Taligenkänning i hemtjänsten")
    shared = _initiative(timra, publish=True, title="Gemensam e-tjänst")
    services.set_partners("test", shared, [sundsvall])
    _initiative(sundsvall, publish=False, title="Hemligt utkast")

    data = client.get("/api/v1/map/municipalities").json()

    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 290
    by_code = {f["properties"]["code"]: f["properties"] for f in data["features"]}
    assert by_code[sundsvall.municipality_code]["initiatives"] == 3  # two led, one as partner; the draft not
    assert by_code[timra.municipality_code]["initiatives"] == 1
    assert by_code[sundsvall.municipality_code]["participation"] == "published"
    assert by_code["0180"]["initiatives"] == 0 and by_code["0180"]["name"] == "Stockholm"
    assert all(f["geometry"]["type"] in {"Polygon", "MultiPolygon"} for f in data["features"])


def test_map_counties_and_filters(client: Client) -> None:
    sundsvall = factories.municipality("Sundsvalls kommun")
    _initiative(sundsvall, publish=True)
    _initiative(sundsvall, publish=True, title="Prognos för förskoleplatser", welfare_area="forskola")
    counties = client.get("/api/v1/map/counties").json()
    assert len(counties["features"]) == 21
    assert {f["properties"]["code"]: f["properties"]["initiatives"] for f in counties["features"]}["22"] == 2
    filtered = client.get("/api/v1/map/municipalities?area=forskola").json()
    counts = {f["properties"]["code"]: f["properties"]["initiatives"] for f in filtered["features"]}
    assert counts[sundsvall.municipality_code] == 1


def test_drafts_never_reach_map_or_statistics_of_outsiders(client: Client, roles: factories.RoleSet) -> None:
    _initiative(roles.organisation, publish=False, title="Hemligt utkast om ekonomiskt bistånd")
    for person in (None, roles.outsider, roles.member, roles.staff):
        if person:
            client.force_login(person)
        features = client.get("/api/v1/map/municipalities").json()["features"]
        assert sum(f["properties"]["initiatives"] for f in features) == 0
        page = client.get("/initiativ/karta/").content.decode()
        assert "Hemligt utkast" not in page
        stats = client.get("/initiativ/statistik/").content.decode()
        assert "Hemligt utkast" not in stats
    assert client.get("/initiativ/statistik/").context["figures"]["total"] == 0


def test_map_page_links_each_municipality_to_the_filtered_list(client: Client) -> None:
    sundsvall = factories.municipality("Sundsvalls kommun")
    _initiative(sundsvall, publish=True)
    response = client.get("/initiativ/karta/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<path ") == 290
    assert f'href="/initiativ/?municipality={sundsvall.municipality_code}"' in html
    assert 'aria-label="Sundsvall: 1 initiativ"' in html
    for view in ("county", "participation"):
        assert client.get(f"/initiativ/karta/?view={view}").status_code == 200
    assert client.get("/initiativ/karta/?view=county").content.decode().count("<path ") == 21


def test_statistics_page_counts_and_measured_value(client: Client) -> None:
    sundsvall = factories.municipality("Sundsvalls kommun")
    _initiative(sundsvall, publish=True)
    services.create_initiative(
        "test",
        {"title": "Schemaläggning i hemtjänsten", "welfare_area": "vard-och-omsorg", "stage": "i_drift"},
        lead_organisation=sundsvall,
        effects=[
            {
                "dimension": "tidsbesparing",
                "unit": "hours",
                "basis": "measured",
                "hours": 2,
                "people": 10,
                "periods_per_year": 52,
                "hourly_cost": 400,
                "baseline": "Manuell planering",
                "measured_on": "2025-06-01",
                "method": "Tidsloggning",
            }
        ],
        publish=True,
    )
    response = client.get("/initiativ/statistik/")
    figures = response.context["figures"]
    assert figures["total"] == 2 and figures["evaluated"] == 1
    assert figures["measured_annual_value"] == "416000.00"  # 2 h × 10 people × 52 weeks × 400 kr
    html = response.content.decode()
    assert 'role="img"' in html and "<table" in html
    api = client.get("/api/v1/initiatives/statistics").json()
    assert api["total"] == 2 and api["evaluated"] == 1 and api["measured_annual_value"] == "416000.00"
    assert {row["key"]: row["count"] for row in api["by_area"]}["vard-och-omsorg"] == 1
    assert client.get("/api/v1/initiatives/statistics?country=international").json()["total"] == 0
