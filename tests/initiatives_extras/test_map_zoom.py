"""The map on a phone and for a person: zoom to the metropolitan counties, "min kommun", tooltips with the count,
a first class that stands apart from none, and English filter options on the English page."""

from __future__ import annotations

import re
from typing import Any

from kraft.initiatives import maps
from tests.initiatives.helpers import chatbot


def _view_box(page: str) -> list[float]:
    match = re.search(r'<svg viewBox="([^"]+)" role="group"', page)
    assert match
    return [float(v) for v in match[1].split()]


def test_zooming_to_a_metropolitan_county_shows_a_smaller_part_of_the_country(client: Any, db: None) -> None:
    whole = _view_box(client.get("/initiativ/karta/").content.decode())
    page = client.get("/initiativ/karta/", {"zoom": "01"}).content.decode()
    stockholm = _view_box(page)
    assert stockholm[2] * stockholm[3] < whole[2] * whole[3] / 20
    assert "Visar Stockholms län" in page and "Hela Sverige" in page
    assert client.get("/initiativ/karta/", {"zoom": "xx"}).status_code == 200


def test_my_municipality_is_marked_and_the_tooltip_gives_the_count(client: Any, roles: Any) -> None:
    chatbot(roles.editor, roles.organisation, publish=True)
    client.force_login(roles.member)
    page = client.get("/initiativ/karta/").content.decode()
    code = roles.organisation.municipality_code
    assert f"Min kommun: {roles.organisation.name}" in page and f"?municipality={code}" in page
    assert re.search(rf'id="area-{code}"[^>]*class="is-mine"><title>Sundsvall: 1 initiativ</title>', page)


def test_one_initiative_is_clearly_distinguishable_from_none() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    none, one = luminance(maps.colour(0)), luminance(maps.colour(1))
    assert (none + 0.05) / (one + 0.05) >= 1.8


def test_the_english_map_has_english_filter_options(client: Any, db: None) -> None:
    page = client.get("/initiativ/karta/", {"lang": "en"}).content.decode()
    options = re.search(r'<select name="area".*?</select>', page, re.S)
    assert options and "Citizen services" in options[0] or "service" in options[0].lower()
    assert "Medborgarservice" not in options[0]
