"""Sweden drawn on the server: municipality and county boundaries as SVG paths, and the figures per area.

The boundaries (``organisations/reference``) are projected once per process with a plain equirectangular
projection scaled by cos(latitude) around the middle of Sweden, simplified (Douglas–Peucker) and rounded, which
keeps the whole map at a few tens of kilobytes. No tile server, no JavaScript.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db.models import Count, QuerySet

from kraft.initiatives.models import Initiative
from kraft.organisations import reference
from kraft.organisations.models import Membership, Organisation

LAT0 = 62.0  # the projection's reference latitude, the middle of Sweden
LON_MIN, LAT_MAX = 10.9, 69.1
SCALE = 22.0  # SVG units per degree of latitude
TOLERANCE = 0.35  # SVG units; below what a person can see at the map's size
Point = tuple[float, float]


@dataclass(frozen=True)
class Shape:
    code: str  # kommunkod or länskod
    name: str
    county_code: str
    path: str  # SVG path data


def project(lon: float, lat: float) -> Point:
    return ((lon - LON_MIN) * math.cos(math.radians(LAT0)) * SCALE, (LAT_MAX - lat) * SCALE)


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker, iterative (no recursion limit on long coastlines)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length < 1e-9:  # a closed ring: measure from the shared end point
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _rings(geometry: dict[str, Any]) -> Iterable[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield from polygon


def _path(geometry: dict[str, Any]) -> str:
    parts = []
    for ring in _rings(geometry):
        points = simplify([project(lon, lat) for lon, lat in ring], TOLERANCE)
        if len(points) < 3:
            continue
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


@cache
def municipality_shapes() -> tuple[Shape, ...]:
    names = {row["kommunkod"]: row["kommun"] for row in reference.municipalities()}
    shapes = []
    for feature in reference.municipality_boundaries()["features"]:
        props = feature["properties"]
        code = str(props["id"]).zfill(4)
        shapes.append(
            Shape(
                code, names.get(code, props.get("kom_namn", code)), str(props["lan_code"]), _path(feature["geometry"])
            )
        )
    return tuple(sorted(shapes, key=lambda s: s.code))


@cache
def county_shapes() -> tuple[Shape, ...]:
    names = {row["county_code"]: row["county_name"] for row in reference.counties()}
    shapes = []
    for feature in reference.county_boundaries()["features"]:
        code = str(feature["properties"]["l_id"]).zfill(2)
        shapes.append(
            Shape(code, names.get(code, feature["properties"].get("name", code)), code, _path(feature["geometry"]))
        )
    return tuple(sorted(shapes, key=lambda s: s.code))


@cache
def view_box() -> str:
    xs: list[float] = []
    ys: list[float] = []
    for feature in reference.county_boundaries()["features"]:
        for ring in _rings(feature["geometry"]):
            for lon, lat in ring:
                x, y = project(lon, lat)
                xs.append(x)
                ys.append(y)
    pad = 4
    return (
        f"{min(xs) - pad:.0f} {min(ys) - pad:.0f} {max(xs) - min(xs) + 2 * pad:.0f} {max(ys) - min(ys) + 2 * pad:.0f}"
    )


# ------------------------------------------------------------------ figures


def published(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """What the map counts: published initiatives (not supplier templates, drafts or archived records)."""
    return queryset.filter(status=Initiative.Status.PUBLISHED, record_type=Initiative.RecordType.INITIATIVE)


def counts_by_municipality(queryset: QuerySet[Initiative]) -> dict[str, int]:
    """Initiatives per kommunkod where the municipality leads or is a partner (the same rule as the list filter)."""
    counts: dict[str, int] = defaultdict(int)
    leads = queryset.exclude(lead_organisation__municipality_code=None).values("lead_organisation__municipality_code")
    for code, n in (
        leads.annotate(n=Count("pk", distinct=True)).order_by().values_list("lead_organisation__municipality_code", "n")
    ):
        counts[str(code)] += n
    partners = Initiative.partners.through.objects.filter(
        initiative__in=queryset.values("pk"), organisation__municipality_code__isnull=False
    )
    per_partner = partners.values("organisation__municipality_code").annotate(n=Count("initiative", distinct=True))
    for code, n in per_partner.order_by().values_list("organisation__municipality_code", "n"):  # type: ignore[misc]
        counts[str(code)] += n
    return dict(counts)


def counts_by_county(queryset: QuerySet[Initiative]) -> dict[str, int]:
    """Initiatives per länskod of the lead organisation (regions count for theirs), as the list's county filter."""
    rows = queryset.exclude(lead_organisation__county=None).values("lead_organisation__county__code")
    return {r["lead_organisation__county__code"]: r["n"] for r in rows.annotate(n=Count("pk")).order_by()}


PARTICIPATION = ("published", "members", "none")


def participation(queryset: QuerySet[Initiative], level: str = "municipality") -> dict[str, str]:
    """Per area: has published initiatives / has members but nothing published / not yet taking part."""
    counts = counts_by_county(queryset) if level == "county" else counts_by_municipality(queryset)
    key = "organisation__county__code" if level == "county" else "organisation__municipality_code"
    active = Membership.objects.filter(
        status=Membership.Status.ACTIVE, organisation__status=Organisation.Status.APPROVED
    )
    with_members = {code for code in active.values_list(key, flat=True).distinct() if code}
    shapes = county_shapes() if level == "county" else municipality_shapes()
    result = {}
    for shape in shapes:
        if counts.get(shape.code):
            result[shape.code] = "published"
        elif shape.code in with_members:
            result[shape.code] = "members"
        else:
            result[shape.code] = "none"
    return result


# ------------------------------------------------------------------ colours

# Sequential blues; the lightest still separates from the page, the darkest keeps white text readable.
# The first class (one initiative) is clearly darker than none, so a single initiative shows on the map.
BUCKETS: tuple[tuple[int, int | None, str], ...] = (
    (0, 0, "#f7f9fb"),
    (1, 1, "#8cc0e3"),
    (2, 3, "#4f97cc"),
    (4, 9, "#2169a8"),
    (10, 24, "#103f78"),
    (25, None, "#061f40"),
)
PARTICIPATION_COLOURS = {"published": "#1d6b2f", "members": "#e0a100", "none": "#f2f5f8"}


def colour(count: int) -> str:
    for low, high, fill in BUCKETS:
        if count >= low and (high is None or count <= high):
            return fill
    return BUCKETS[-1][2]


_NUMBER_PAIR = __import__("re").compile(r"(-?\d+(?:\.\d+)?)[ ,](-?\d+(?:\.\d+)?)")


def bounding_box(shapes: Iterable[Shape], margin: float = 4.0) -> str:
    """An SVG viewBox around the shapes (to zoom in on a county, e.g. the metropolitan ones), "" without shapes."""
    xs: list[float] = []
    ys: list[float] = []
    for shape in shapes:
        for x, y in _NUMBER_PAIR.findall(shape.path):
            xs.append(float(x))
            ys.append(float(y))
    if not xs:
        return ""
    left, top = min(xs) - margin, min(ys) - margin
    width, height = max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin
    return f"{left:.1f} {top:.1f} {width:.1f} {height:.1f}"
