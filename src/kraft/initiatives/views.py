"""Pages that read the registry: the list, an initiative, its history, differences between versions, scaling.

Pages that write live in ``views_edit.py``; the map and statistics in ``views_map.py`` and ``views_stats.py``.
"""

from __future__ import annotations

import importlib.util
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from kraft.initiatives import filters, roi, selectors, services, versions
from kraft.initiatives import history as history_in_words
from kraft.initiatives.forms import ScaleForm
from kraft.initiatives.models import Initiative
from kraft.organisations.models import Organisation

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
            "partners": [
                (partner, confirmed, not confirmed and services.can_edit_org(request.user, partner))
                for partner, confirmed in selectors.partners_of(initiative)
            ],
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


@login_required
@require_POST
def partner_answer_view(request: HttpRequest, pk: int, organisation_pk: int, answer: str) -> HttpResponse:
    """A partner's editor confirms (``bekrafta``) or declines (``avboj``) being listed on the initiative."""
    initiative = selectors.get_initiative_for_user(request.user, pk)
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    try:
        if answer == "bekrafta":
            services.confirm_partnership(request.user, initiative, organisation)
            messages.success(request, _("%(org)s är bekräftad som partner.") % {"org": organisation})
        else:
            services.decline_partnership(request.user, initiative, organisation)
            messages.success(request, _("%(org)s är inte längre listad som partner.") % {"org": organisation})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("initiatives:detail", pk=initiative.pk)


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
            "changes": history_in_words.describe_all(changes),
            "numbers": numbers,
        },
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


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
