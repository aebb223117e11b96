"""Results per dimension: level, spread between respondents, "vet inte" apart, and a confidence.

Rules (documented for users in ``docs/maturity.md``):

- Only submitted answers count. A respondent's score in a dimension is the mean of their answered levels there;
  "vet inte" is never a level: it is counted apart, and a respondent who only answered "vet inte" has no score.
- The dimension's score is the mean of the respondents' scores (each person weighs the same whatever they
  answered), its level that score rounded half up. There is deliberately no score across dimensions.
- The spread is the highest respondent score minus the lowest; each role's mean is shown too, because
  disagreement between management and IT is itself a finding.
- Confidence is *låg* with a single respondent, with half or more "vet inte", or with a spread of 2 levels or
  more; *hög* with at least three respondents, under a fifth "vet inte" and a spread of at most 1; otherwise *medel*.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from statistics import mean
from typing import Any

from django.utils.translation import gettext_lazy as _

from kraft.assessments import bank as banks
from kraft.assessments.models import Assessment, Invitation, Response

CONFIDENCE_LABELS = {"hog": _("Hög"), "medel": _("Medel"), "lag": _("Låg"), "ingen": _("Inga svar")}


def level_of(score: float | None) -> int | None:
    if score is None:
        return None
    return min(5, max(1, math.floor(score + 0.5)))


@dataclass
class DimensionResult:
    dimension: str
    score: float | None
    level: int | None
    spread: float | None
    lowest: float | None
    highest: float | None
    respondents: int
    answered: int
    dont_know: int
    with_evidence: int
    confidence: str
    by_role: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def confidence_label(self) -> str:
        return str(CONFIDENCE_LABELS[self.confidence])

    @property
    def dont_know_share(self) -> float:
        total = self.answered + self.dont_know
        return self.dont_know / total if total else 0.0


def _confidence(respondents: int, dont_know_share: float, spread: float | None) -> str:
    if respondents == 0:
        return "ingen"
    if respondents == 1 or dont_know_share >= 0.5 or (spread or 0) >= 2:
        return "lag"
    if respondents >= 3 and dont_know_share < 0.2 and (spread or 0) <= 1:
        return "hog"
    return "medel"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def compute(assessment: Assessment) -> list[DimensionResult]:
    """Results of every dimension of the assessment's bank, from the submitted answers."""
    bank = banks.load(assessment.bank_version)
    question_dimension = {q.id: d.id for d in bank.dimensions for q in d.questions}
    responses = Response.objects.filter(
        invitation__assessment=assessment, invitation__status=Invitation.Status.SUBMITTED
    ).values_list(
        "invitation_id", "invitation__role", "question_id", "value", "dont_know", "evidence_url", "evidence_document_id"
    )
    levels: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    roles: dict[int, str] = {}
    dont_know: dict[str, int] = defaultdict(int)
    evidence: dict[str, int] = defaultdict(int)
    for invitation_id, role, question_id, value, unknown, url, document in responses:
        dimension = question_dimension.get(question_id)
        if dimension is None:
            continue
        roles[invitation_id] = role
        if unknown:
            dont_know[dimension] += 1
        elif value is not None:
            levels[dimension][invitation_id].append(value)
        if url or document:
            evidence[dimension] += 1
    return [_dimension(d.id, levels[d.id], roles, dont_know[d.id], evidence[d.id]) for d in bank.dimensions]


def _dimension(
    dimension: str, per_person: dict[int, list[int]], roles: dict[int, str], dont_know: int, evidence: int
) -> DimensionResult:
    person_scores = {person: mean(values) for person, values in per_person.items() if values}
    scores = list(person_scores.values())
    score = mean(scores) if scores else None
    spread = (max(scores) - min(scores)) if scores else None
    answered = sum(len(values) for values in per_person.values())
    by_role: dict[str, list[float]] = defaultdict(list)
    for person, value in person_scores.items():
        by_role[roles[person]].append(value)
    share = dont_know / (answered + dont_know) if answered + dont_know else 0.0
    return DimensionResult(
        dimension=dimension,
        score=_round(score),
        level=level_of(score),
        spread=_round(spread),
        lowest=_round(min(scores)) if scores else None,
        highest=_round(max(scores)) if scores else None,
        respondents=len(scores),
        answered=answered,
        dont_know=dont_know,
        with_evidence=evidence,
        confidence=_confidence(len(scores), share, spread),
        by_role={role: round(mean(values), 2) for role, values in sorted(by_role.items())},
    )


def stored(assessment: Assessment) -> list[DimensionResult]:
    """The results frozen at closing (what peers and later rounds compare with), else computed now."""
    if assessment.results:
        return [DimensionResult(**row) for row in assessment.results.get("dimensions", [])]
    return compute(assessment)


def snapshot(results: list[DimensionResult], bank_version: str) -> dict[str, Any]:
    return {"bank_version": bank_version, "dimensions": [r.as_dict() for r in results]}


def change(current: list[DimensionResult], previous: list[DimensionResult] | None) -> dict[str, float | None]:
    """Score change per dimension since the previous round (None where either has no score)."""
    if not previous:
        return {}
    before = {r.dimension: r.score for r in previous}
    out: dict[str, float | None] = {}
    for r in current:
        earlier = before.get(r.dimension)
        out[r.dimension] = None if r.score is None or earlier is None else round(r.score - earlier, 2)
    return out
