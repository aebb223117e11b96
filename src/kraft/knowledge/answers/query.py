"""What a question asks: its weighted terms, the statutes and provisions it names, and the kind of answer wanted.

Statutes are recognised by the names and abbreviations learnt from their titles (``kraft.knowledge.citations``);
nothing here is a list of topics or synonyms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kraft.knowledge.answers.text import split_sentences, stem, terms, words, wordset
from kraft.knowledge.citations import Citation, Mention, library_vocabulary, parse_citations

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
    ("definition", re.compile(r"^(vad är|vad betyder|vad menas med|vad avses med|vad räknas som) ")),
]


@dataclass
class Query:
    text: str
    weights: dict[str, float]  # the question's own stems → weight
    extra: dict[str, float] = field(default_factory=dict)  # further terms at lower weight (pseudo-relevance feedback)
    kind: str = ""
    phrases: list[str] = field(default_factory=list)  # further words for the retrieval text
    statutes: list[str] = field(default_factory=list)  # keys (SFS numbers) of the statutes the question names
    citations: list[Citation] = field(default_factory=list)  # provisions it cites ("2 kap. 12 § TF")
    names: list[str] = field(default_factory=list)  # proper names and acronyms that are not statutes' names
    language: str = "sv"  # "sv", or "other" when the question is evidently in another language
    synonym_terms: dict[str, float] = field(default_factory=dict)  # analysed synonym term → factor on its weight
    bridged: dict[str, list[str]] = field(default_factory=dict)  # a word no statute uses → the synonyms searched

    @property
    def stems(self) -> set[str]:
        return set(self.weights)

    def retrieval_text(self) -> str:
        """The text sent to the search port: the question plus the legal terms its everyday words map to."""
        return " ".join([self.text, *self.phrases])


def mentions_in(text: str) -> list[Mention]:
    return library_vocabulary().mentions(text)


def question_kind(text: str) -> str:
    """The kind of the question word that opens the question: the earliest cue of the sentence that asks (the last
    one ending in "?"), so that *Varför … när …?* asks why, and *Vem var kung när …?* asks who."""
    asked = [part for part in re.split(r"(?<=[.!?])\s+", text) if part.rstrip().endswith("?")]
    lowered = " ".join(words(asked[-1] if asked else text)) + " "
    found = [
        (match.start(), order, kind)
        for order, (kind, pattern) in enumerate(KINDS)
        if (match := pattern.search(lowered))
    ]
    return min(found)[2] if found else ""


CIRCUMSTANCES = 0.75  # weight of a word only in the sentences around the ones that ask


def circumstances(text: str) -> tuple[str, str]:
    """(what the question tells, what it asks) when it tells its circumstances before or around the sentences that
    ask (*Pappa har fått plats på äldreboende. Får mamma flytta med honom?*); ("", text) otherwise."""
    sentences = [sentence.text for sentence in split_sentences(text)]  # "2 kap. 12 §" or "t.ex." end none
    asking = [part for part in sentences if part.endswith("?")]
    if not asking or len(asking) == len(sentences):
        return "", text
    return " ".join(part for part in sentences if not part.endswith("?")), " ".join(asking)


def question_weights(text: str) -> dict[str, float]:
    """Each word of the question at weight 1, except a word found only in what the question tells around the
    sentences that ask: ``CIRCUMSTANCES``. The asking sentence says what the law must answer, the others say about
    whom and where."""
    weights = dict.fromkeys(terms(text), 1.0)
    told, asked = circumstances(text)
    if told:
        asking = set(terms(asked))
        weights = {term: 1.0 if term in asking else CIRCUMSTANCES for term in weights}
    return weights


VOCABULARY = Path(__file__).resolve().parents[1] / "data" / "vocabulary.json"
EXPANSION_WEIGHT = 0.6


@lru_cache(maxsize=1)
def _vocabulary() -> list[tuple[re.Pattern[str], str]]:
    entries = json.loads(VOCABULARY.read_text(encoding="utf-8"))["entries"]
    return [
        (
            re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in entry["words"]) + r")(?![\w-])"),
            entry["statutes_say"],
        )
        for entry in entries
    ]


def statute_words(text: str) -> list[str]:
    """The words the statutes use for what the question calls otherwise (``data/vocabulary.json``)."""
    return [words for pattern, words in _vocabulary() if pattern.search(text)]


def analyse_question(text: str) -> Query:
    mentions = mentions_in(text)
    citations = parse_citations(text)
    spans = [(m.start, m.end) for m in mentions] + [(c.start, c.end) for c in citations]
    weights = question_weights(text)
    phrases = statute_words(text)
    extra = {t: EXPANSION_WEIGHT for phrase in phrases for t in terms(phrase) if t not in weights}
    return Query(
        text=text,
        weights=weights,
        extra=extra,
        phrases=phrases,
        kind=question_kind(text),
        statutes=list(dict.fromkeys(m.statute for m in mentions)),
        citations=[c for c in citations if c.statute and (c.section or c.article)],
        names=proper_names(text, spans),
        language=language_of(text),
    )


NAME = re.compile(r"(?<![\w-])(?:[A-ZÅÄÖ]{2,}[\wåäö-]*|[A-ZÅÄÖ][a-zåäöé]+(?:-[\wåäö]+)?)(?![\w-])")
SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|[\n\"“”(–-]\s*)$")
ENGLISH = wordset("the is are what how when who which can does do of to and for with my your have has")
SWEDISH = wordset("och är att det som hur vad när vem vilken kan får måste jag vi en ett på för med har")


def proper_names(text: str, skip: list[tuple[int, int]]) -> list[str]:
    """Capitalised words not starting a sentence, and acronyms (``Göteborg``, ``IVO``), outside statute names."""
    found = []
    for match in NAME.finditer(text):
        if any(start <= match.start() < end for start, end in skip):
            continue
        if not match.group(0).isupper() and SENTENCE_START.search(text[: match.start()]):
            continue
        found.append(match.group(0))
    return list(dict.fromkeys(found))


def language_of(text: str) -> str:
    """ "other" when English function words clearly outnumber Swedish ones; Kraft's sources are Swedish."""
    tokens = words(text)
    english = sum(1 for w in tokens if w in ENGLISH)
    swedish = sum(1 for w in tokens if w in SWEDISH)
    return "other" if english >= 2 and english > 2 * swedish else "sv"


def stems_of(text: str) -> list[str]:
    return [stem(w) for w in words(text)]
