"""``/api/v1/map/…``: GeoJSON for the national map, with the published initiatives the asker may see."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest
from ninja import Router

from kraft.core.api import OPTIONAL_AUTH, user_of
from kraft.initiatives import filters, maps, selectors
from kraft.organisations import reference

router = Router(tags=["karta"])
GEO_TOLERANCE = 0.004  # degrees (about 250–450 m); enough for a national map, a fraction of the size


def _simplified(geometry: dict[str, Any]) -> dict[str, Any]:
    def ring(points: list[list[float]]) -> list[list[float]]:
        kept = maps.simplify([(lon, lat) for lon, lat in points], GEO_TOLERANCE)
        if len(kept) < 4:
            kept = [(lon, lat) for lon, lat in points]
        return [[round(lon, 5), round(lat, 5)] for lon, lat in kept]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in geometry["coordinates"]]}
    return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in poly] for poly in geometry["coordinates"]]}


@cache
def _municipality_geometries() -> dict[str, dict[str, Any]]:
    return {
        str(f["properties"]["id"]).zfill(4): _simplified(f["geometry"])
        for f in reference.municipality_boundaries()["features"]
    }


@cache
def _county_geometries() -> dict[str, dict[str, Any]]:
    return {
        str(f["properties"]["l_id"]).zfill(2): _simplified(f["geometry"])
        for f in reference.county_boundaries()["features"]
    }


def _queryset(request: HttpRequest) -> Any:
    return maps.published(filters.apply(selectors.visible_initiatives(user_of(request)), request.GET))


def _collection(features: list[dict[str, Any]], level: str) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "name": level,
        "properties": {
            "counted": "published initiatives visible to the asker (lead or partner organisation in the area)",
            "boundaries": "okfse/sweden-geojson (Valmyndigheten), simplified",
        },
        "features": features,
    }


@router.get("/municipalities", auth=OPTIONAL_AUTH, summary="Kommunerna som GeoJSON med antal publicerade initiativ")
def municipalities(request: HttpRequest) -> dict[str, Any]:
    """One feature per municipality (290). Takes the list's filters (area, technique, stage, evaluated …)."""
    queryset = _queryset(request)
    counts = maps.counts_by_municipality(queryset)
    status = maps.participation(queryset, "municipality")
    counties = {row["county_code"]: row["county_name"] for row in reference.counties()}
    geometries = _municipality_geometries()
    features = [
        {
            "type": "Feature",
            "id": shape.code,
            "geometry": geometries.get(shape.code),
            "properties": {
                "code": shape.code,
                "name": shape.name,
                "county_code": shape.county_code,
                "county": counties.get(shape.county_code, ""),
                "initiatives": counts.get(shape.code, 0),
                "participation": status[shape.code],
            },
        }
        for shape in maps.municipality_shapes()
    ]
    return _collection(features, "municipalities")


@router.get("/counties", auth=OPTIONAL_AUTH, summary="Länen som GeoJSON med antal publicerade initiativ")
def counties(request: HttpRequest) -> dict[str, Any]:
    """One feature per county (21); an initiative counts in the county of its lead organisation."""
    queryset = _queryset(request)
    counts = maps.counts_by_county(queryset)
    status = maps.participation(queryset, "county")
    geometries = _county_geometries()
    features = [
        {
            "type": "Feature",
            "id": shape.code,
            "geometry": geometries.get(shape.code),
            "properties": {
                "code": shape.code,
                "name": shape.name,
                "initiatives": counts.get(shape.code, 0),
                "participation": status[shape.code],
            },
        }
        for shape in maps.county_shapes()
    ]
    return _collection(features, "counties")
