"""Reads of the portfolio: who may see it, the weights in force, and the scored ranking.

An organisation's portfolio is private to its members (it includes drafts and internal estimates); staff see all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kraft.accounts import permissions
from kraft.organisations.models import Organisation
from kraft.portfolio import candidates, scoring
from kraft.portfolio.models import Decision, WeightProfile
from kraft.portfolio.rules import Rules, load


def can_view(user: Any, organisation: Organisation) -> bool:
    return permissions.can_view_private_of(user, organisation)


def get_organisation_for_user(user: Any, pk: Any) -> Organisation:
    """The organisation whose portfolio the person may see; 404 for everyone else (nothing is revealed)."""
    try:
        organisation = Organisation.objects.select_related("county").get(pk=int(pk))
    except (TypeError, ValueError, Organisation.DoesNotExist) as exc:
        raise Http404 from exc
    if not can_view(user, organisation):
        raise Http404
    return organisation


def weights_for(organisation: Organisation) -> dict[str, int]:
    profile = WeightProfile.objects.filter(organisation=organisation).first()
    return profile.as_dict() if profile else load().default_weights.as_dict()


def weight_version(organisation: Organisation) -> int:
    profile = WeightProfile.objects.filter(organisation=organisation).first()
    return profile.version if profile else 0


@dataclass
class Portfolio:
    organisation: Organisation
    rules: Rules
    weights: dict[str, int]
    saved_weights: dict[str, int]
    ranked: list[scoring.Scored] = field(default_factory=list)
    needs_available: bool = False

    @property
    def is_preview(self) -> bool:
        return self.weights != self.saved_weights


def build(
    user: Any, organisation: Organisation, weights: dict[str, int] | None = None, *, with_sensitivity: bool = False
) -> Portfolio:
    rules = load()
    saved = weights_for(organisation)
    chosen = weights or saved
    rows = candidates.collect(user, organisation, rules)
    ranked = scoring.score_all(rows, chosen, rules)
    if chosen != saved:
        scoring.compare_ranks(ranked, scoring.score_all(rows, saved, rules))
    if with_sensitivity:
        scoring.sensitivity(rows, chosen, rules, ranked)
    return Portfolio(organisation, rules, chosen, saved, ranked, candidates.needs_available())


def decisions_of(organisation: Organisation) -> QuerySet[Decision]:
    return Decision.objects.filter(organisation=organisation).select_related("decided_by")


def my_organisations(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=permissions.member_organisation_ids(user)).order_by("name")
