"""What a question asks: its weighted terms, everyday words mapped to legal ones, and the kind of answer wanted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kraft.knowledge.answers.synonyms import expansions, statute_hints
from kraft.knowledge.answers.text import stem, terms, words

# Question cues: the first pattern that matches decides what kind of answer the question wants.
KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "time",
        re.compile(
            r"\b(när|vilket år|vilka år|vilket århundrade|vilket decennium|vilket datum|under vilken period|"
            r"hur länge|hur snabbt|hur fort|hur lång tid|inom vilken tid|hur gammal|vilken tid|"
            r"vilken dag|vilken månad|senast när|hur ofta)\b"
        ),
    ),
    (
        "number",
        re.compile(
            r"\b(hur många|hur mycket|hur stor|hur stort|hur stora|hur hög|hur högt|hur lång|"
            r"hur långt|vilket antal|hur mång|till vilken procent|vilken procent|vilket belopp)\b"
        ),
    ),
    ("person", re.compile(r"\b(vem|vems|vilka personer|vilken person|vilka är det som|vem eller vad)\b")),
    (
        "place",
        re.compile(
            r"\b(var |varifrån|vart |i vilket land|i vilken stad|i vilken del|vilket land|vilken stad|"
            r"i vilken region|vilken ort)\b"
        ),
    ),
    ("reason", re.compile(r"\b(varför|av vilken anledning|vad beror)\b")),
]


@dataclass
class Query:
    text: str
    weights: dict[str, float]  # the question's own stems → weight
    extra: dict[str, float] = field(default_factory=dict)  # legal words the question's everyday words map to
    kind: str = ""
    phrases: list[str] = field(default_factory=list)  # those legal words as phrases (for the retrieval text)
    statutes: list[str] = field(default_factory=list)  # SFS numbers the question is evidently about

    @property
    def stems(self) -> set[str]:
        return set(self.weights)

    def retrieval_text(self) -> str:
        """The text sent to the search port: the question plus the legal terms its everyday words map to."""
        return " ".join([self.text, *self.phrases])


def question_kind(text: str) -> str:
    lowered = " ".join(words(text)) + " "
    for kind, pattern in KINDS:
        if pattern.search(lowered):
            return kind
    return ""


def analyse_question(text: str) -> Query:
    weights = dict.fromkeys(terms(text), 1.0)
    extra: dict[str, float] = {}
    phrases: list[str] = []
    for phrase, weight in expansions(text):
        phrases.append(phrase)
        for term in terms(phrase):
            if term not in weights:
                extra[term] = max(weight, extra.get(term, 0.0))
    return Query(
        text=text,
        weights=weights,
        extra=extra,
        kind=question_kind(text),
        phrases=phrases,
        statutes=statute_hints(text),
    )


def stems_of(text: str) -> list[str]:
    return [stem(w) for w in words(text)]
