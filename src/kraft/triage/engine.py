"""Walking the decision tree with a set of answers, and what the walk concludes.

``walk`` follows the tree from the start with the answers given (question id → answer id). Answers to questions
that are no longer on the path (the person went back and chose differently) are reported in ``dropped`` and never
count; an answer id that the question does not have (a changed rules version) is reported in ``invalid`` and the
walk stops there, so the question is asked again. ``result`` turns a finished walk into what is stored on the
initiative: risk class, roles, AI system yes/no/unclear, annex point, exemption used and the obligations with
their articles and dates.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kraft.triage.rules import Answer, Conclusion, Question, Ref, Rules, RulesError

AI_SYSTEM_YES, AI_SYSTEM_NO = "ai_system", "inte_ai_system"
ROLE_GROUP = "roll"


@dataclass
class Step:
    question: Question
    answer: Answer


@dataclass
class Walk:
    rules: Rules
    steps: list[Step] = field(default_factory=list)
    labels: frozenset[str] = frozenset()
    pending: Question | None = None  # the next question to answer
    conclusion: Conclusion | None = None
    unknown: Question | None = None  # answered "vet inte" (the walk then ends as oklart)
    dropped: list[str] = field(default_factory=list)  # answered, but no longer on the path
    invalid: list[str] = field(default_factory=list)  # answer id the question does not have (any more)

    @property
    def complete(self) -> bool:
        return self.conclusion is not None

    @property
    def answers(self) -> dict[str, str]:
        """Only the answers on the path, in order."""
        return {step.question.id: step.answer.id for step in self.steps}

    def position(self, question_id: str) -> int | None:
        for index, step in enumerate(self.steps):
            if step.question.id == question_id:
                return index
        if self.pending is not None and self.pending.id == question_id:
            return len(self.steps)
        return None


def walk(rules: Rules, answers: Mapping[str, str], context: Iterable[str] = ()) -> Walk:
    """Follow the tree with ``answers``; ``context`` holds labels Kraft knows already (the organisation's kind)."""
    result = Walk(rules)
    labels = set(context)
    node_kind, node_id = "question", rules.start
    seen: set[str] = set()
    while True:
        if node_kind == "conclusion":
            result.conclusion = rules.conclusions[node_id]
            break
        if node_kind == "route":
            redirect = next((r for r in rules.routes[node_id].redirects if r.condition.holds(labels)), None)
            if redirect is None:
                raise RulesError(rules.path, [f"Vägvalet {node_id} saknar utväg för etiketterna {sorted(labels)}."])
            node_kind, node_id = redirect.next.kind, redirect.next.target
            continue
        question = rules.questions[node_id]
        if question.id in seen:
            raise RulesError(rules.path, [f"Frågan {question.id} kommer två gånger på samma väg."])
        seen.add(question.id)
        chosen = answers.get(question.id)
        answer = question.answer(chosen) if chosen else None
        if answer is None:
            if chosen:
                result.invalid.append(question.id)
            result.pending = question
            break
        result.steps.append(Step(question, answer))
        labels.update(answer.labels)
        if answer.unknown:
            result.unknown = question
        node_kind, node_id = answer.next.kind, answer.next.target
    result.labels = frozenset(labels)
    on_path = {step.question.id for step in result.steps}
    result.dropped = [q for q in answers if q not in on_path and q not in result.invalid]
    return result


# ------------------------------------------------------------------ what a finished walk means


@dataclass(frozen=True)
class ResolvedObligation:
    key: str
    title: str
    meaning: str
    refs: tuple[Ref, ...]
    citations: tuple[str, ...]
    law: str
    applies_from: datetime.date
    date_note: str
    owner_role: str
    voluntary: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "meaning": self.meaning,
            "law": self.law,
            "article": self.citations[0],
            "articles": list(self.citations),
            "applies_from": self.applies_from.isoformat(),
            "date_note": self.date_note,
            "owner_role": self.owner_role,
            "voluntary": self.voluntary,
        }


@dataclass(frozen=True)
class Result:
    rules_version: str
    conclusion: str
    title: str
    summary: str
    risk_class: str
    ai_system: str  # "ja", "nej" or "oklart"
    roles: tuple[str, ...]
    annex: tuple[str, ...]
    exemptions: tuple[str, ...]
    labels: tuple[str, ...]
    obligations: tuple[ResolvedObligation, ...]
    open_question: str = ""  # the question answered "vet inte"
    find_out: str = ""

    def as_dict(self) -> dict[str, Any]:
        """What the initiative stores (``Initiative.ai_act_triage``) and the API shows, without obligations."""
        return {
            "rules_version": self.rules_version,
            "conclusion": self.conclusion,
            "title": self.title,
            "risk_class": self.risk_class,
            "ai_system": self.ai_system,
            "roles": list(self.roles),
            "annex": list(self.annex),
            "exemptions": list(self.exemptions),
            "open_question": self.open_question,
            "find_out": self.find_out,
        }


def result(done: Walk) -> Result:
    """The outcome of a walk that reached a conclusion."""
    if done.conclusion is None:
        raise ValueError("Triagen är inte klar: fler frågor återstår.")
    rules, labels, conclusion = done.rules, done.labels, done.conclusion
    declared = [rules.labels[name] for name in sorted(labels) if name in rules.labels]
    ai_system = "ja" if AI_SYSTEM_YES in labels else "nej" if AI_SYSTEM_NO in labels else "oklart"
    return Result(
        rules_version=rules.version,
        conclusion=conclusion.id,
        title=conclusion.title,
        summary=conclusion.summary,
        risk_class=conclusion.risk_class,
        ai_system=ai_system,
        roles=tuple(label.id for label in declared if label.group == ROLE_GROUP),
        annex=tuple(label.annex for label in declared if label.annex),
        exemptions=tuple(label.exemption for label in declared if label.exemption),
        labels=tuple(sorted(labels)),
        obligations=tuple(_obligations(done)),
        open_question=done.unknown.id if done.unknown else "",
        find_out=done.unknown.find_out if done.unknown else "",
    )


def _obligations(done: Walk) -> list[ResolvedObligation]:
    rules, labels = done.rules, done.labels
    assert done.conclusion is not None
    out = []
    for key in (*done.conclusion.obligations, *rules.always):
        obligation = rules.obligations[key]
        if not obligation.condition.holds(labels):
            continue
        refs, meaning = obligation.refs, obligation.meaning
        if obligation.find_out and done.unknown is not None:
            refs = done.unknown.refs
            meaning = f"{obligation.meaning} {done.unknown.text} – {done.unknown.find_out}"
        applies_from, note = obligation.date_for(labels)
        out.append(
            ResolvedObligation(
                key=obligation.id,
                title=obligation.title,
                meaning=meaning,
                refs=refs,
                citations=tuple(rules.cite(ref) for ref in refs),
                law=refs[0].law,
                applies_from=applies_from,
                date_note=note,
                owner_role=obligation.owner_role,
                voluntary=obligation.voluntary,
            )
        )
    return out


def evaluate(rules: Rules, answers: Mapping[str, str], context: Iterable[str] = ()) -> Result | None:
    """The result for a full set of answers, or ``None`` when questions remain."""
    done = walk(rules, answers, context)
    return result(done) if done.complete else None
