"""Portfolio pages: the ranking with reasons, weights (preview and save), selection, decisions, export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.assessments import exports
from kraft.initiatives.models import Initiative
from kraft.organisations.models import Organisation
from kraft.portfolio import scoring, selectors, services
from kraft.portfolio.rules import CRITERIA

COLUMNS = [
    "rank",
    "kind",
    "id",
    "title",
    "total",
    "low",
    "high",
    "uncertain",
    "score_value",
    "score_feasibility",
    "score_risk",
    "score_reuse",
    "annual_value",
    "roi",
    "total_cost",
    "value_basis",
    "person_hours",
    "rank_best",
    "rank_worst",
    "url",
    "reasons",
]


_error_messages = services.messages_of


@login_required
def index(request: HttpRequest) -> HttpResponse:
    organisations = list(selectors.my_organisations(request.user))
    if len(organisations) == 1:
        return redirect("portfolio:detail", organisations[0].pk)
    return render(request, "portfolio/index.html", {"organisations": organisations})


def _requested_weights(request: HttpRequest) -> tuple[dict[str, int] | None, list[str], dict[str, str]]:
    raw = {c: request.GET.get(f"w_{c}", "") for c in CRITERIA}
    if not any(raw.values()):
        return None, [], {}
    try:
        return services.parse_weights(raw), [], raw
    except ValidationError as error:
        return None, _error_messages(error), raw


def _context(request: HttpRequest, organisation: Organisation, params: Any = None, **extra: Any) -> dict[str, Any]:
    params = request.GET if params is None else params
    weights, weight_errors, typed = _requested_weights(request)
    if "weight_errors" in extra:
        weight_errors, typed = extra.pop("weight_errors"), extra.pop("typed")
    portfolio = selectors.build(request.user, organisation, weights, with_sensitivity=True)
    context: dict[str, Any] = {
        "organisation": organisation,
        "portfolio": portfolio,
        "weight_errors": weight_errors,
        "weight_values": typed or {k: str(v) for k, v in portfolio.weights.items()},
        "weight_version": selectors.weight_version(organisation),
        "can_decide": services.can_decide(request.user, organisation),
        "can_estimate": services.can_estimate(request.user, organisation),
        "criteria": CRITERIA,
        "decisions": selectors.decisions_of(organisation)[:5],
        "limit": {"budget": params.get("budget", ""), "hours": params.get("hours", "")},
    }
    if params.get("budget") or params.get("hours"):
        try:
            amount, hours = services.parse_limit(params.get("budget"), params.get("hours"))
        except ValidationError as error:
            context["limit_errors"] = _error_messages(error)
        else:
            context["selection"] = scoring.select(portfolio.ranked, budget=amount, hours=hours)
    context.update(extra)
    return context


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, pk)
    context = _context(request, organisation)
    status = 400 if context["weight_errors"] or context.get("limit_errors") else 200
    return render(request, "portfolio/detail.html", context, status=status)


@login_required
@require_POST
def save_weights(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, pk)
    raw = {c: request.POST.get(f"w_{c}", "") for c in CRITERIA}
    version = request.POST.get("version", "")
    try:
        services.save_weights(request.user, organisation, raw, int(version) if version.isdigit() else None)
    except (ValidationError, services.StaleEdit) as error:
        errors = _error_messages(error) if isinstance(error, ValidationError) else [str(error)]
        context = _context(request, organisation, weight_errors=errors, typed=raw)
        return render(request, "portfolio/detail.html", context, status=400)
    messages.success(request, _("Vikterna är sparade. Rangordningen nedan använder dem."))
    return redirect("portfolio:detail", organisation.pk)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, pk)
    try:
        services.record_decision(
            request.user,
            organisation,
            budget=request.POST.get("budget"),
            hours=request.POST.get("hours"),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        context = _context(request, organisation, decision_errors=_error_messages(error), decision_values=request.POST)
        return render(request, "portfolio/detail.html", context, status=400)
    messages.success(request, _("Beslutet är sparat i beslutsloggen."))
    return redirect("portfolio:decisions", organisation.pk)


@login_required
@require_POST
def estimate(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, pk)
    raw = request.POST.get("initiative", "")
    initiative = get_object_or_404(Initiative, pk=int(raw) if raw.isdigit() else 0, lead_organisation=organisation)
    try:
        services.set_estimate(request.user, organisation, initiative, request.POST.get("person_hours"))
    except ValidationError as error:
        context = _context(request, organisation, estimate_errors=_error_messages(error))
        return render(request, "portfolio/detail.html", context, status=400)
    messages.success(request, _("Timuppskattningen är sparad."))
    return redirect("portfolio:detail", organisation.pk)


@login_required
def decisions(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, pk)
    return render(
        request,
        "portfolio/decisions.html",
        {"organisation": organisation, "decisions": selectors.decisions_of(organisation)},
    )


@login_required
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, pk)
    weights, _errors, _typed = _requested_weights(request)
    portfolio = selectors.build(request.user, organisation, weights, with_sensitivity=True)
    rows = [scoring.as_record(s) for s in portfolio.ranked]
    about = {
        "organisation": organisation.name,
        "vikter": portfolio.weights,
        "poängreglernas version": portfolio.rules.version,
    }
    return exports.download(fmt, f"kraft-portfolj-{organisation.pk}", "Portfölj", COLUMNS, rows, about)
