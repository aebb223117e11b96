"""Scoring for ``kraft bench answers``: one record per question (what ``--details`` writes), then summaries.

Every question is answered by ``answer_question`` exactly as the ask page does; the plain BM25 baseline (the search
port's top three passages and their sentence sharing most words with the question) is scored in the same run.
The questions are also split by a rule fixed before any tuning: the number in a question's id, odd or even
(``Q001`` odd, ``Q002`` even). The odd half is for tuning, the even half is held back.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser

from kraft.knowledge.answers.bench import Corpus, _norm
from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.answers.text import occurs_in, split_sentences, term_set
from kraft.knowledge.models import Library, Passage
from kraft.knowledge.search import COLLECTION
from kraft.search import service as search_service
from kraft.search.documents import SearchQuery

ANSWER_CHARS = 300
TUNING, HELD_BACK = "tuning (odd ids)", "held back (even ids)"


def half(question_id: str) -> str:
    digits = re.findall(r"\d+", str(question_id))
    return TUNING if digits and int(digits[-1]) % 2 else HELD_BACK


def _contains_gold(text: str, answers: Iterable[str]) -> bool:
    lowered = text[:ANSWER_CHARS].casefold()
    return any(str(gold).casefold() in lowered for gold in answers if str(gold).strip())


def baseline_answer(question: str, library: Library) -> tuple[str, list[int]]:
    """The naive baseline: the search port's BM25 top three, and the sentence sharing most words with the question."""
    hits = search_service.search(
        SearchQuery(collection=COLLECTION, text=question, filters={"library": (str(library.pk),)}, page_size=5)
    ).hits
    ids = [int(h.key) for h in hits]
    texts = dict(Passage.objects.filter(pk__in=ids[:3]).values_list("pk", "text"))
    wanted = term_set(question)
    best, best_overlap = "", -1
    for pk in ids[:3]:
        for sentence in split_sentences(texts.get(pk, "")):
            overlap = len(wanted & term_set(sentence.text))
            if overlap > best_overlap:
                best, best_overlap = sentence.text, overlap
    return best, ids


class _Labels:
    """Passage id → its citation, loaded once per passage."""

    def __init__(self) -> None:
        self.rows: dict[int, tuple[str, str]] = {}

    def load(self, ids: Iterable[int]) -> None:
        missing = [pk for pk in ids if pk not in self.rows]
        for pk, citation, text in Passage.objects.filter(pk__in=missing).values_list("pk", "citation", "text"):
            self.rows[pk] = (citation, text)

    def citation(self, pk: int) -> str:
        return self.rows.get(pk, ("", ""))[0]

    def text(self, pk: int) -> str:
        return self.rows.get(pk, ("", ""))[1]


def score_question(question: dict[str, Any], corpus: Corpus, labels: _Labels) -> dict[str, Any]:
    gold = [str(a) for a in question.get("answers", [])]
    relevant = {_norm(r) for r in question.get("relevant", [])}
    started = time.perf_counter()
    result = answer_question(AnonymousUser(), question["text"], library_ids=[corpus.library.pk], store=False)
    took = (time.perf_counter() - started) * 1000
    baseline, baseline_ids = baseline_answer(question["text"], corpus.library)
    cited = [result.source(n) for claim in result.claims for n in claim.citations]
    labels.load([*result.ranked_passage_ids[:10], *baseline_ids[:5], *(s.passage_id for s in cited if s)])
    valid = [
        source is not None and occurs_in(claim.quote or claim.text, labels.text(source.passage_id))
        for claim in result.claims
        for source in (result.source(n) for n in claim.citations)
    ]

    def hit(ids: Iterable[int]) -> bool:
        return any(corpus.keys.get(pk, set()) & relevant for pk in ids)

    first = next((n for n, pk in enumerate(result.ranked_passage_ids[:10], 1) if hit([pk])), None)
    candidate = next((n for n, pk in enumerate(result.ranked_passage_ids, 1) if hit([pk])), None)

    return {
        "id": question.get("id", ""),
        "half": half(question.get("id", "")),
        "question": question["text"],
        "answerable": bool(gold),
        "abstained": result.abstained,
        "certainty": result.certainty,
        "similarity": None if result.similarity is None else round(result.similarity, 4),  # to set answer_similarity
        "coverage": None if result.coverage is None else round(result.coverage, 4),  # what abstention reads lexically
        "relevant": list(question.get("relevant", [])),
        "retrieved": [labels.citation(pk) for pk in result.ranked_passage_ids[:10]],
        "cited": list(dict.fromkeys(s.label for s in cited if s)),
        "recalled@5": hit(result.ranked_passage_ids[:5]) if relevant else None,
        # the answer quotes the first passage first: whether it is a right one decides the answer's opening
        "first_relevant_rank": first if relevant else None,
        # where a miss happens: a right paragraph among all the candidates the ranking saw (None: never gathered),
        # and a right paragraph's document among the candidates' documents, in the order the ranking first shows them
        "candidates": len(result.ranked_passage_ids),
        "candidate_rank": candidate if relevant else None,
        "document_rank": document_rank(result.ranked_passage_ids, corpus, relevant) if relevant else None,
        "supported": (not result.abstained) and _contains_gold(result.text, gold) if gold else None,
        "citations_valid": [sum(valid), len(valid)],
        "answer": result.text,
        "ms": round(took, 1),
        "baseline": {
            "retrieved": [labels.citation(pk) for pk in baseline_ids[:5]],
            "recalled@5": hit(baseline_ids[:5]) if relevant else None,
            "supported": _contains_gold(baseline, gold) if gold else None,
        },
    }


