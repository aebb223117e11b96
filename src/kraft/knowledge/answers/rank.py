"""Ranks retrieved passages and their sentences for a question. Pure functions: no database, no search backend.

The search port returns ~20 passages; here every sentence of them is scored against the question (term overlap
weighted by rarity among the candidates, compound parts, the answer kind the question asks for, the neighbouring
sentences) and the passages are re-ranked by their retrieval score together with their best sentence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kraft.knowledge.answers.query import Query
from kraft.knowledge.answers.text import Sentence, split_sentences, stem, words, wordset


@dataclass(frozen=True)
class Tuning:
    partial: float = 0.6  # weight of a compound-part match (omsorg ~ äldreomsorg)
    length_b: float = 0.0  # sentence-length normalisation (0 = none)
    neighbour: float = 0.0  # share of the neighbouring sentences' score
    kind_bonus: float = 0.35  # boost when the sentence holds what the question kind wants
    retrieval: float = 0.7  # weight of the (normalised) search score in a passage's score
    # … when candidates carry the embedder's similarity: the hybrid search score holds that similarity already, and
    # ``meaning`` adds it comparably across the searches, so the search score weighs less
    retrieval_with_meaning: float = 0.35
    best_sentence: float = 0.3  # weight of the passage's best sentence
    coverage: float = 0.3  # weight of the share of the question the passage matches
    passage_in_sentence: float = 0.6  # weight of the passage's score in each of its sentences' score
    demote: float = 0.6  # factor for passages of repealed documents
    explanatory: float = 0.7  # factor for text that explains but does not bind (an EU regulation's recitals)
    hint: float = 0.4  # added to passages of a statute the question names (besides ``statute``)
    statute: float = 0.3  # weight of the passage's statute's share of the retrieval (1 when the question names it)
    direct: float = 2.0  # added to a provision the question cites: it comes first
    heading: float = 0.7  # added to a passage whose own heading the question asks about in full
    first_sentence: float = 0.3  # a paragraph states its main rule first; exceptions and details follow
    reference: float = 0.3  # factor for a sentence that only points elsewhere ("Bestämmelser om … finns i …")
    prefix: float = 0.75  # words sharing this share of their letters from the start match partially (0 = off)
    meaning: float = 1.0  # weight of the embedder's similarity, scaled 0–1 over the candidates (when configured)


DEFAULT_TUNING = Tuning()


@dataclass
class Candidate:
    key: str
    text: str
    score: float = 0.0  # the search port's score (higher is better)
    title: str = ""
    demoted: bool = False  # e.g. a repealed statute
    explanatory: bool = False  # a recital: it explains the articles, the articles bind
    foreign: bool = False  # text in another language: its (Swedish) title stands for every sentence of it
    hinted: bool = False  # from a statute the question names
    statute: float = 0.0  # how much the retrieval points at this passage's statute (0–1)
    direct: bool = False  # a provision the question cites
    own: bool = False  # guidance of the asker's own organisation
    heading: float = 0.0  # how fully the question asks what the passage's own heading names (0–1)
    meaning: float | None = None  # cosine similarity to the question (only with an embedder)
    learned: str = ""  # askers' own words for it, from helpful answers (``learning``): they count in every sentence
    payload: Any = None  # whatever the caller wants back (the Passage row)


@dataclass
class ScoredSentence:
    candidate: Candidate
    sentence: Sentence
    score: float
    coverage: float  # share of the question's weight this sentence matches


@dataclass
class Ranking:
    passages: list[tuple[Candidate, float]]
    sentences: list[ScoredSentence]
    coverage: float  # best share of the question's weight matched by one passage
    sentence_coverage: float
    query_weight: dict[str, float] = field(default_factory=dict)


YEAR = re.compile(r"\b(1\d{3}|20\d{2})(-talet)?\b|\b\d{1,2}(00|0)-talet\b")
TIME_WORDS = frozenset(
    stem(w)
    for w in wordset(
        """januari februari mars april maj juni juli augusti september oktober november december
    århundrade decennium talet år månad månader vecka veckor dag dagar timme timmar genast skyndsamt snarast
    omedelbart senast dröjsmål inom"""
    )
)
# A quantity: a number that is not a reference to a provision or a statute ("4 §", "3 kap.", "(2017:900)", "1.")
NUMBER = re.compile(
    r"(?<![\d:(/.])\d+(?:[ ,.]\d{3})*(?:,\d+)?(?![\d:/)])"
    r"(?!\s*(?:[a-z]\s+)?(?:§|kap\b|st\b|p\b)|\.(?:\s|$))"  # "4 §", "4 a §", "3 kap.", "1." (a list's item)
    r"(?!(?:\s*(?:,|och|eller|–|-)\s*\d+\s*(?:[a-z]\s+)?)+(?:§|kap\b))"  # "4 eller 5 §", "2, 3 och 5 §§"
)
NUMBER_WORDS = wordset(
    """två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton sjutton arton nitton hundra
    tusen miljon miljoner miljard miljarder procent dussin hälften"""
)  # not "en" and "ett": every sentence has them
TENS = ("tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio")  # and tjugofem, trettiotvå
# Sentences that only point to other rules: "Bestämmelser om … finns i …", "Av 5 § framgår …", "I 3 kap. finns …".
REFERENCE = re.compile(
    r"^(?:Bestämmelser|Särskilda bestämmelser|Ytterligare bestämmelser|Föreskrifter)\b.{0,200}\b(?:finns|gäller)\b"
    r"|^(?:Av|I)\s+\d+\s*(?:[a-z]\s*)?(?:kap\.|§).{0,80}\b(?:framgår|finns)\b",
    re.IGNORECASE | re.DOTALL,
)
# How Swedish statutes define: "Med X avses Y", "I denna lag avses med X", "X är allmän, om …", "anses som". Not the
# cross-reference "som avses i 9 §", which defines nothing and is in most paragraphs.
DEFINITION = re.compile(
    r"\bmed\s[^.;]{1,80}?\s(?:avses|menas|förstås)\b|\b(?:avses|menas|förstås)\s+(?:[^.;]{0,30}\s)?med\b"
    r"|\banses\s+(?!inte\b)|\bär\b[^.;]{0,40},?\s+om\b"
    r"|\b(?:means|shall be considered|shall be deemed)\b",  # EU law's English text
    re.IGNORECASE,
)
CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÅÄÖÉ][\wåäöé]+")


def _kind_match(kind: str, sentence: str, question_stems: set[str]) -> bool:
    if kind == "time":
        if YEAR.search(sentence):
            return True
        return any(stem(w) in TIME_WORDS and stem(w) not in question_stems for w in words(sentence))
    if kind == "number":
        return bool(NUMBER.search(sentence)) or any(w in NUMBER_WORDS or w.startswith(TENS) for w in words(sentence))
    if kind == "definition":
        return bool(DEFINITION.search(sentence))
    if kind in {"person", "place"}:
        return any(stem(m.group(0).lower()) not in question_stems for m in CAPITALISED.finditer(sentence))
    return False


class _Matcher:
    """Which candidate tokens each question stem matches, exactly or as a compound part."""

    def __init__(self, query: Query, vocabulary: set[str], tuning: Tuning) -> None:
        self.weights = dict(query.weights)
        self._add_compound_parts(vocabulary)
        self.core = set(self.weights)  # the question's own words: what coverage is measured against
        for term, weight in query.extra.items():
            self.weights.setdefault(term, weight)
        self.matches: dict[str, dict[str, float]] = {}
        for q in self.weights:
            found = {q: 1.0} if q in vocabulary else {}
            if len(q) >= 4:
                for token in vocabulary:
                    if token != q and _related(q, token, tuning):
                        found[token] = tuning.partial
            self.matches[q] = found

    def _add_compound_parts(self, vocabulary: set[str]) -> None:
        for q, weight in list(self.weights.items()):
            if q in vocabulary or len(q) < 8:
                continue
            for cut in range(4, len(q) - 3):
                head, tail = q[:cut], q[cut:]
                head_ok = head in vocabulary or (head.endswith("s") and head[:-1] in vocabulary)
                if head_ok and tail in vocabulary:
                    self.weights.setdefault(head.rstrip("s") if head not in vocabulary else head, weight * 0.5)
                    self.weights.setdefault(tail, weight * 0.5)
                    break

    def score(self, tokens: Counter[str], idf: dict[str, float]) -> tuple[float, float]:
        matched = 0.0
        for q, weight in self.weights.items():
            best = max((m for token, m in self.matches[q].items() if token in tokens), default=0.0)
            matched += best * weight * idf.get(q, 0.0)
        return matched, min(1.0, matched / self.total(idf)) if self.weights else 0.0

    def total(self, idf: dict[str, float]) -> float:
        return sum(weight * idf.get(q, 0.0) for q, weight in self.weights.items() if q in self.core) or 1.0


def rank(
    query: Query,
    candidates: list[Candidate],
    tuning: Tuning = DEFAULT_TUNING,
    rarity: Callable[[list[str]], dict[str, float]] | None = None,
) -> Ranking:
    """``rarity``: each term's IDF over the whole library (the search index's). Sentences and passages are ranked
    by their terms' rarity among the candidates, which tells them apart; how much of the question the best passage
    covers – what abstention and certainty read – is weighed by the rarity in the library, so that it does not
    depend on which candidates the retrieval gathered (gathered in the right statute, the question's topical words
    are no longer rare among them, and the coverage of the right paragraph would fall)."""
    split = [(c, s, _sentence_tokens(c, s)) for c in candidates for s in split_sentences(c.text)]
    passage_tokens = [Counter(stem(w) for w in words(f"{c.title} {c.text} {c.learned}")) for c in candidates]
    vocabulary = {token for counter in passage_tokens for token in counter}
    matcher = _Matcher(query, vocabulary, tuning)
    idf = _idf(matcher, [tokens for _c, _s, tokens in split])
    lengths = [sum(tokens.values()) for _c, _s, tokens in split]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0

    raw: list[tuple[float, float]] = []
    for (candidate, sentence, tokens), length in zip(split, lengths, strict=True):
        matched, coverage = matcher.score(tokens, idf)
        norm = 1 - tuning.length_b + tuning.length_b * (length / average if average else 1.0)
        value = matched / norm
        if query.kind and _kind_match(query.kind, sentence.text, set(query.weights)):
            value *= 1 + tuning.kind_bonus
        if sentence.start == 0 or not candidate.text[: sentence.start].strip():
            value *= 1 + tuning.first_sentence
        if REFERENCE.match(sentence.text):
            value *= tuning.reference
        raw.append((value, coverage))

    passage_scores = _passage_scores(candidates, passage_tokens, split, raw, matcher, idf, tuning)
    by_key = {c.key: score for c, score in passage_scores}
    sentences: list[ScoredSentence] = []
    top = max((v for v, _c in raw), default=0.0) or 1.0
    for index, ((candidate, sentence, _tokens), (value, coverage)) in enumerate(zip(split, raw, strict=True)):
        context = 0.0
        for other in (index - 1, index + 1):
            if 0 <= other < len(split) and split[other][0] is candidate:
                context = max(context, raw[other][0])
        score = (value + tuning.neighbour * context) / top + tuning.passage_in_sentence * by_key[candidate.key]
        if candidate.demoted:
            score *= tuning.demote
        if candidate.explanatory:
            score *= tuning.explanatory
        sentences.append(ScoredSentence(candidate, sentence, score, coverage))
    sentences.sort(key=lambda s: s.score, reverse=True)
    weight = {**idf, **rarity(list(matcher.weights))} if rarity is not None else idf
    coverage = max((matcher.score(tokens, weight)[1] for tokens in passage_tokens), default=0.0)
    sentence_coverage = max((c for _v, c in raw), default=0.0)
    return Ranking(passage_scores, sentences, coverage, sentence_coverage, matcher.weights)


def _sentence_tokens(candidate: Candidate, sentence: Sentence) -> Counter[str]:
    """A sentence's words, and its passage's learnt words; a sentence in another language than the question's also
    carries its passage's title (EU law's Swedish heading and defined terms), the only words of it a Swedish
    question can match."""
    text = f"{sentence.text} {candidate.title}" if candidate.foreign else sentence.text
    if candidate.learned:
        text = f"{text} {candidate.learned}"
    return Counter(stem(w) for w in words(text))


def _related(q: str, token: str, tuning: Tuning) -> bool:
    """A compound part (omsorg ~ äldreomsorg) or the same word stem in another form (imitera ~ imitation)."""
    if len(token) > len(q) + 2 and (token.endswith(q) or token.startswith(q)):
        return True
    return bool(tuning.prefix) and _shared_prefix(q, token) >= max(5, tuning.prefix * min(len(q), len(token)))


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _idf(matcher: _Matcher, sentence_tokens: list[Counter[str]]) -> dict[str, float]:
    n = len(sentence_tokens) + 1
    idf: dict[str, float] = {}
    for q, matches in matcher.matches.items():
        df = sum(1 for tokens in sentence_tokens if any(token in tokens for token in matches))
        idf[q] = math.log(1 + (n - df + 0.5) / (df + 0.5))
    for q in matcher.weights:
        idf.setdefault(q, math.log(1 + (n + 0.5) / 0.5))
    return idf


def _passage_scores(
    candidates: list[Candidate],
    passage_tokens: list[Counter[str]],
    split: list[tuple[Candidate, Sentence, Counter[str]]],
    raw: list[tuple[float, float]],
    matcher: _Matcher,
    idf: dict[str, float],
    tuning: Tuning,
) -> list[tuple[Candidate, float]]:
    if not candidates:
        return []
    best_sentence: dict[str, float] = {}
    for (candidate, _s, _t), (value, _c) in zip(split, raw, strict=True):
        best_sentence[candidate.key] = max(best_sentence.get(candidate.key, 0.0), value)
    top_sentence = max(best_sentence.values(), default=0.0) or 1.0
    top_retrieval = max((c.score for c in candidates), default=0.0) or 1.0
    similar = [c.meaning for c in candidates if c.meaning is not None]
    low, spread = (min(similar), (max(similar) - min(similar)) or 1.0) if similar else (0.0, 1.0)
    retrieval = tuning.retrieval_with_meaning if similar else tuning.retrieval
    scored = []
    for candidate, tokens in zip(candidates, passage_tokens, strict=True):
        coverage = matcher.score(tokens, idf)[1]
        score = (
            retrieval * (candidate.score / top_retrieval)
            + tuning.best_sentence * (best_sentence.get(candidate.key, 0.0) / top_sentence)
            + tuning.coverage * coverage
            + tuning.hint * candidate.hinted
            + tuning.statute * candidate.statute
            + tuning.direct * candidate.direct
            + tuning.heading * candidate.heading
            + (tuning.meaning * (candidate.meaning - low) / spread if candidate.meaning is not None else 0.0)
        )
        if candidate.demoted:
            score *= tuning.demote
        if candidate.explanatory:
            score *= tuning.explanatory
        scored.append((candidate, score))
    scored.sort(key=lambda item: item[1], reverse=True)
    return scored
