"""Loads the official reference data (counties, municipalities, regions) shipped in ``data/``."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
SOURCE = "SCB via sjbrg/swedish-geodata och odectra/popu-sweden (CC0/SCB)"

# Official region names per county code (SKR). Gotland is a municipality with regional responsibility.
REGION_NAMES = {
    "01": "Region Stockholm",
    "03": "Region Uppsala",
    "04": "Region Sörmland",
    "05": "Region Östergötland",
    "06": "Region Jönköpings län",
    "07": "Region Kronoberg",
    "08": "Region Kalmar län",
    "09": "Region Gotland",
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
    with (DATA / "se_kommuner.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def municipality_boundaries() -> dict[str, Any]:
    """The GeoJSON of the 290 municipalities, read once per process (features carry ``id`` = kommunkod)."""
    data: dict[str, Any] = json.loads((DATA / "se_kommuner.geojson").read_text(encoding="utf-8"))
    return data


@cache
def county_boundaries() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "se_lan.geojson").read_text(encoding="utf-8"))
    return data
