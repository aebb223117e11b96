"""The triage rules: a versioned YAML decision tree per file in ``rules/``, read into small frozen objects.

A file is validated against ``rules/schema.json`` (its shape) and by ``validation.check`` (its logic: dangling
references, unreachable conclusions, "vet inte" that does not end as *oklart*). ``load`` refuses a file that fails
either, so a broken tree never reaches a person. The newest version is the current one; older versions stay
readable so that stored triages can show what they were based on and what changed. The format is documented in
``docs/triage-rules.md``.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

RULES_DIR = Path(__file__).resolve().parent / "rules"
SCHEMA_PATH = RULES_DIR / "schema.json"
PATTERN = "ai-act-*.yaml"


class RulesError(Exception):
    """A rules file that cannot be used; ``problems`` lists what is wrong, in Swedish."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


@dataclass(frozen=True)
class Condition:
    all: frozenset[str] = frozenset()
    any: frozenset[str] = frozenset()
    none: frozenset[str] = frozenset()

    def holds(self, labels: frozenset[str] | set[str]) -> bool:
        return self.all <= labels and (not self.any or bool(self.any & labels)) and not (self.none & labels)

    @property
    def labels(self) -> frozenset[str]:
        return self.all | self.any | self.none


ALWAYS = Condition()


@dataclass(frozen=True)
class Next:
    kind: str  # "question", "conclusion" or "route"
    target: str


@dataclass(frozen=True)
class Ref:
    law: str
    ref: str  # "6.3", "32 §", or "" for the law as a whole


@dataclass(frozen=True)
class Answer:
    id: str
    text: str
    labels: tuple[str, ...]
    next: Next
    unknown: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    category: str
    text: str
    explanation: str
    example: str
    refs: tuple[Ref, ...]
    find_out: str
    answers: tuple[Answer, ...]

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass(frozen=True)
class Redirect:
    condition: Condition
    next: Next


@dataclass(frozen=True)
class Route:
    id: str
    redirects: tuple[Redirect, ...]


@dataclass(frozen=True)
class Conclusion:
    id: str
    risk_class: str
    title: str
    summary: str
    obligations: tuple[str, ...]


@dataclass(frozen=True)
class DateRule:
    condition: Condition
    date: datetime.date
    note: str = ""


@dataclass(frozen=True)
class Obligation:
    id: str
    refs: tuple[Ref, ...]  # the first is the main article
    title: str
    meaning: str
    applies_from: datetime.date
    owner_role: str
    when: tuple[DateRule, ...] = ()
    voluntary: bool = False
    find_out: bool = False
    condition: Condition = ALWAYS

    def date_for(self, labels: frozenset[str]) -> tuple[datetime.date, str]:
        """The date it applies from for these answers, and why when it differs from the general date."""
        for rule in self.when:
            if rule.condition.holds(labels):
                return rule.date, rule.note
        return self.applies_from, ""


@dataclass(frozen=True)
class Law:
    key: str
    name: str
    full_name: str
    url: str
    citation: str

    def cite(self, ref: str) -> str:
        return self.citation.replace("{ref}", ref).strip() if ref else self.name


@dataclass(frozen=True)
class Label:
    id: str
    text: str
    group: str
    annex: str = ""
    exemption: str = ""


@dataclass(frozen=True)
class Rules:
    id: str
    version: str
    published: datetime.date
    title: str
    attribution: str
    legal_status: str
    start: str
    laws: dict[str, Law]
    labels: dict[str, Label]
    context_labels: dict[str, tuple[str, ...]]
    questions: dict[str, Question]
    routes: dict[str, Route]
    conclusions: dict[str, Conclusion]
    obligations: dict[str, Obligation]
    always: tuple[str, ...] = ()
    path: str = field(default="", compare=False)
    language: str = "sv"
    notes: dict[str, str] = field(default_factory=dict, compare=False)  # Swedish date note → this language

    def labels_for_organisation_kind(self, kind: str) -> frozenset[str]:
        return frozenset(label for label, kinds in self.context_labels.items() if kind in kinds)

    def cite(self, ref: Ref) -> str:
        law = self.laws.get(ref.law)
        return law.cite(ref.ref) if law else f"{ref.law} {ref.ref}".strip()

    def note(self, swedish: str) -> str:
        return self.notes.get(swedish, swedish)


