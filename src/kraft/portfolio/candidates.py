"""What the portfolio ranks: the organisation's initiatives (and needs, once ``kraft.needs`` is installed).

Everything is read through other apps' selectors and the registry's one ROI engine (``kraft.initiatives.roi``),
so the annual value, cost and ROI here are the very figures of the initiative pages.
"""

from __future__ import annotations

from decimal import Decimal
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from kraft.assessments import selectors as assessment_selectors
from kraft.initiatives import roi
from kraft.initiatives import selectors as initiative_selectors
from kraft.initiatives.models import Effect, Initiative
from kraft.organisations.models import Organisation
from kraft.portfolio.models import Estimate
from kraft.portfolio.rules import Rules
from kraft.portfolio.scoring import Candidate

CLOSED_STAGES = (Initiative.Stage.ENDED,)


def needs_available() -> bool:
    return apps.is_installed("kraft.needs")


def _maturity(user: Any, organisation: Organisation, rules: Rules) -> dict[str, tuple[int | None, str]]:
    from kraft.assessments import bank as banks
    from kraft.assessments.peers import levels_of

    latest = assessment_selectors.latest_visible(user, organisation)
    if latest is None:
        return {}
    levels = levels_of(latest)
    bank = banks.load(latest.bank_version)
    url = reverse("assessments:detail", args=[latest.pk])
    found = {}
    for dimension_id in rules.maturity_dimensions.values():
        found[str(bank.dimension(dimension_id).name)] = (levels.get(dimension_id), f"{url}#dim-{dimension_id}")
    return found


def _elsewhere(user: Any, initiative: Initiative) -> str:
    """A link to a published initiative elsewhere that already solves the same thing, or ""."""
    if initiative.reused_from_id:
        return reverse("initiatives:detail", args=[initiative.reused_from_id])
    for other in initiative_selectors.similar_initiatives(user, initiative, limit=3):
        if other.is_evaluated and other.lead_organisation_id != initiative.lead_organisation_id:
            return reverse("initiatives:detail", args=[other.pk])
    return ""


def _people(initiative: Initiative) -> Decimal:
    return sum((e.people or Decimal(0) for e in initiative.effects.all()), Decimal(0))


def initiatives_of(user: Any, organisation: Organisation, rules: Rules) -> list[Candidate]:
    visible = initiative_selectors.initiatives_for_organisation(user, organisation).order_by().values("pk")
    queryset = (
        Initiative.objects.filter(
            pk__in=visible, lead_organisation=organisation, record_type=Initiative.RecordType.INITIATIVE
        )
        .exclude(status=Initiative.Status.ARCHIVED)
        .exclude(stage__in=CLOSED_STAGES)
        .order_by("title", "pk")
        .prefetch_related(Prefetch("effects", queryset=Effect.objects.order_by("id")), "costs")
        .annotate(partner_count=Count("partners", distinct=True), reuse_count=Count("reuses", distinct=True))
    )
    maturity = _maturity(user, organisation, rules)
    hours = dict(Estimate.objects.filter(organisation=organisation).values_list("initiative_id", "person_hours"))
    labels = dict(Initiative.RiskClass.choices)
    initiatives = list(queryset)
    obligations = _open_obligations([i.pk for i in initiatives])
    out = []
    for initiative in initiatives:
        figures = roi.compute(initiative)
        signals = initiative.partner_count + initiative.reuse_count
        out.append(
            Candidate(
                kind="initiative",
                pk=initiative.pk,
                title=initiative.title,
                url=reverse("initiatives:detail", args=[initiative.pk]),
                stage=initiative.stage,
                annual_value=figures.annual_value,
                roi=figures.roi,
                total_cost=figures.total_cost,
                value_basis=figures.value_basis,
                people_reached=_people(initiative),
                risk_class=initiative.risk_class,
                risk_label=str(labels.get(initiative.risk_class, "")),
                personal_data=bool(initiative.uses_personal_data),
                sensitive_data=bool(initiative.uses_sensitive_data),
                open_obligations=None if obligations is None else obligations.get(initiative.pk, 0),
                risk_confirmed=bool(getattr(initiative, "risk_class_confirmed", False)),
                triage_url=_triage_url(initiative) if obligations is not None else "",
                data_described=bool(initiative.data_description.strip()),
                solution_elsewhere_url=_elsewhere(user, initiative),
                reuse_signals=signals,
                reuse_detail=_reuse_text(initiative.partner_count, initiative.reuse_count),
                person_hours=hours.get(initiative.pk),
                maturity=maturity,
            )
        )
    return out


def _reuse_text(partners: int, reuses: int) -> str:
    return _("%(p)s partnerorganisationer, återanvänt av %(r)s") % {"p": partners, "r": reuses}


def _open_obligations(ids: list[int]) -> dict[int, int] | None:
    """Open AI Act obligations per initiative from the triage app (None when it is not installed)."""
    function = _function("kraft.triage.selectors", "open_obligations") if apps.is_installed("kraft.triage") else None
    if function is None:
        return None
    rows = function().filter(initiative_id__in=ids).values("initiative_id").annotate(n=Count("pk"))
    return {row["initiative_id"]: row["n"] for row in rows}


def _triage_url(initiative: Initiative) -> str:
    from django.urls import NoReverseMatch

    try:
        return reverse("triage:initiative", args=[initiative.pk])
    except NoReverseMatch:
        return ""


def _function(module: str, *names: str) -> Any:
    """The first of ``names`` that ``module`` offers, or None (the app may not be installed or may differ)."""
    try:
        found = import_module(module)
    except ImportError:
        return None
    return next((getattr(found, name) for name in names if hasattr(found, name)), None)


def _need_url(need: Any) -> str:
    from django.urls import NoReverseMatch

    if hasattr(need, "get_absolute_url"):
        return str(need.get_absolute_url())
    try:
        return reverse("needs:detail", args=[need.pk])
    except NoReverseMatch:
        return ""


def needs_of(user: Any, organisation: Organisation, rules: Rules) -> list[Candidate]:
    """The organisation's open needs, when the needs app is installed: scored on reuse (signals from other
    organisations) and risk; they carry no ROI until an initiative answers them."""
    if not needs_available():
        return []
    function = _function("kraft.needs.selectors", "needs_of_organisation", "needs_for_organisation")
    if function is None:
        return []
    out = []
    for need in function(user, organisation):
        if getattr(need, "status", "") in ("solved", "closed", "draft"):
            continue
        others = {s.organisation_id for s in need.signals.all()} - {organisation.pk}
        out.append(
            Candidate(
                kind="need",
                pk=need.pk,
                title=str(need),
                url=_need_url(need),
                reuse_signals=len(others),
                reuse_detail=_("%(n)s andra organisationer har samma behov") % {"n": len(others)},
            )
        )
    return out


def collect(user: Any, organisation: Organisation, rules: Rules) -> list[Candidate]:
    return initiatives_of(user, organisation, rules) + needs_of(user, organisation, rules)
