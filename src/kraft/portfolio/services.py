"""The only write path for portfolio weights, person-hour estimates and the decision log (each write audited)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kraft.accounts import permissions
from kraft.audit.services import record
from kraft.initiatives.models import Initiative
from kraft.organisations.models import Membership, Organisation
from kraft.portfolio import scoring, selectors
from kraft.portfolio.models import Decision, Estimate, WeightProfile
from kraft.portfolio.rules import CRITERIA

Actor = Any


class StaleEdit(Exception):
    pass


def _is_system(actor: Actor) -> bool:
    return isinstance(actor, str)


def can_decide(actor: Actor, organisation: Organisation | int) -> bool:
    """Organisation admins change the weights and record decisions."""
    return _is_system(actor) or permissions.has_role(actor, organisation, Membership.Role.ADMIN)


def can_estimate(actor: Actor, organisation: Organisation | int) -> bool:
    return _is_system(actor) or permissions.has_role(actor, organisation, Membership.Role.EDITOR)


def messages_of(error: ValidationError) -> list[str]:
    """Every message of a validation error, field errors included, in order."""
    if hasattr(error, "error_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)


def parse_weights(raw: Mapping[str, Any]) -> dict[str, int]:
    """Whole percentages, none negative, adding up to 100; otherwise a Swedish message per problem."""
    weights: dict[str, int] = {}
    errors: dict[str, list[str]] = {}
    for criterion in CRITERIA:
        value = raw.get(criterion)
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            errors[criterion] = [_("Ange vikten som ett heltal i procent.")]
            continue
        if number < 0:
            errors[criterion] = [_("En vikt kan inte vara negativ.")]
        weights[criterion] = number
    if errors:
        raise ValidationError(errors)
    total = sum(weights.values())
    if total != 100:
        raise ValidationError(_("Vikterna måste tillsammans bli 100 procent (nu %(sum)s).") % {"sum": total})
    return weights


@transaction.atomic
def save_weights(
    actor: Actor, organisation: Organisation, raw: Mapping[str, Any], expected_version: int | None = None
) -> WeightProfile:
    if not can_decide(actor, organisation):
        raise PermissionDenied(_("Bara organisationens administratörer kan ändra vikterna."))
    weights = parse_weights(raw)
    profile = WeightProfile.objects.select_for_update().filter(organisation=organisation).first()
    before = profile.as_dict() if profile else selectors.weights_for(organisation)
    if profile is None:
        profile = WeightProfile(organisation=organisation, **weights)
    else:
        if expected_version is not None and profile.version != expected_version:
            raise StaleEdit(_("Någon annan har ändrat vikterna sedan du öppnade sidan. Ladda om och försök igen."))
        for key, value in weights.items():
            setattr(profile, key, value)
        profile.version += 1
    profile.updated_by = None if _is_system(actor) else actor
    profile.save()
    record(actor, "portfolio.weights", profile, organisation=organisation, before=before, after=weights)
    return profile


@transaction.atomic
def set_estimate(actor: Actor, organisation: Organisation, initiative: Initiative, person_hours: Any) -> Estimate:
    if not can_estimate(actor, organisation):
        raise PermissionDenied(_("Du behöver vara redaktör i organisationen för att uppskatta timmar."))
    if initiative.lead_organisation_id != organisation.pk:
        raise ValidationError(_("Initiativet leds inte av organisationen."))
    try:
        hours = int(str(person_hours).strip())
    except (TypeError, ValueError) as exc:
        raise ValidationError({"person_hours": _("Ange persontimmar som ett heltal.")}) from exc
    if hours < 0:
        raise ValidationError({"person_hours": _("Persontimmar kan inte vara negativa.")})
    estimate, created = Estimate.objects.update_or_create(
        organisation=organisation,
        initiative=initiative,
        defaults={"person_hours": hours, "updated_by": None if _is_system(actor) else actor},
    )
    record(actor, "portfolio.estimate", estimate, organisation=organisation, after={"person_hours": hours})
    return estimate


def parse_limit(budget: Any, hours: Any) -> tuple[Decimal | None, int | None]:
    """A budget in kronor or a person-hour limit (exactly one), greater than zero."""
    budget_text = str(budget or "").strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    hours_text = str(hours or "").strip()
    if budget_text and hours_text:
        raise ValidationError(_("Ange antingen en budget eller en gräns för persontimmar, inte båda."))
    if not budget_text and not hours_text:
        raise ValidationError(_("Ange en budget i kronor eller en gräns för persontimmar."))
    if budget_text:
        try:
            amount = Decimal(budget_text)
        except InvalidOperation as exc:
            raise ValidationError({"budget": _("Budgeten måste vara ett belopp i kronor.")}) from exc
        if not amount.is_finite() or amount <= 0:
            raise ValidationError({"budget": _("Budgeten måste vara större än noll.")})
        return amount.quantize(Decimal("0.01")), None
    try:
        limit = int(hours_text)
    except ValueError as exc:
        raise ValidationError({"hours": _("Gränsen för persontimmar måste vara ett heltal.")}) from exc
    if limit <= 0:
        raise ValidationError({"hours": _("Gränsen för persontimmar måste vara större än noll.")})
    return None, limit


def _row(s: scoring.Scored) -> dict[str, Any]:
    c = s.candidate
    return {
        "kind": c.kind,
        "id": c.pk,
        "title": c.title,
        "rank": s.rank,
        "total": s.total,
        "total_cost": str(c.total_cost),
        "person_hours": c.person_hours,
    }


@transaction.atomic
def record_decision(
    actor: Actor, organisation: Organisation, *, budget: Any = None, hours: Any = None, reason: str = ""
) -> Decision:
    """Recompute the ranking and selection on the server (never trusting a posted list) and log the decision."""
    if not can_decide(actor, organisation):
        raise PermissionDenied(_("Bara organisationens administratörer kan fatta portföljbeslut."))
    amount, limit = parse_limit(budget, hours)
    reason = (reason or "").strip()
    if not reason or "\x00" in reason:
        raise ValidationError({"reason": _("Skriv varför ni väljer som ni gör.")})
    user = None if _is_system(actor) else actor
    portfolio = selectors.build(user, organisation)
    selection = scoring.select(portfolio.ranked, budget=amount, hours=limit)
    if not selection.chosen:
        raise ValidationError(_("Inget initiativ ryms inom gränsen; inget beslut sparades."))
    decision = Decision.objects.create(
        organisation=organisation,
        decided_by=user,
        reason=reason[:5000],
        budget=amount,
        hours_limit=limit,
        weights=portfolio.weights,
        scoring_version=portfolio.rules.version,
        chosen=[_row(s) for s in selection.chosen],
        not_chosen=[{**_row(s), "why": why} for s, why in selection.skipped],
    )
    record(
        actor,
        "portfolio.decision",
        decision,
        organisation=organisation,
        after={
            "chosen": [s.candidate.title for s in selection.chosen],
            "budget": amount,
            "hours": limit,
            "reason": reason[:300],
        },
    )
    return decision
