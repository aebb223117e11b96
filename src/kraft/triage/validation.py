"""Logical checks of a rules file beyond its schema: what ``kraft manage check_rules`` and the tests report.

- every reference resolves (next question, conclusion or route; labels; obligations; laws);
- every question and conclusion is reachable from the start, and no path loops or dead-ends;
- every "vet inte" (``unknown: true``) ends in a conclusion whose class is *oklart*, and only such answers do —
  an unsure answer can never come out as a class that looks settled;
- AI Act and GDPR article numbers exist in the regulations.

Reachability is exact: the search follows every answer and, at each route, only the redirects whose conditions hold
for the labels gathered so far (states are merged on the labels that routes look at, which keeps it small).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from kraft.triage.rules import Next, Rules

ARTICLE_COUNT = {"ai_act": 113, "gdpr": 99}
REQUIRED_LABELS = ("ai_system", "inte_ai_system")
Path = tuple[tuple[str, str], ...]  # (question id, answer id) in order


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # conclusion id → one path that reaches it
    question_paths: dict[str, Path] = field(default_factory=dict)  # question id → answers that lead to it

    @property
    def questions_reached(self) -> set[str]:
        return set(self.question_paths)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(rules: Rules) -> Report:
    report = Report()
    _references(rules, report.problems)
    _articles(rules, report.problems)
    _unknowns(rules, report.problems)
    if not report.problems:  # the search needs resolvable references
        _search(rules, report)
    return report


def _target_exists(rules: Rules, target: Next) -> bool:
    pools: dict[str, Collection[str]] = {
        "question": rules.questions.keys(),
        "conclusion": rules.conclusions.keys(),
        "route": rules.routes.keys(),
    }
    return target.target in pools[target.kind]


def _references(rules: Rules, problems: list[str]) -> None:
    kinds: dict[str, Collection[str]] = {
        "fråga": rules.questions.keys(),
        "slutsats": rules.conclusions.keys(),
        "vägval": rules.routes.keys(),
    }
    seen: dict[str, str] = {}
    for kind, pool in kinds.items():
        for key in pool:
            if key in seen:
                problems.append(f"Id {key} används både för {seen[key]} och {kind}.")
            seen[key] = kind
    if rules.start not in rules.questions:
        problems.append(f"Startfrågan {rules.start} finns inte.")
    used_labels: set[str] = set(rules.context_labels)
    for question in rules.questions.values():
        for answer in question.answers:
            used_labels.update(answer.labels)
            if not _target_exists(rules, answer.next):
                problems.append(
                    f"Fråga {question.id}, svar {answer.id}: {answer.next.kind} {answer.next.target} finns inte."
                )
        if len({a.id for a in question.answers}) != len(question.answers):
            problems.append(f"Fråga {question.id} har två svar med samma id.")
    for route in rules.routes.values():
        for index, redirect in enumerate(route.redirects):
            used_labels.update(redirect.condition.labels)
            if not _target_exists(rules, redirect.next):
                problems.append(f"Vägval {route.id}: {redirect.next.kind} {redirect.next.target} finns inte.")
            last = index == len(route.redirects) - 1
            if last and redirect.condition.labels:
                problems.append(f"Vägval {route.id}: sista omdirigeringen ska sakna villkor (annars kan vägen sluta).")
            if not last and not redirect.condition.labels:
                problems.append(f"Vägval {route.id}: en omdirigering utan villkor före den sista gör resten onåbara.")
    referenced: set[str] = set(rules.always)
    for conclusion in rules.conclusions.values():
        referenced.update(conclusion.obligations)
    for key in sorted(referenced - set(rules.obligations)):
        problems.append(f"Skyldigheten {key} finns inte.")
    for key in sorted(set(rules.obligations) - referenced):
        problems.append(f"Skyldigheten {key} används inte av någon slutsats.")
    for obligation in rules.obligations.values():
        used_labels.update(obligation.condition.labels)
        for rule in obligation.when:
            used_labels.update(rule.condition.labels)
        if obligation.when and any(rule.date < obligation.applies_from for rule in obligation.when):
            problems.append(f"Skyldigheten {obligation.id}: ett villkorat datum ligger före det allmänna datumet.")
    for label in sorted(used_labels - set(rules.labels)):
        problems.append(f"Etiketten {label} används men är inte deklarerad under labels.")
    for label in sorted(set(rules.labels) - used_labels):
        problems.append(f"Etiketten {label} är deklarerad men används aldrig.")
    for label in REQUIRED_LABELS:
        if label not in rules.labels:
            problems.append(f"Etiketten {label} krävs (den avgör om lösningen är ett AI-system).")
    if not any(c.risk_class == "oklart" for c in rules.conclusions.values()):
        problems.append("Det måste finnas en slutsats med riskklassen oklart.")


def _articles(rules: Rules, problems: list[str]) -> None:
    refs = [(f"fråga {q.id}", r) for q in rules.questions.values() for r in q.refs]
    refs += [(f"skyldighet {o.id}", r) for o in rules.obligations.values() for r in o.refs]
    for where, ref in refs:
        if ref.law not in rules.laws:
            problems.append(f"{where}: lagen {ref.law} saknas under laws.")
            continue
        highest = ARTICLE_COUNT.get(ref.law)
        if highest and ref.ref:
            number = ref.ref.split(".")[0].strip()
            if not number.isdigit() or not 1 <= int(number) <= highest:
                problems.append(f"{where}: artikel {ref.ref} finns inte i {rules.laws[ref.law].name}.")


def _unknowns(rules: Rules, problems: list[str]) -> None:
    for question in rules.questions.values():
        for answer in question.answers:
            unclear = (
                answer.next.kind == "conclusion"
                and answer.next.target in rules.conclusions
                and rules.conclusions[answer.next.target].risk_class == "oklart"
            )
            if answer.unknown and not unclear:
                problems.append(
                    f"Fråga {question.id}, svar {answer.id}: 'vet inte' måste leda till en slutsats med klassen oklart."
                )
            if unclear and not answer.unknown:
                problems.append(f"Fråga {question.id}, svar {answer.id}: leder till oklart men saknar unknown.")


def _search(rules: Rules, report: Report) -> None:
    routing = frozenset().union(*(r.condition.labels for route in rules.routes.values() for r in route.redirects))
    start = frozenset(rules.context_labels)  # context labels may or may not hold
    states: set[tuple[str, str, frozenset[str]]] = set()
    initial = [frozenset(), start & routing]
    stack: list[tuple[Next, frozenset[str], Path, frozenset[str]]] = [
        (Next("question", rules.start), labels, (), frozenset()) for labels in initial
    ]
    while stack:
        node, labels, path, on_path = stack.pop()
        key = (node.kind, node.target, labels)
        if node.kind == "conclusion":
            report.paths.setdefault(node.target, path)
            continue
        if node.kind == "route":
            redirect = next((r for r in rules.routes[node.target].redirects if r.condition.holds(labels)), None)
            if redirect is None:
                report.problems.append(f"Vägval {node.target} tar slut för etiketterna {sorted(labels)}.")
            elif key not in states:
                states.add(key)
                stack.append((redirect.next, labels, path, on_path))
            continue
        if node.target in on_path:
            report.problems.append(f"Frågan {node.target} kan komma två gånger på samma väg (en slinga).")
            continue
        report.question_paths.setdefault(node.target, path)
        if key in states:
            continue
        states.add(key)
        for answer in rules.questions[node.target].answers:
            stack.append(
                (
                    answer.next,
                    labels | (frozenset(answer.labels) & routing),
                    (*path, (node.target, answer.id)),
                    on_path | {node.target},
                )
            )
    for question in sorted(set(rules.questions) - report.questions_reached):
        report.problems.append(f"Frågan {question} går inte att nå från start.")
    for conclusion in sorted(set(rules.conclusions) - set(report.paths)):
        report.problems.append(f"Slutsatsen {conclusion} går inte att nå från start.")


def check_translation(rules: Rules, text: dict[str, Any]) -> list[str]:
    """A translation file names only ids the rules have (a typo would silently leave Swedish text)."""
    problems: list[str] = []
    if str(text.get("version")) != rules.version:
        problems.append(f"Översättningen gäller version {text.get('version')}, regelfilen {rules.version}.")
    for label in sorted(set(text.get("labels") or {}) - set(rules.labels)):
        problems.append(f"Översättning av okänd etikett {label}.")
    for question_id, found in (text.get("questions") or {}).items():
        question = rules.questions.get(question_id)
        if question is None:
            problems.append(f"Översättning av okänd fråga {question_id}.")
            continue
        for answer in sorted(set((found or {}).get("answers") or {}) - {a.id for a in question.answers}):
            problems.append(f"Översättning av okänt svar {question_id}.{answer}.")
    for kind, pool in (("conclusions", rules.conclusions), ("obligations", rules.obligations)):
        for key in sorted(set(text.get(kind) or {}) - set(pool)):
            problems.append(f"Översättning av okänt id {key} under {kind}.")
    return problems


def missing_translation(rules: Rules, text: dict[str, Any]) -> list[str]:
    """Ids whose short texts the translation lacks (questions, answers, labels, conclusions, obligations)."""
    missing = [f"labels.{k}" for k in rules.labels if k not in (text.get("labels") or {})]
    questions = text.get("questions") or {}
    for question in rules.questions.values():
        found = questions.get(question.id) or {}
        missing += [f"questions.{question.id}.{k}" for k in ("category", "text", "explanation", "example", "find_out")
                    if not found.get(k)]  # fmt: skip
        missing += [f"questions.{question.id}.answers.{a.id}" for a in question.answers
                    if a.id not in (found.get("answers") or {})]  # fmt: skip
    for kind, pool, keys in (
        ("conclusions", rules.conclusions, ("title", "summary")),
        ("obligations", rules.obligations, ("title", "meaning", "owner_role")),
    ):
        texts = text.get(kind) or {}
        missing += [f"{kind}.{i}.{k}" for i in pool for k in keys if not (texts.get(i) or {}).get(k)]
    return missing