# ------------------------------------------------------------------ reading files


def rules_dir() -> Path:
    """Where the rules files live; tests point ``TRIAGE_RULES_DIR`` at a folder of their own."""
    return Path(getattr(settings, "TRIAGE_RULES_DIR", None) or RULES_DIR)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def rule_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or rules_dir()).glob(PATTERN))


def _plain(value: Any) -> Any:
    """YAML dates become ISO strings, so the JSON schema sees what the file says."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v)))


def read_raw(path: Path) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError(path, [f"Filen kan inte läsas som YAML: {exc}"]) from exc
    if not isinstance(data, dict):
        raise RulesError(path, ["Filen ska innehålla ett YAML-objekt (nycklar och värden)."])
    plain: dict[str, Any] = _plain(data)
    return plain


def schema_problems(raw: dict[str, Any]) -> list[str]:
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    problems = []
    for error in sorted(validator.iter_errors(raw), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(filen)"
        problems.append(f"{where}: {error.message}")
    return problems


def _ref(text: str) -> Ref:
    law, _sep, ref = text.partition(" ")
    return Ref(law, ref.strip())


def _condition(raw: dict[str, Any] | None) -> Condition:
    if not raw:
        return ALWAYS
    return Condition(*(frozenset(raw.get(key, ())) for key in ("all", "any", "none")))


def _next(raw: dict[str, str]) -> Next:
    kind, target = next(iter(raw.items()))
    return Next(kind, target)


def translate(raw: dict[str, Any], text: dict[str, Any]) -> dict[str, Any]:
    """The rules with the texts of a translation file (``rules/en/<same name>``) put in; ids and logic unchanged.

    What the translation lacks stays in Swedish. Legal citations keep the acts' Swedish names."""
    import copy

    out = copy.deepcopy(raw)
    for key in ("title", "attribution", "legal_status"):
        out[key] = text.get(key) or out[key]
    for key, label in out["labels"].items():
        label["text"] = (text.get("labels") or {}).get(key) or label["text"]
    questions = text.get("questions") or {}
    for question in out["questions"]:
        found = questions.get(question["id"]) or {}
        for key in ("category", "text", "explanation", "example", "find_out"):
            question[key] = found.get(key) or question[key]
        for answer in question["answers"]:
            answer["text"] = (found.get("answers") or {}).get(answer["id"]) or answer["text"]
    for kind, keys in (("conclusions", ("title", "summary")), ("obligations", ("title", "meaning", "owner_role"))):
        texts = text.get(kind) or {}
        for item in out[kind]:
            for key in keys:
                item[key] = (texts.get(item["id"]) or {}).get(key) or item[key]
    return out


