"""The national map: municipalities or counties coloured by published initiatives, and who takes part."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kraft.initiatives import filters, maps, selectors
from kraft.initiatives.models import Initiative, Technique, WelfareArea

VIEWS = {
    "municipality": _("Kommuner"),
    "county": _("Län"),
    "participation": _("Deltagande"),
}
FACET_PARAMS = ("area", "technique", "stage", "risk_class", "evaluated")
PARTICIPATION_LABELS = {
    "published": _("Har publicerade initiativ"),
    "members": _("Har medlemmar men inget publicerat"),
    "none": _("Deltar inte ännu"),
}
SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "Å": "{", "Ä": "|", "Ö": "}"})


def sv_key(text: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z."""
    return text.lower().translate(SWEDISH_ORDER)


def facet_query(params: QueryDict) -> QueryDict:
    """Only the facets the map understands, so that links to the list carry exactly those."""
    query = QueryDict(mutable=True)
    for name in FACET_PARAMS:
        for value in filters.values(params, name):
            query.appendlist(name, value)
    return query


def initiatives_for(request: HttpRequest, params: QueryDict) -> Any:
    return maps.published(filters.apply(selectors.visible_initiatives(request.user), params))


def list_link(query: QueryDict, name: str, code: str) -> str:
    link = query.copy()
    link[name] = code
    return f"{reverse('initiatives:list')}?{link.urlencode()}"


def _legend(view: str) -> list[dict[str, str]]:
    if view == "participation":
        return [{"fill": maps.PARTICIPATION_COLOURS[k], "label": str(v)} for k, v in PARTICIPATION_LABELS.items()]
    legend = []
    for low, high, fill in maps.BUCKETS:
        if high is None:
            label = _("%(low)s eller fler") % {"low": low}
        elif low == high:
            label = str(low)
        else:
            label = f"{low}–{high}"
        legend.append({"fill": fill, "label": str(label)})
    return legend


def map_areas(request: HttpRequest, view: str, query: QueryDict) -> list[dict[str, Any]]:
    queryset = initiatives_for(request, query)
    level = "county" if view == "county" else "municipality"
    shapes = maps.county_shapes() if level == "county" else maps.municipality_shapes()
    counts = maps.counts_by_county(queryset) if level == "county" else maps.counts_by_municipality(queryset)
    status = maps.participation(queryset, level)
    counties = {s.code: s.name for s in maps.county_shapes()}
    param = "county" if level == "county" else "municipality"
    areas = []
    for shape in shapes:
        count = counts.get(shape.code, 0)
        fill = maps.PARTICIPATION_COLOURS[status[shape.code]] if view == "participation" else maps.colour(count)
        areas.append(
            {
                "code": shape.code,
                "name": shape.name,
                "county": counties.get(shape.county_code, ""),
                "path": shape.path,
                "count": count,
                "fill": fill,
                "participation": status[shape.code],
                "participation_label": PARTICIPATION_LABELS[status[shape.code]],
                "url": list_link(query, param, shape.code),
            }
        )
    return areas


METROPOLITAN = ("01", "14", "12")  # Stockholms, Västra Götalands and Skåne län: many small municipalities


def _zoom(request: HttpRequest, view: str) -> tuple[str, str]:
    """The county to zoom in on (``?zoom=01``) and its viewBox; the whole country when none."""
    code = request.GET.get("zoom", "")[:2]
    if view == "county" or not code.isdigit():
        return "", maps.view_box()
    box = maps.bounding_box(s for s in maps.municipality_shapes() if s.county_code == code)
    return (code, box) if box else ("", maps.view_box())


def _my_municipality(request: HttpRequest) -> dict[str, str] | None:
    """The first municipality among the person's organisations (its code, name and county), for "min kommun"."""
    from kraft.accounts import permissions

    if not request.user.is_authenticated:
        return None
    from kraft.organisations.models import Organisation

    found = (
        Organisation.objects.filter(pk__in=permissions.member_organisation_ids(request.user))
        .exclude(municipality_code="")
        .select_related("county")
        .order_by("name")
        .first()
    )
    if found is None:
        return None
    return {
        "code": found.municipality_code or "",
        "name": found.name,
        "county": found.county.code if found.county else "",
    }


def map_view(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", "municipality")
    if view not in VIEWS:
        view = "municipality"
    query = facet_query(request.GET)
    areas = map_areas(request, view, query)
    zoom, view_box = _zoom(request, view)
    counties = {s.code: s.name for s in maps.county_shapes()}
    table = sorted(areas, key=lambda a: sv_key(a["name"]))
    context = {
        "view": view,
        "views": [
            {"key": key, "label": label, "url": _view_url(key, query), "current": key == view}
            for key, label in VIEWS.items()
        ],
        "areas": areas,
        "table": table,
        "view_box": view_box,
        "zoom": zoom,
        "zoom_name": counties.get(zoom, ""),
        "zooms": [(code, counties.get(code, code)) for code in METROPOLITAN],
        "mine": _my_municipality(request),
        "legend": _legend(view),
        "total": sum(a["count"] for a in areas) if view == "county" else None,
        "participation_totals": _participation_totals(areas),
        "areas_with": sum(1 for a in areas if a["count"]),
        "level_label": VIEWS["county"] if view == "county" else VIEWS["municipality"],
        "facet_form": _facet_form(request.GET),
        "selected_facets": bool(query),
        "query": query.urlencode(),
    }
    return render(request, "initiatives/map.html", context)


def _view_url(key: str, query: QueryDict) -> str:
    link = query.copy()
    link["view"] = key
    return f"{reverse('initiatives:map')}?{link.urlencode()}"


def _participation_totals(areas: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"key": key, "label": label, "count": sum(1 for a in areas if a["participation"] == key)}
        for key, label in PARTICIPATION_LABELS.items()
    ]


def _facet_form(params: QueryDict) -> list[dict[str, Any]]:
    chosen = {name: set(filters.values(params, name)) for name in FACET_PARAMS}
    options: dict[str, list[tuple[str, Any]]] = {
        "area": [(a.slug, a.label) for a in WelfareArea.objects.all()],
        "technique": [(t.slug, t.label) for t in Technique.objects.all()],
        "stage": [(value, label) for value, label in Initiative.Stage.choices],
        "risk_class": [(value, label) for value, label in Initiative.RiskClass.choices],
        "evaluated": [("1", _("Bara utvärderade"))],
    }
    labels = {
        "area": _("Verksamhetsområde"),
        "technique": _("AI-teknik"),
        "stage": _("Fas"),
        "risk_class": _("Riskklass (AI-förordningen)"),
        "evaluated": _("Utvärdering"),
    }
    return [
        {
            "name": name,
            "label": labels[name],
            "options": [{"value": v, "label": label, "selected": v in chosen[name]} for v, label in options[name]],
        }
        for name in FACET_PARAMS
    ]
