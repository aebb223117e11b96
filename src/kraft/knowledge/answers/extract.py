"""Extractive answers and abstention: which retrieved sentences to quote, and when to say the sources do not answer.

Three outcomes, not two: the sources answer (``SURE``), they probably answer but only in part (``UNCERTAIN``: the
answer is given with "Osäkert – kontrollera källan"), or they do not (abstain). The thresholds were set on the
tuning half of ``legal_dev_questions.jsonl`` (odd ids) and the project's own ``bench/`` set: ``min_coverage`` at
about the fifth of answerable questions whose best passage matches least, so that an answerable question is
seldom refused (with an embedder, a best passage close in meaning to the question is not refused for sharing
few of its words: ``close_in_meaning``); questions about a name no source mentions are refused separately
(``UNKNOWN_NAME``), and so are questions about a named place or body that the best passages do not mention
(``unanswered_names``).
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
    per_passage: int = 2  # sentences from the best passage; one from each further one
    combine_share: float = 0.85  # a further passage is quoted when it scores this share of the best one
    guidance_share: float = 0.4  # own guidance is quoted when its passage scores this share of the best one


@dataclass(frozen=True)
class Abstention:
    min_coverage: float = 0.24  # share of the question's weight the best passage must match to answer at all
    min_sentence_coverage: float = 0.0  # … and the best sentence
    sure_coverage: float = 0.5  # from this share on the answer carries no caveat
    unknown_name_coverage: float = 0.6  # a name no source mentions: answer only above this
    name_depth: int = 2  # a place or body the question names must be mentioned by one of this many best passages


DEFAULT_SELECTION = Selection()
DEFAULT_ABSTENTION = Abstention()


def should_abstain(
    ranking: Ranking, rules: Abstention = DEFAULT_ABSTENTION, *, unknown_names: bool = False, close: bool = False
) -> bool:
    """``close``: the best passage is about the question by meaning (``close_in_meaning``), so few shared words
    do not make it a refusal; a name no source mentions still does."""
    if not ranking.sentences:
        return True
    if unknown_names and ranking.coverage < rules.unknown_name_coverage:
        return True
    if close:
        return False
    return ranking.coverage < rules.min_coverage or ranking.sentence_coverage < rules.min_sentence_coverage


def close_in_meaning(similarity: float | None, threshold: float | None) -> bool:
    """With an embedder: the best passage's cosine to the question reaches the embedder's ``answer_similarity``.
    Everyday words often share none with the statute that answers (*överklaga* … *inom tre veckor*)."""
    return similarity is not None and threshold is not None and similarity >= threshold


def unanswered_names(names: list[str], ranking: Ranking, rules: Abstention = DEFAULT_ABSTENTION) -> list[str]:
    """The places and bodies the question names (``Göteborg``; not acronyms such as ``GDPR``, which name laws and
    concepts that the answering law may call otherwise) that none of the best passages mentions: a paragraph on
    municipal tax in general does not say what the tax is in Göteborg."""
    best = " ".join(f"{c.title} {c.text}" for c, _score in ranking.passages[: rules.name_depth]).casefold()
    return [name for name in names if _proper_name(name) and name.casefold() not in best]


def _proper_name(name: str) -> bool:
    """``Göteborg``, not ``GDPR`` or ``AI-system`` (the question's names all start with a capital)."""
    return not name.split("-")[0].isupper()


def is_sure(ranking: Ranking, rules: Abstention = DEFAULT_ABSTENTION, *, cited: bool = False) -> bool:
    """An answer needs no caveat when the question cites the provision, or the best passage matches most of it."""
    return cited or ranking.coverage >= rules.sure_coverage


def select_sentences(ranking: Ranking, rules: Selection = DEFAULT_SELECTION) -> list[ScoredSentence]:
    """The sentences to quote: the best sentence of the best passage first, then of the next passages whose score
    is close (a question spanning two or three provisions gets each), from the law in force when it answers."""
    in_force = any(not c.demoted for c, _score in ranking.passages[:5])
    # a repealed law the question names is not demoted (``retrieval``): it is what the asker wants quoted
    eligible = [(c, score) for c, score in ranking.passages if not (c.demoted and in_force)][: rules.max_sentences]
    if not eligible:
        return []
    top = eligible[0][1]
    by_passage: dict[str, list[ScoredSentence]] = {}
    for scored in ranking.sentences:
        by_passage.setdefault(scored.candidate.key, []).append(scored)
    chosen: list[ScoredSentence] = []
    length = 0
    for rank_index, (candidate, score) in enumerate(eligible):
        if chosen and (score < rules.combine_share * top or length >= rules.budget):
            break
        quota = rules.per_passage if rank_index == 0 else 1
        for scored in by_passage.get(candidate.key, []):
            if quota == 0 or length >= rules.budget or len(chosen) >= rules.max_sentences:
                break
            if len(terms(scored.sentence.text)) < rules.min_terms:
                continue
            if chosen and scored.candidate is chosen[-1].candidate and scored.score < rules.min_relative * top:
                break
            chosen.append(scored)
            length += len(scored.sentence.text) + 1
            quota -= 1
    return chosen


def guidance_sentence(ranking: Ranking, rules: Selection = DEFAULT_SELECTION) -> ScoredSentence | None:
    """The best sentence of the asker's own organisation's guidance, when that guidance is about the question."""
    top = ranking.passages[0][1] if ranking.passages else 0.0
    relevant = {c.key for c, score in ranking.passages if c.own and score >= rules.guidance_share * top}
    for scored in ranking.sentences:
        if scored.candidate.key in relevant and len(terms(scored.sentence.text)) >= rules.min_terms:
            return scored
    return None
