"""Extractive answers and abstention: which retrieved sentences to quote, and when to say the sources do not answer.

The thresholds were calibrated on the Swedish SQuAD dev half and on the legal dev set in ``bench/``
(see ``kraft bench answers``); they are settings of the answer service, not of the search port.
"""

from __future__ import annotations

from dataclasses import dataclass

from kraft.knowledge.answers.rank import Ranking, ScoredSentence
from kraft.knowledge.answers.text import terms


@dataclass(frozen=True)
class Selection:
    budget: int = 300  # characters of quoted text; a new sentence starts only below this
    max_sentences: int = 3
    min_relative: float = 0.5  # a further sentence must score at least this share of the best one
    min_terms: int = 3  # sentences with fewer content words ("Lag (2018:1801).") are never quoted alone


@dataclass(frozen=True)
class Abstention:
    min_coverage: float = 0.35  # share of the question's weight the best passage must match
    min_sentence_coverage: float = 0.0  # … and the best sentence


DEFAULT_SELECTION = Selection()
DEFAULT_ABSTENTION = Abstention()


def should_abstain(ranking: Ranking, rules: Abstention = DEFAULT_ABSTENTION) -> bool:
    if not ranking.sentences:
        return True
    return ranking.coverage < rules.min_coverage or ranking.sentence_coverage < rules.min_sentence_coverage


def select_sentences(ranking: Ranking, rules: Selection = DEFAULT_SELECTION) -> list[ScoredSentence]:
    chosen: list[ScoredSentence] = []
    seen: set[str] = set()
    length = 0
    top = 0.0
    for scored in ranking.sentences:
        if len(chosen) >= rules.max_sentences or length >= rules.budget:
            break
        text = scored.sentence.text
        if len(terms(text)) < rules.min_terms or " ".join(text.split()).casefold() in seen:
            continue
        if chosen and scored.score < rules.min_relative * top:
            break
        if not chosen:
            top = scored.score
        chosen.append(scored)
        seen.add(" ".join(text.split()).casefold())
        length += len(text) + 1
    return chosen
