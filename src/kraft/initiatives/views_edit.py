"""Pages that change initiatives. Each hands the cleaned form to ``services`` and shows its refusals clearly."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.initiatives import roi, selectors, services
from kraft.initiatives.forms import CopyForm, CostForm, EffectForm, InitiativeForm, apply_service_errors
from kraft.initiatives.models import Cost, Effect, Initiative


def _editable(request: HttpRequest, pk: int) -> Initiative:
    initiative = selectors.get_initiative_for_user(request.user, pk)
    if not services.can_edit(request.user, initiative):
        raise PermissionDenied(_("Du behöver vara redaktör i den ansvariga organisationen."))
    return initiative


@login_required
def create_view(request: HttpRequest) -> HttpResponse:
    if not services.can_create_any(request.user):
        raise PermissionDenied(_("Du behöver vara redaktör i en organisation för att lägga till initiativ."))
    preset = request.GET.get("organisation", "")
    form = InitiativeForm(
        request.POST or None, user=request.user, initial={"lead_organisation": preset} if preset.isdigit() else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.create_initiative(
                request.user,
                form.content_data(),
                lead_organisation=form.cleaned_data["lead_organisation"],
                partners=form.cleaned_data["partners"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Utkastet är sparat och syns bara för er organisation. Nästa steg: lägg till effekter och "
                    "kostnader, sedan granskar och publicerar du."
                ),
            )
            return redirect("initiatives:effects", initiative.pk)
    return render(request, "initiatives/form.html", {"form": form, "initiative": None})


@login_required
def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _editable(request, pk)
    form = InitiativeForm(request.POST or None, instance=initiative, user=request.user)
    stale: services.StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data.get("version") or 0
        try:
            services.update_initiative(
                request.user, initiative, form.content_data(), expected, partners=form.cleaned_data["partners"]
            )
        except services.StaleEdit as conflict:
            stale = conflict
            data = request.POST.copy()
            data["version"] = str(conflict.current_version)  # saving again is now a deliberate choice
            form = InitiativeForm(data, instance=Initiative.objects.get(pk=initiative.pk), user=request.user)
            form.is_valid()
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("initiatives:detail", initiative.pk)
    return render(
        request,
        "initiatives/form.html",
        {"form": form, "initiative": initiative, "stale": stale, "stale_changes": stale.labelled() if stale else []},
    )


@login_required
def publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what will become public, and a button to confirm; POST: publish."""
    initiative = _editable(request, pk)
    if request.method == "POST":
        try:
            version = services.publish_initiative(request.user, initiative)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Initiativet är publicerat som version %(number)s.") % {"number": version.number}
            )
        return redirect("initiatives:detail", initiative.pk)
    effects = list(Effect.objects.filter(initiative=initiative).order_by("id"))
    costs = list(Cost.objects.filter(initiative=initiative).order_by("id"))
    context = {
        "initiative": initiative,
        "partners": list(initiative.partners.all()),
        "effect_values": [(e, roi.effect_annual_value(e)) for e in effects],
        "costs": costs,
        "figures": roi.compute(initiative, effects=effects, costs=costs),
    }
    return render(request, "initiatives/publish_confirm.html", context)


@login_required
@require_POST
def archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _editable(request, pk)
    services.archive_initiative(request.user, initiative)
    messages.success(request, _("Initiativet är arkiverat."))
    return redirect("initiatives:detail", initiative.pk)


@login_required
def copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = selectors.get_initiative_for_user(request.user, pk)
    if not services.can_create_any(request.user):
        raise PermissionDenied(_("Du behöver vara redaktör i en organisation för att utgå från ett initiativ."))
    form = CopyForm(request.POST or None, user=request.user, initial={"title": source.title})
    if request.method == "POST" and form.is_valid():
        copy = services.copy_initiative(
            request.user, source, form.cleaned_data["organisation"], title=form.cleaned_data["title"]
        )
        messages.success(request, _("Ett nytt utkast har skapats utifrån %(title)s.") % {"title": source.title})
        return redirect("initiatives:edit", copy.pk)
    return render(request, "initiatives/copy.html", {"form": form, "initiative": source})


# ------------------------------------------------------------------ effects and costs


def _new_effect_form(initiative: Initiative, data: Any = None) -> EffectForm:
    return EffectForm(data, prefix="effect", default_hourly_cost=roi.default_hourly_cost(initiative.lead_organisation))