def document_rank(ranked: list[int], corpus: Corpus, relevant: set[str]) -> int | None:
    """The rank of the first document holding a right paragraph among the ranked passages' documents."""
    wanted = {pk for pk, keys in corpus.keys.items() if keys & relevant}
    documents = dict(Passage.objects.filter(pk__in=[*ranked, *wanted]).values_list("pk", "document_id"))
    right = {documents[pk] for pk in wanted if pk in documents}
    order = list(dict.fromkeys(documents[pk] for pk in ranked if pk in documents))
    return next((n for n, document in enumerate(order, 1) if document in right), None)


def score_all(
    corpus: Corpus, questions: list[dict[str, Any]], progress: Callable[[int, int], None] | None = None
) -> list[dict[str, Any]]:
    labels = _Labels()
    records = []
    for index, question in enumerate(questions, start=1):
        records.append(score_question(question, corpus, labels))
        if progress:
            progress(index, len(questions))
    return records


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in records if r["answerable"]]
    unanswerable = [r for r in records if not r["answerable"]]
    with_relevant = [r for r in records if r["recalled@5"] is not None]
    abstained = [r for r in records if r["abstained"]]
    valid, citations = (sum(r["citations_valid"][i] for r in records) for i in (0, 1))
    timings = sorted(r["ms"] for r in records)
    return {
        "questions": len(records),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "passage_recall@5": _share(sum(r["recalled@5"] for r in with_relevant), len(with_relevant)),
        "passage_recall@1": _share(sum(r.get("first_relevant_rank") == 1 for r in with_relevant), len(with_relevant)),
        "mrr@10": _share(
            sum(1 / (r.get("first_relevant_rank") or float("inf")) for r in with_relevant), len(with_relevant)
        ),
        "answer_support": _share(sum(bool(r["supported"]) for r in answerable), len(answerable)),
        "abstain_precision": _share(sum(not r["answerable"] for r in abstained), len(abstained)),
        "abstain_recall": _share(sum(r["abstained"] for r in unanswerable), len(unanswerable)),
        # where the misses are: the right paragraph never gathered, or its statute (document) not among the first
        "candidate_recall": _share(sum(r["candidate_rank"] is not None for r in with_relevant), len(with_relevant)),
        "document_recall@5": _share(sum(0 < (r["document_rank"] or 0) <= 5 for r in with_relevant), len(with_relevant)),
        "abstained_answerable": _share(sum(r["abstained"] for r in answerable), len(answerable)),
        "abstained": len(abstained),
        "uncertain": sum(r["certainty"] == "uncertain" for r in records),
        "citation_validity": _share(valid, citations),
        "citations": citations,
        "p50_ms": round(statistics.median(timings), 1) if timings else None,
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1) if timings else None,
        "baseline_bm25_top3_best_sentence": {
            "answer_support": _share(sum(bool(r["baseline"]["supported"]) for r in answerable), len(answerable)),
            "passage_recall@5": _share(sum(r["baseline"]["recalled@5"] for r in with_relevant), len(with_relevant)),
        },
    }


def report(corpus: Corpus, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole set's figures at the top level, then each half's."""
    summary = summarise(records)
    summary["halves"] = {name: summarise([r for r in records if r["half"] == name]) for name in (TUNING, HELD_BACK)}
    summary["corpus"] = {
        "documents": corpus.documents,
        "passages": corpus.passages,
        "ingestion_seconds": round(corpus.seconds, 1),
        "skipped": corpus.failed[:20],
    }
    return summary


def _share(part: float, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
