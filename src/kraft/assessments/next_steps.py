"""Next steps: rules as data (``data/next_steps/<version>.json``) from (dimension, level, gap) to concrete steps.

A rule applies to a dimension at the listed levels, and ``when`` says which gap it answers: ``any`` (the level
itself), ``spread`` (respondents disagree by 2 levels or more), or ``evidence_lower`` (the self-rating is two or
more levels above what Kraft's own data indicates). Each step carries its sources — guidance found in the
knowledge libraries, AI Act articles, initiatives of others (or the organisation's own) to learn from — and the
organisations one level higher in that dimension that agreed to be contacted.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from pydantic import BaseModel, ConfigDict, Field

from kraft.assessments import bank as banks
from kraft.assessments import peers, results
from kraft.assessments.bank import Text
from kraft.assessments.models import Assessment
from kraft.organisations.models import Organisation

RULES = Path(__file__).resolve().parent / "data" / "next_steps"
AI_ACT_URL = "https://eur-lex.europa.eu/legal-content/SV/TXT/?uri=CELEX:32024R1689"
SPREAD = 2
EXAMPLES = 3


class SourceRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["knowledge", "ai_act", "initiatives", "own_initiatives", "portfolio", "triage", "url"]
    title: Text
    query: str = ""
    article: str = ""
    url: str = ""
    filters: dict[str, str] = {}


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z_]+\.[a-z_]+$")
    dimension: str
    levels: list[int] = Field(min_length=1)
    when: Literal["any", "spread", "evidence_lower"] = "any"
    title: Text
    description: Text
    sources: list[SourceRule] = []


class RuleSet(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    rules: list[Rule]


@functools.cache
def load(version: str | None = None) -> RuleSet:
    version = version or banks.current_version()
    path = RULES / f"{version}.json"
    if not path.is_file():
        path = sorted(RULES.glob("*.json"))[-1]
    return RuleSet.model_validate_json(path.read_text(encoding="utf-8"))


@dataclass
class Source:
    title: str
    url: str


@dataclass
class Step:
    id: str
    dimension: str
    title: Text
    description: Text
    gap: str
    sources: list[Source] = field(default_factory=list)
    examples: list[Any] = field(default_factory=list)  # initiatives of others to learn from
    peers: list[Organisation] = field(default_factory=list)

    @property
    def title_text(self) -> str:
        return self.title.sv


def _source(rule: SourceRule, organisation: Organisation) -> Source:
    if rule.kind == "knowledge":
        url = f"{reverse('search:search')}?{urlencode({'samling': 'passages', 'q': rule.query})}"
    elif rule.kind == "ai_act":
        url = f"{AI_ACT_URL}#art_{rule.article}"
    elif rule.kind == "initiatives":
        url = f"{reverse('initiatives:list')}?{urlencode(rule.filters)}"
    elif rule.kind == "own_initiatives":
        url = f"{reverse('initiatives:list')}?{urlencode({'organisation': organisation.pk, **rule.filters})}"
    elif rule.kind == "portfolio":
        url = reverse("portfolio:detail", args=[organisation.pk])
    elif rule.kind == "triage":
        try:
            url = reverse("triage:organisation", args=[organisation.pk])
        except NoReverseMatch:  # the triage app is not installed: the organisation's initiatives instead
            url = f"{reverse('initiatives:list')}?{urlencode({'organisation': organisation.pk})}"
    else:
        url = rule.url
    return Source(title=str(rule.title), url=url)


def _examples(user: Any, rule: Rule, organisation: Organisation) -> list[Any]:
    from kraft.initiatives import selectors as initiative_selectors

    wanted = next((s for s in rule.sources if s.kind == "initiatives"), None)
    if wanted is None:
        return []
    queryset = initiative_selectors.filtered_initiatives(user, {**wanted.filters, "status": "published"})[0]
    queryset = queryset.exclude(lead_organisation=organisation).filter(country="SE")
    return list(queryset.order_by("-is_evaluated", "-annual_value", "pk")[:EXAMPLES])


def _applies(rule: Rule, result: results.DimensionResult, evidence_level: int | None) -> bool:
    if result.level is None or result.level not in rule.levels:
        return False
    if rule.when == "spread":
        return (result.spread or 0) >= SPREAD
    if rule.when == "evidence_lower":
        return evidence_level is not None and result.level - evidence_level >= 2
    return True


def steps_for(
    assessment: Assessment, user: Any = None, evidence: dict[str, Any] | None = None, *, detailed: bool = True
) -> list[Step]:
    """The steps that apply to the assessment's results, in the bank's dimension order."""
    if evidence is None:
        from kraft.assessments import evidence as collector

        evidence = collector.collect(user, assessment.organisation)
    by_dimension = {r.dimension: r for r in results.stored(assessment)}
    rules = load(assessment.bank_version).rules
    order = [d.id for d in banks.load(assessment.bank_version).dimensions]
    steps = []
    latest = peers.latest_closed() if detailed else {}
    for rule in sorted(rules, key=lambda r: order.index(r.dimension) if r.dimension in order else 99):
        result = by_dimension.get(rule.dimension)
        indication = getattr(evidence.get(rule.dimension), "indication", None)
        if result is None or not _applies(rule, result, indication):
            continue
        step = Step(rule.id, rule.dimension, rule.title, rule.description, rule.when)
        if detailed:
            step.sources = [_source(s, assessment.organisation) for s in rule.sources]
            step.examples = _examples(user, rule, assessment.organisation)
            step.peers = peers.contactable_one_level_higher(
                assessment.organisation, rule.dimension, result.level, latest
            )
        steps.append(step)
    return steps


def step_for(assessment: Assessment, step_id: str, user: Any = None) -> Step | None:
    for step in steps_for(assessment, user, detailed=False):
        if step.id == step_id:
            step.sources = [
                _source(s, assessment.organisation)
                for r in load(assessment.bank_version).rules
                if r.id == step_id
                for s in r.sources
            ]
            return step
    return None