def _economy(request: HttpRequest, initiative: Initiative, **forms: Any) -> HttpResponse:
    effects = list(Effect.objects.filter(initiative=initiative).order_by("id"))
    costs = list(Cost.objects.filter(initiative=initiative).order_by("id"))
    context = {
        "initiative": initiative,
        "effects": effects,
        "costs": costs,
        "can_publish": True,
        "effect_form": forms.get("effect_form") or _new_effect_form(initiative),
        "cost_form": forms.get("cost_form") or CostForm(prefix="cost"),
        "figures": roi.compute(initiative, effects=effects, costs=costs),
        "effect_values": [(e, roi.effect_annual_value(e)) for e in effects],
    }
    return render(request, "initiatives/effects.html", context)


@login_required
def effects_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Effects and costs of one initiative, each added with its own small form."""
    initiative = _editable(request, pk)
    if request.method != "POST":
        return _economy(request, initiative)
    if "change_unit" in request.POST:  # without JavaScript: show the fields of the unit just chosen
        rechosen = EffectForm.rechosen(request.POST, prefix="effect")
        return _economy(request, initiative, effect_form=rechosen)
    if "add_effect" in request.POST:
        effect_form = _new_effect_form(initiative, request.POST)
        if effect_form.is_valid():
            add_effect = partial(services.add_effect, request.user, initiative)
            if done := _saved(request, effect_form, add_effect, _("Effekten är tillagd."), initiative):
                return done
        return _economy(request, initiative, effect_form=effect_form)
    cost_form = CostForm(request.POST, prefix="cost")
    if cost_form.is_valid():
        add_cost = partial(services.add_cost, request.user, initiative)
        if done := _saved(request, cost_form, add_cost, _("Kostnaden är tillagd."), initiative):
            return done
    return _economy(request, initiative, cost_form=cost_form)


def _saved(
    request: HttpRequest, form: Any, save: Callable[[dict[str, Any]], object], message: str, initiative: Initiative
) -> HttpResponse | None:
    """Hands the form's data to a service; on success back to the effects page, else the errors onto the form."""
    try:
        save(form.data_for_service())
    except ValidationError as error:
        apply_service_errors(form, error)
        return None
    messages.success(request, message)
    return redirect("initiatives:effects", initiative.pk)


@login_required
def effect_edit_view(request: HttpRequest, pk: int, effect_id: int) -> HttpResponse:
    initiative = _editable(request, pk)
    effect = get_object_or_404(Effect, pk=effect_id, initiative=initiative)
    if "change_unit" in request.POST:
        form = EffectForm.rechosen(request.POST, instance=effect)
        return render(request, "initiatives/item_form.html", {"form": form, "initiative": initiative, "kind": "effect"})
    form = EffectForm(request.POST or None, instance=effect)
    if request.method == "POST" and form.is_valid():
        update = partial(services.update_effect, request.user, effect)
        if done := _saved(request, form, update, _("Effekten är ändrad."), initiative):
            return done
    return render(request, "initiatives/item_form.html", {"form": form, "initiative": initiative, "kind": "effect"})


@login_required
def cost_edit_view(request: HttpRequest, pk: int, cost_id: int) -> HttpResponse:
    initiative = _editable(request, pk)
    cost = get_object_or_404(Cost, pk=cost_id, initiative=initiative)
    form = CostForm(request.POST or None, instance=cost)
    if request.method == "POST" and form.is_valid():
        update = partial(services.update_cost, request.user, cost)
        if done := _saved(request, form, update, _("Kostnaden är ändrad."), initiative):
            return done
    return render(request, "initiatives/item_form.html", {"form": form, "initiative": initiative, "kind": "cost"})


@login_required
@require_POST
def effect_delete_view(request: HttpRequest, pk: int, effect_id: int) -> HttpResponse:
    initiative = _editable(request, pk)
    services.delete_effect(request.user, get_object_or_404(Effect, pk=effect_id, initiative=initiative))
    messages.success(request, _("Effekten är borttagen."))
    return redirect("initiatives:effects", initiative.pk)


@login_required
@require_POST
def cost_delete_view(request: HttpRequest, pk: int, cost_id: int) -> HttpResponse:
    initiative = _editable(request, pk)
    services.delete_cost(request.user, get_object_or_404(Cost, pk=cost_id, initiative=initiative))
    messages.success(request, _("Kostnaden är borttagen."))
    return redirect("initiatives:effects", initiative.pk)
