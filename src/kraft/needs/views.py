"""Pages of needs: list, a need with its signals and suggestions, writing, publishing, status and signals.

The map, statistics and open data are in ``views_data.py``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.accounts import permissions
from kraft.initiatives.forms import apply_service_errors
from kraft.initiatives.models import WelfareArea
from kraft.needs import selectors, services
from kraft.needs.forms import NeedForm, SignalForm, StatusForm
from kraft.needs.models import Need, Signal
from kraft.organisations.models import County


def list_view(request: HttpRequest) -> HttpResponse:
    needs = selectors.list_needs(request.user, request.GET)
    page = Paginator(needs, 20).get_page(request.GET.get("page"))
    filters = selectors.NeedFilters.from_query(request.GET)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "needs/list.html",
        {
            "page_obj": page,
            "filters": filters,
            "areas": WelfareArea.objects.all(),
            "counties": County.objects.all(),
            "statuses": [c for c in Need.Status.choices if c[0] != Need.Status.DRAFT],
            "can_create": services.can_create_any(request.user),
            "query": query.urlencode(),
        },
    )


def _suggestions(request: HttpRequest, need: Need) -> Any:
    try:
        from kraft.matchmaking import suggestions
    except ImportError:  # pragma: no cover - matchmaking is part of Kraft
        return None
    return suggestions.for_need(request.user, need)


def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = selectors.get_need_for_user(request.user, pk)
    signals = list(need.signals.all())
    own = permissions.member_organisation_ids(request.user)
    context = {
        "need": need,
        "signals": signals,
        "signal_counts": {kind: sum(1 for s in signals if s.kind == kind) for kind in Signal.Kind.values},
        "signal_form": SignalForm(user=request.user) if own and not need.is_draft else None,
        "own_signals": [s for s in signals if s.organisation_id in own],
        "status_form": StatusForm(initial={"status": need.status}),
        "can_edit": services.can_edit(request.user, need),
        "latest_version": selectors.versions_of(need).first(),
        "suggestions": None if need.is_draft else _suggestions(request, need),
        "signal_kinds": Signal.Kind.choices,
        "contact_url": _contact_url(request, need, own),
    }
    context.update(_coalition_context(request, need))
    return render(request, "needs/detail.html", context)


def _contact_url(request: HttpRequest, need: Need, own: set[int]) -> str:
    """Write to the need's contact role (never to a person's address) when signed in for another organisation."""
    if need.is_draft or not own or own == {need.organisation_id}:
        return ""
    from django.urls import NoReverseMatch, reverse

    try:
        return f"{reverse('messaging:new')}?behov={need.pk}"
    except NoReverseMatch:  # pragma: no cover - messaging is part of Kraft
        return ""


def _coalition_context(request: HttpRequest, need: Need) -> dict[str, Any]:
    try:
        from kraft.coalitions import selectors as coalitions
    except ImportError:  # pragma: no cover
        return {}
    context: dict[str, Any] = coalitions.need_context(request.user, need)
    return context


@login_required
def create_view(request: HttpRequest) -> HttpResponse:
    if not services.can_create_any(request.user):
        raise PermissionDenied(_("Du behöver vara redaktör i en organisation för att lägga till behov."))
    form = NeedForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.create_need(
                request.user,
                form.content_data(),
                organisation=form.cleaned_data["organisation"],
                initiatives=form.cleaned_data["initiatives"],
                publish="publish" in request.POST,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if need.is_draft:
                messages.success(request, _("Utkastet är sparat. Bara din organisation ser det tills du publicerar."))
            else:
                messages.success(request, _("Behovet är publicerat."))
            return redirect("needs:detail", need.pk)
    return render(request, "needs/form.html", {"form": form, "need": None})


def _editable(request: HttpRequest, pk: int) -> Need:
    need = selectors.get_need_for_user(request.user, pk)
    if not services.can_edit(request.user, need):
        raise PermissionDenied(_("Du behöver vara redaktör i organisationen som har behovet."))
    return need


@login_required
def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = _editable(request, pk)
    form = NeedForm(request.POST or None, instance=need, user=request.user)
    stale: services.StaleEdit | None = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_need(
                request.user,
                need,
                form.content_data(),
                form.cleaned_data.get("version") or 0,
                initiatives=form.cleaned_data["initiatives"],
            )
        except services.StaleEdit as conflict:
            stale = conflict
            data = request.POST.copy()
            data["version"] = str(conflict.current_version)
            form = NeedForm(data, instance=Need.objects.get(pk=need.pk), user=request.user)
            form.is_valid()
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("needs:detail", need.pk)
    return render(
        request,
        "needs/form.html",
        {"form": form, "need": need, "stale": stale, "stale_changes": stale.labelled() if stale else []},
    )


@login_required
@require_POST
def publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = _editable(request, pk)
    try:
        services.publish_need(request.user, need)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Behovet är publicerat."))
    return redirect("needs:detail", need.pk)


@login_required
@require_POST
def status_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = _editable(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj en giltig status."))
        return redirect("needs:detail", need.pk)
    try:
        services.set_need_status(
            request.user, need, form.cleaned_data["status"], solved_by=form.cleaned_data["solved_by"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Statusen är ändrad."))
    return redirect("needs:detail", need.pk)


def history_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = selectors.get_need_for_user(request.user, pk)
    return render(request, "needs/history.html", {"need": need, "versions": selectors.versions_of(need)})


@login_required
def signal_view(request: HttpRequest, pk: int) -> HttpResponse:
    need = selectors.get_need_for_user(request.user, pk)
    form = SignalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_signal(
                request.user,
                need,
                organisation=form.cleaned_data["organisation"],
                kind=form.cleaned_data["kind"],
                contributions=form.cleaned_data["contributions"],
                initiative=form.cleaned_data["initiative"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Signalen är registrerad."))
            return redirect("needs:detail", need.pk)
    return render(request, "needs/signal.html", {"need": need, "form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def signal_delete_view(request: HttpRequest, pk: int, signal_id: int) -> HttpResponse:
    need = selectors.get_need_for_user(request.user, pk)
    signal = get_object_or_404(Signal, pk=signal_id, need=need)
    services.remove_signal(request.user, signal)
    messages.success(request, _("Signalen är borttagen."))
    return redirect("needs:detail", need.pk)
