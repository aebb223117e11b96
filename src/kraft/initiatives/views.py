"""Pages that read the registry: the list, an initiative, its history, differences between versions, scaling.

Pages that write live in ``views_edit.py``; the map and statistics in ``views_map.py`` and ``views_stats.py``.
"""

from __future__ import annotations

import importlib.util
from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from kraft.initiatives import filters, roi, selectors, services, versions
from kraft.initiatives.forms import ScaleForm
from kraft.initiatives.models import Initiative

SORT_LABELS = (
    ("relevance", _("Relevans")),
    ("newest", _("Nyast")),
    ("title", _("Titel")),
    ("roi", _("Högst ROI")),
    ("value", _("Högst årligt värde")),
)


def list_view(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    swedish_only = not filters.values(params, "country")
    if swedish_only:
        params["country"] = "se"  # Swedish records first; a visible switch shows the rest of the world
    result = selectors.list_initiatives(request.user, params)
    sorts = [(key, label) for key, label in SORT_LABELS if key != "relevance" or result.text]
    country = next((f for f in result.facets if f.name == "country"), None)
    hidden = sum(o.count for o in country.options if o.value == "international") if country and swedish_only else 0
    elsewhere = _elsewhere(request, result.text) if result.text and not result.page.paginator.count else []
    return render(
        request,
        "initiatives/list.html",
        {
            "swedish_only": swedish_only,
            "hidden_foreign": hidden,
            "all_countries": filters.values(params, "country") == ["all"],
            "elsewhere": elsewhere,
            "page_obj": result.page,
            "facets": result.facets,
            "sort": result.sort,
            "sorts": sorts,
            "q": result.text,
            "municipality": ",".join(filters.values(request.GET, "municipality")),
            "municipality_name": _municipality_name(",".join(filters.values(request.GET, "municipality"))),
            "can_create": services.can_create_any(request.user),
            "export_formats": (("xlsx", "Excel"), ("csv-excel", _("CSV för Excel")), ("csv", "CSV"), ("json", "JSON")),
            "export_query": request.GET.urlencode(),
            "has_export": _module_exists("kraft.initiatives.exports"),
        },
    )


def _elsewhere(request: HttpRequest, text: str) -> list[tuple[str, str, int]]:
    """Other collections holding the text (the knowledge support above all), offered when the list is empty."""
    from kraft.search import federation, service
    from kraft.search.labels import collection_label

    others = ["passages", "organisations", "needs", "coalitions"]
    result = federation.search_everywhere(text, service.viewer_for(request.user), others, page_size=1)
    return [
        (name, str(collection_label(name)), count) for name, count in result.counts.items() if count and name in others
    ]


def _municipality_name(code: str) -> str:
    if not code:
        return ""
    from kraft.organisations.models import Organisation

    found = Organisation.objects.filter(municipality_code=code[:4]).values_list("name", flat=True).first()
    return found or code


def _module_exists(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def pdf_url(initiative: Initiative) -> str:
    try:
        return reverse("initiatives:pdf", args=[initiative.pk])
    except NoReverseMatch:
        return ""


def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.get_initiative_for_user(request.user, pk)
    effects = list(initiative.effects.all())
    costs = list(initiative.costs.all())
    figures = roi.compute(initiative, effects=effects, costs=costs)
    reuses = list(selectors.reuses_of(request.user, initiative))
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "effects": [(effect, roi.effect_annual_value(effect)) for effect in effects],
            "costs": costs,
            "figures": figures,
            "partners": list(initiative.partners.all()),
            "reuses": reuses,
            "reused_from_visible": initiative.reused_from is not None
            and services.can_view(request.user, initiative.reused_from),
            "similar": selectors.similar_initiatives(request.user, initiative),
            "can_edit": services.can_edit(request.user, initiative),
            "can_copy": services.can_create_any(request.user),
            "pdf_url": pdf_url(initiative),
            "latest_version": selectors.versions_of(initiative).first(),
            "sections": initiative_sections(request, initiative),
        },
    )


def initiative_sections(request: HttpRequest, initiative: Initiative) -> list[object]:
    """Sections other apps add to the page through ``initiative_sections(request, initiative)`` in their hooks."""
    from kraft.organisations.extensions import hook_functions

    sections: list[object] = []
    for function in hook_functions("initiative_sections"):
        sections.extend(function(request, initiative))
    return sections


def history_view(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.get_initiative_for_user(request.user, pk)
    history = list(selectors.versions_of(initiative))
    return render(request, "initiatives/history.html", {"initiative": initiative, "versions": history})


def diff_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Field by field difference between two published versions (``?from=1&to=2``; defaults to the last two)."""
    initiative = selectors.get_initiative_for_user(request.user, pk)
    history = {v.number: v for v in selectors.versions_of(initiative)}
    if not history:
        raise Http404
    numbers = sorted(history)
    to_number = _int(request.GET.get("to"), numbers[-1])
    from_number = _int(request.GET.get("from"), numbers[-2] if len(numbers) > 1 else numbers[-1])
    if from_number not in history or to_number not in history:
        raise Http404
    if from_number > to_number:
        from_number, to_number = to_number, from_number
    old, new = history[from_number], history[to_number]
    changes = versions.diff(old.snapshot, new.snapshot)
    return render(
        request,
        "initiatives/diff.html",
        {
            "initiative": initiative,
            "old": old,
            "new": new,
            "changes": [_displayable(c) for c in changes],
            "numbers": numbers,
        },
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _displayable(change: versions.FieldChange) -> dict[str, object]:
    """Effects, costs and figures are lists or dicts: show them as readable lines."""

    def lines(value: object) -> list[str]:
        if isinstance(value, list):
            out = []
            for item in value:
                if isinstance(item, dict):
                    out.append(", ".join(f"{k}: {v}" for k, v in item.items() if v not in (None, "")))
                else:
                    out.append(str(item))
            return out
        if isinstance(value, dict):
            return [f"{k}: {v}" for k, v in value.items() if v not in (None, "")]
        return [] if value in (None, "") else [str(value)]

    return {"name": change.name, "label": change.label, "old": lines(change.old), "new": lines(change.new)}


def scaled_view(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.get_initiative_for_user(request.user, pk)
    form = ScaleForm(request.GET or None)
    figures = roi.compute(initiative)
    scaled = None
    if form.is_bound and form.is_valid():
        scaled = roi.scaled_impact(
            initiative,
            form.cleaned_data["n"],
            form.cleaned_data["adoption"],
            form.cleaned_data["replication_cost"],
            figures=figures,
        )
    elif not form.is_bound:
        scaled = roi.scaled_impact(initiative, 10, Decimal("0.5"), figures=figures)
    return render(
        request,
        "initiatives/scaled.html",
        {"initiative": initiative, "form": form, "figures": figures, "scaled": scaled},
    )
