"""The registry's initiatives, saved through their services, are found by Swedish queries through the port."""

from __future__ import annotations

from typing import Any

from kraft.initiatives import services
from kraft.search import service
from kraft.search.documents import SearchQuery


def titles(text: str) -> list[str]:
    return [hit.title for hit in service.search(SearchQuery("initiatives", text)).hits]


def publish(roles: Any, title: str, description: str) -> None:
    services.create_initiative(
        roles.editor, {"title": title, "description": description}, lead_organisation=roles.organisation, publish=True
    )


def test_aldreomsorg_finds_an_initiative_about_omsorg_om_aldre(roles: Any) -> None:
    publish(roles, "Trygg natt", "Sensorer ger bättre omsorg om äldre som bor hemma.")
    publish(roles, "Parkeringsappen", "Betala parkering i mobilen.")
    assert titles("äldreomsorg") == ["Trygg natt"]


def test_hemtjanst_finds_an_initiative_about_hemtjanstinsatser(roles: Any) -> None:
    publish(roles, "Smartare scheman", "Planering av hemtjänstinsatser med optimering.")
    publish(roles, "Skolskjuts", "Ruttplanering för skolbussar.")
    assert titles("hemtjänst") == ["Smartare scheman"]
    assert titles("insatser i hemtjänsten") == ["Smartare scheman"]
