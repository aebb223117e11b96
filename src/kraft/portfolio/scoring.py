"""Scores per candidate (value, feasibility, risk, reuse), the weighted ranking, sensitivity and selection.

Pure functions over ``Candidate`` rows (built by ``candidates.py``); the rules are data (``rules.py``) and are
documented for users in ``docs/portfolio.md``. Every part of a score keeps a reason and a link to its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kraft.portfolio.rules import CRITERIA, Rules


@dataclass
class Reason:
    criterion: str
    text: str
    url: str = ""


@dataclass
class Candidate:
    kind: str  # "initiative" | "need"
    pk: int
    title: str
    url: str
    stage: str = ""
    annual_value: Decimal = Decimal(0)
    roi: Decimal | None = None
    total_cost: Decimal = Decimal(0)
    value_basis: str = "expected"
    people_reached: Decimal = Decimal(0)
    risk_class: str = "ej_bedomd"
    risk_label: str = ""
    risk_confirmed: bool = False  # set by the AI Act triage; otherwise an importer's or an editor's guess
    triage_url: str = ""
    personal_data: bool = False
    sensitive_data: bool = False
    open_obligations: int | None = None  # None: the triage app is not available
    data_described: bool = False
    solution_elsewhere_url: str = ""
    reuse_signals: int = 0
    reuse_detail: str = ""
    person_hours: int | None = None
    maturity: dict[str, tuple[int | None, str]] = field(default_factory=dict)  # dimension name → (level, url)


@dataclass
class Scored:
    candidate: Candidate
    scores: dict[str, float]
    total: float
    low: float
    high: float
    uncertain: bool
    reasons: list[Reason]
    rank: int = 0
    rank_range: tuple[int, int] = (0, 0)
    moved: int = 0  # places up (+) or down (−) against the saved weights


def _value(c: Candidate, rules: Rules, top_value: Decimal, top_people: Decimal, reasons: list[Reason]) -> float:
    r = rules.value
    annual = float(c.annual_value / top_value) * 100 if top_value > 0 else 0.0
    if c.roi is None:
        roi_part = 100.0 if c.annual_value > 0 else 0.0
    else:
        roi_part = max(0.0, min(float(c.roi) / r.roi_full_at, 1.0)) * 100
    people = float(c.people_reached / top_people) * 100 if top_people > 0 else 0.0
    basis = _("uppmätt") if c.value_basis == "measured" else _("förväntat")
    roi_text = "–" if c.roi is None else f"{(c.roi * 100).quantize(Decimal('0.1'))} %"
    reasons.append(
        Reason(
            "value",
            _("Årligt värde %(value)s kr (%(basis)s), ROI %(roi)s")
            % {"value": f"{c.annual_value:,.0f}".replace(",", "\u00a0"), "basis": basis, "roi": roi_text},
            c.url + "#figures-heading",
        )
    )
    return r.annual_value * annual + r.roi * roi_part + r.people * people


def _feasibility(c: Candidate, rules: Rules, reasons: list[Reason]) -> float:
    parts = [float(rules.stage_feasibility.get(c.stage, 0))]
    parts.append(float(rules.data_described if c.data_described else rules.data_not_described))
    reasons.append(
        Reason(
            "feasibility",
            _("Databeskrivning finns") if c.data_described else _("Databeskrivning saknas"),
            c.url + "#law-heading",
        )
    )
    for criterion, (level, url) in c.maturity.items():
        if level is not None:
            parts.append(level * 20.0)
            reasons.append(
                Reason("feasibility", _("Mognad %(what)s: nivå %(level)s") % {"what": criterion, "level": level}, url)
            )
    elsewhere = bool(c.solution_elsewhere_url)
    parts.append(float(rules.solution_elsewhere if elsewhere else rules.no_solution_elsewhere))
    if elsewhere:
        reasons.append(Reason("feasibility", _("En lösning finns redan hos någon annan"), c.solution_elsewhere_url))
    return sum(parts) / len(parts)


def _risk(c: Candidate, rules: Rules, reasons: list[Reason]) -> float:
    risk = float(rules.risk_class.get(c.risk_class, rules.risk_class.get("ej_bedomd", 50)))
    if c.personal_data:
        risk += rules.personal_data
    if c.sensitive_data:
        risk += rules.sensitive_data
    if c.open_obligations:
        risk += rules.open_obligation * c.open_obligations
    confirmed = c.risk_confirmed or c.risk_class == "ej_bedomd"
    text = _("Riskklass: %(cls)s%(confirmed)s%(pd)s") % {
        "cls": c.risk_label or c.risk_class,
        "confirmed": "" if confirmed else _(" (ej bekräftad genom triage)"),
        "pd": _(", personuppgifter") if c.personal_data else "",
    }
    reasons.append(Reason("risk", text, c.triage_url or c.url + "#law-heading"))
    if c.open_obligations:
        count = _("%(n)s öppna skyldigheter enligt AI-förordningen") % {"n": c.open_obligations}
        reasons.append(Reason("risk", count, c.triage_url or c.url + "#law-heading"))
    return min(100.0, risk)


def _reuse(c: Candidate, rules: Rules, reasons: list[Reason]) -> float:
    if c.reuse_signals:
        reasons.append(Reason("reuse", c.reuse_detail, c.url + "#origin-heading"))
    return min(100.0, float(rules.reuse_per_signal * c.reuse_signals))


def _weighted(scores: dict[str, float], weights: dict[str, int]) -> float:
    inverted = {**scores, "risk": 100.0 - scores["risk"]}
    return sum(weights[k] * inverted[k] for k in CRITERIA) / 100


def score_all(candidates: list[Candidate], weights: dict[str, int], rules: Rules) -> list[Scored]:
    top_value = max((c.annual_value for c in candidates), default=Decimal(0))
    top_people = max((c.people_reached for c in candidates), default=Decimal(0))
    scored = []
    for c in candidates:
        reasons: list[Reason] = []
        scores = {
            "value": _value(c, rules, top_value, top_people, reasons),
            "feasibility": _feasibility(c, rules, reasons),
            "risk": _risk(c, rules, reasons),
            "reuse": _reuse(c, rules, reasons),
        }
        low_factor, high_factor = rules.uncertainty.get(c.value_basis, (1.0, 1.0))
        low = _weighted({**scores, "value": scores["value"] * low_factor}, weights)
        high = _weighted({**scores, "value": min(100.0, scores["value"] * high_factor)}, weights)
        total = _weighted(scores, weights)
        scored.append(
            Scored(
                c,
                {k: round(v, 1) for k, v in scores.items()},
                round(total, 1),
                round(low, 1),
                round(high, 1),
                c.value_basis != "measured",
                reasons,
            )
        )
    return rank(scored)


def rank(scored: list[Scored]) -> list[Scored]:
    ordered = sorted(scored, key=lambda s: (-s.total, s.candidate.title, s.candidate.pk))
    for index, item in enumerate(ordered, start=1):
        item.rank = index
    return ordered


def _key(s: Scored) -> tuple[str, int]:
    return (s.candidate.kind, s.candidate.pk)


def perturbed(weights: dict[str, int], criterion: str, delta: int) -> dict[str, int]:
    """``criterion`` moved by ``delta`` points, the others scaled so that the weights still add up to 100."""
    target = max(0, min(100, weights[criterion] + delta))
    rest = {k: v for k, v in weights.items() if k != criterion}
    total_rest = sum(rest.values())
    remaining = 100 - target
    if total_rest == 0:
        share = {k: remaining // len(rest) for k in rest}
    else:
        share = {k: remaining * v // total_rest for k, v in rest.items()}
    leftover = remaining - sum(share.values())
    first = max(rest, key=lambda k: rest[k])
    share[first] += leftover
    return {criterion: target, **share}


def sensitivity(candidates: list[Candidate], weights: dict[str, int], rules: Rules, ranked: list[Scored]) -> None:
    """Each item's best and worst rank when any one weight moves ± the rules' step (others rescaled)."""
    positions: dict[tuple[str, int], list[int]] = {_key(s): [s.rank] for s in ranked}
    for criterion in CRITERIA:
        for delta in (rules.sensitivity_step, -rules.sensitivity_step):
            for s in score_all(candidates, perturbed(weights, criterion, delta), rules):
                positions[_key(s)].append(s.rank)
    for s in ranked:
        found = positions[_key(s)]
        s.rank_range = (min(found), max(found))


def compare_ranks(ranked: list[Scored], baseline: list[Scored]) -> None:
    before = {_key(s): s.rank for s in baseline}
    for s in ranked:
        s.moved = before.get(_key(s), s.rank) - s.rank


@dataclass
class Selection:
    chosen: list[Scored]
    skipped: list[tuple[Scored, str]]
    used: Decimal
    limit: Decimal
    unit: str  # "sek" | "hours"


def select(ranked: list[Scored], *, budget: Decimal | None = None, hours: int | None = None) -> Selection:
    """In rank order, take each candidate that still fits the limit; say why the others were left out."""
    limit = Decimal(budget if budget is not None else hours or 0)
    unit = "sek" if budget is not None else "hours"
    used = Decimal(0)
    chosen: list[Scored] = []
    skipped: list[tuple[Scored, str]] = []
    for s in ranked:
        need = s.candidate.total_cost if unit == "sek" else s.candidate.person_hours
        if need is None:
            skipped.append((s, _("saknar timuppskattning")))
            continue
        if used + Decimal(need) <= limit:
            used += Decimal(need)
            chosen.append(s)
        else:
            skipped.append((s, _("ryms inte inom gränsen")))
    return Selection(chosen, skipped, used, limit, unit)


def as_record(s: Scored) -> dict[str, Any]:
    c = s.candidate
    return {
        "kind": c.kind,
        "id": c.pk,
        "title": c.title,
        "url": c.url,
        "rank": s.rank,
        "total": s.total,
        "low": s.low,
        "high": s.high,
        "uncertain": s.uncertain,
        **{f"score_{k}": v for k, v in s.scores.items()},
        "annual_value": str(c.annual_value),
        "roi": None if c.roi is None else str(c.roi),
        "total_cost": str(c.total_cost),
        "value_basis": c.value_basis,
        "person_hours": c.person_hours,
        "rank_best": s.rank_range[0],
        "rank_worst": s.rank_range[1],
        "reasons": [{"criterion": r.criterion, "text": r.text, "url": r.url} for r in s.reasons],
    }
