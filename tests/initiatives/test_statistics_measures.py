"""Statistics people want: kronor and hours, expected and measured, by area, county, organisation kind and year,
for everything or for the person's own organisation or county."""

from __future__ import annotations

import re
from typing import Any

from tests.initiatives.helpers import chatbot

NBSP = "\u00a0"


def _row(page: str, section: str, label: str) -> list[str]:
    """The cells of one table row in the section about ``section``."""
    part = page.split(f'id="h-by-{section}"', 1)[1].split("</section>", 1)[0]
    match = re.search(rf"<th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", part, re.S)
    assert match, (section, label)
    return [re.sub(r"\s+", " ", c).replace(NBSP, " ").strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", match[1])]


def test_value_hours_and_kronor_by_area_expected_and_measured(client: Any, roles: Any) -> None:
    chatbot(roles.editor, roles.organisation, publish=True, start_date="2024-02-01")
    page = client.get("/initiativ/statistik/", {"matt": "value_measured"}).content.decode()
    # count, expected kr, measured kr, expected hours, measured hours, total cost
    cells = _row(page, "area", "Medborgarservice")
    assert cells == ["1", "208 000 kr", "180 000 kr", "520 h", "390 h", "240 000 kr"]
    assert _row(page, "year", "2024")[0] == "1" and _row(page, "organisation_kind", "Kommun")[2] == "180 000 kr"
    assert "Uppmätt värde, kr per år per verksamhetsområde" in page


def test_my_organisation_and_my_county_narrow_the_figures(client: Any, roles: Any) -> None:
    chatbot(roles.editor, roles.organisation, publish=True)
    chatbot(roles.other_admin, roles.other_organisation, publish=True)
    client.force_login(roles.member)
    everything = client.get("/initiativ/statistik/").content.decode()
    mine = client.get("/initiativ/statistik/", {"omfang": "organisation"}).content.decode()
    county = client.get("/initiativ/statistik/", {"omfang": "county"}).content.decode()
    assert _row(everything, "area", "Medborgarservice")[0] == "2"
    assert _row(mine, "area", "Medborgarservice")[0] == "1"
    assert _row(county, "area", "Medborgarservice")[0] == "2"  # Timrå is in Västernorrland too
    assert client.get("/initiativ/statistik/", {"omfang": "okänd", "matt": "okänd"}).status_code == 200