def build(raw: dict[str, Any], path: str = "", *, language: str = "sv", notes: dict[str, str] | None = None) -> Rules:
    """Objects from a schema-valid file (no logical checks here; see ``validation.check``)."""
    questions = {
        q["id"]: Question(
            id=q["id"],
            category=q["category"],
            text=q["text"],
            explanation=q["explanation"],
            example=q["example"],
            refs=tuple(_ref(r) for r in q["refs"]),
            find_out=q["find_out"],
            answers=tuple(
                Answer(a["id"], a["text"], tuple(a.get("labels", ())), _next(a["next"]), bool(a.get("unknown")))
                for a in q["answers"]
            ),
        )
        for q in raw["questions"]
    }
    routes = {
        r["id"]: Route(r["id"], tuple(Redirect(_condition(x.get("if")), _next(x["next"])) for x in r["redirects"]))
        for r in raw.get("routes", [])
    }
    conclusions = {
        c["id"]: Conclusion(c["id"], c["risk_class"], c["title"], c["summary"], tuple(c["obligations"]))
        for c in raw["conclusions"]
    }
    obligations = {
        o["id"]: Obligation(
            id=o["id"],
            refs=tuple(_ref(r) for r in [o["ref"], *o.get("refs", [])]),
            title=o["title"],
            meaning=o["meaning"],
            applies_from=datetime.date.fromisoformat(o["applies_from"]),
            owner_role=o["owner_role"],
            when=tuple(
                DateRule(_condition(w["if"]), datetime.date.fromisoformat(w["date"]), w.get("note", ""))
                for w in o.get("when", [])
            ),
            voluntary=bool(o.get("voluntary")),
            find_out=bool(o.get("find_out")),
            condition=_condition(o.get("if")),
        )
        for o in raw["obligations"]
    }
    return Rules(
        id=raw["id"],
        version=raw["version"],
        published=datetime.date.fromisoformat(raw["published"]),
        title=raw["title"],
        attribution=raw["attribution"],
        legal_status=raw["legal_status"],
        start=raw["start"],
        laws={key: Law(key, **value) for key, value in raw["laws"].items()},
        labels={key: Label(key, **value) for key, value in raw["labels"].items()},
        context_labels={key: tuple(kinds) for key, kinds in raw.get("context_labels", {}).items()},
        questions=questions,
        routes=routes,
        conclusions=conclusions,
        obligations=obligations,
        always=tuple(raw.get("always", ())),
        path=path,
        language=language,
        notes=dict(notes or {}),
    )


def translation_path(path: Path, language: str) -> Path:
    return path.parent / language / path.name


def load_file(path: Path, language: str = "sv") -> Rules:
    """One file, checked against the schema and for logical faults; ``RulesError`` lists every problem.

    With ``language="en"`` the texts of ``rules/en/<same name>`` are used where it has them."""
    from kraft.triage import validation

    raw = read_raw(path)
    problems = schema_problems(raw)
    if problems:
        raise RulesError(path, problems)
    rules = build(raw, str(path))
    problems = validation.check(rules).problems
    if problems:
        raise RulesError(path, problems)
    english = translation_path(path, language)
    if language == "sv" or not english.exists():
        return rules
    text = read_raw(english)
    problems = validation.check_translation(rules, text)
    if problems:
        raise RulesError(english, problems)
    return build(translate(raw, text), str(path), language=language, notes=text.get("notes") or {})


def _language(language: str | None) -> str:
    from django.utils.translation import get_language

    return "en" if (language or get_language() or "sv").startswith("en") else "sv"


@lru_cache(maxsize=32)
def _cached(path: str, mtime: float, language: str, text_mtime: float) -> Rules:
    return load_file(Path(path), language)


def _stamp(path: Path) -> float:
    return path.stat().st_mtime if path.exists() else 0.0


def all_versions(language: str | None = None) -> dict[str, Rules]:
    """Every rules version in the folder, oldest first, with texts in ``language`` (the active one by default)."""
    lang = _language(language)
    loaded = [_cached(str(p), p.stat().st_mtime, lang, _stamp(translation_path(p, lang))) for p in rule_files()]
    return {r.version: r for r in sorted(loaded, key=lambda r: _version_key(r.version))}


def current(language: str | None = None) -> Rules:
    """The newest version: new triages use it, stored ones are re-run against it. Services pass ``"sv"`` so that
    what is stored is Swedish whatever the person's interface language."""
    versions = all_versions(language)
    if not versions:
        raise RulesError(rules_dir(), ["Det finns ingen regelfil (ai-act-*.yaml)."])
    return list(versions.values())[-1]


def version(number: str, language: str | None = None) -> Rules | None:
    return all_versions(language).get(number)
