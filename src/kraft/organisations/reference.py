"""Loads the official reference data (counties, municipalities, regions) shipped in ``data/``."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
SOURCE = "SCB via sjbrg/swedish-geodata och odectra/popu-sweden (CC0/SCB)"

# The official names in the copied CSV were built by appending "s kommun" to the short name, which is wrong for
# names ending in -s/-x, for Kalmar and Falun (genitive "Falu"), and for the municipalities that call themselves
# "stad" (kommunallagen 1 kap. 1 § allows it). These are the names the municipalities use themselves, as listed in
# SCB's register of municipalities (Kommunlänkar/Kommunkoder) and SKR's list "Kommuner som kallar sig stad".
OFFICIAL_NAME_CORRECTIONS = {
    "0180": "Stockholms stad",
    "0183": "Sundbybergs stad",
    "0184": "Solna stad",
    "0186": "Lidingö stad",
    "0187": "Vaxholms stad",
    "0880": "Kalmar kommun",
    "0980": "Region Gotland",  # one organisation: a kommun with regional responsibility (org.nr 212000-0803)
    "1280": "Malmö stad",
    "1282": "Landskrona stad",
    "1283": "Helsingborgs stad",
    "1480": "Göteborgs stad",
    "1481": "Mölndals stad",
    "1488": "Trollhättans stad",
    "1490": "Borås stad",
    "1980": "Västerås stad",
    "2080": "Falu kommun",
    "2513": "Överkalix kommun",
    "2514": "Kalix kommun",
    "2583": "Haparanda stad",
}
# Gotland's regional responsibilities are carried by the municipality (Region Gotland): no separate region.
COUNTY_WITHOUT_REGION = "09"

# Official region names per county code (SKR).
REGION_NAMES = {
    "01": "Region Stockholm",
    "03": "Region Uppsala",
    "04": "Region Sörmland",
    "05": "Region Östergötland",
    "06": "Region Jönköpings län",
    "07": "Region Kronoberg",
    "08": "Region Kalmar län",
    "10": "Region Blekinge",
    "12": "Region Skåne",
    "13": "Region Halland",
    "14": "Västra Götalandsregionen",
    "17": "Region Värmland",
    "18": "Region Örebro län",
    "19": "Region Västmanland",
    "20": "Region Dalarna",
    "21": "Region Gävleborg",
    "22": "Region Västernorrland",
    "23": "Region Jämtland Härjedalen",
    "24": "Region Västerbotten",
    "25": "Region Norrbotten",
}


def counties() -> list[dict[str, str]]:
    with (DATA / "se_lan.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def municipalities() -> list[dict[str, str]]:
    """The 290 municipalities, with the official names corrected (``OFFICIAL_NAME_CORRECTIONS``)."""
    with (DATA / "se_kommuner.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["kommun_officiellt"] = OFFICIAL_NAME_CORRECTIONS.get(row["kommunkod"], row["kommun_officiellt"])
    return rows


@cache
def municipality_boundaries() -> dict[str, Any]:
    """The GeoJSON of the 290 municipalities, read once per process (features carry ``id`` = kommunkod)."""
    data: dict[str, Any] = json.loads((DATA / "se_kommuner.geojson").read_text(encoding="utf-8"))
    return data


@cache
def county_boundaries() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "se_lan.geojson").read_text(encoding="utf-8"))
    return data
