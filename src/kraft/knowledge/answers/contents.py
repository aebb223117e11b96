"""Which statutes a question is about, read from their tables of contents.

A statute's title and its chapter and section headings name what it governs (*Turordning*, *Startbesked*,
*Personuppgiftsincidenter*) in few and telling words; its paragraphs use the everyday words of every law. The broad
search's votes sum paragraph scores, so a long statute whose paragraphs share a question's vaguest words can outvote
the one whose table of contents names its subject. Each public statute is therefore also one short document of its
title and its distinct headings, and BM25 over those documents (IDF among statutes, not paragraphs) scores the
statutes for a question; ``retrieval`` adds that score to the votes.

Built from the public statutes only (a private library's headings never steer anyone's answer) and kept per process
until they change, like the heading pairs of ``topicality``; below ``topicality.MIN_STATUTES`` statutes nothing is
scored. Measured on the legal dev sets (README, "Legal answers").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from kraft.knowledge.answers.query import Query
from kraft.knowledge.answers.topicality import MIN_STATUTES, public_statutes, statutes_version
from kraft.knowledge.ingestion.eu_regulation import swedish_heading
from kraft.knowledge.models import Document, Passage
from kraft.search.analysis import get_analyzer
from kraft.search.okapi import BM25


@dataclass(frozen=True)
class _Contents:
    documents: list[int]  # document pk by position in the index
    libraries: list[int]  # their libraries, by the same position
    repealed: list[bool]
    index: BM25


_cache: dict[str, object] = {}


def statute_scores(
    query: Query, library_ids: Iterable[int] | None = None, repealed_share: float = 1.0
) -> dict[int, float]:
    """Document pk → BM25 score of its title and headings for the question (only statutes that share a term), a
    repealed statute's times ``repealed_share``."""
    contents = _contents()
    if contents is None:
        return {}
    weights: dict[str, float] = {}
    for term in get_analyzer().query_terms(query.retrieval_text()):
        weights[term.term] = weights.get(term.term, 0.0) + term.weight
    allowed = None if library_ids is None else set(library_ids)
    return {
        contents.documents[position]: score * (repealed_share if contents.repealed[position] else 1.0)
        for position, score in contents.index.scores(weights).items()
        if allowed is None or contents.libraries[position] in allowed
    }


def _contents() -> _Contents | None:
    statutes = public_statutes()
    version = statutes_version(statutes)
    if _cache.get("version") != version:
        _cache["contents"] = _build(statutes) if version[0] >= MIN_STATUTES else None
        _cache["version"] = version
    found = _cache["contents"]
    return found if isinstance(found, _Contents) else None


def _build(statutes: QuerySet[Document]) -> _Contents:
    analyzer = get_analyzer()
    counts: dict[int, Counter[str]] = {}
    libraries: dict[int, int] = {}
    repealed: dict[int, bool] = {}
    for pk, title, library, gone in statutes.values_list("pk", "title", "library_id", "repealed"):
        counts[pk] = Counter(analyzer.index_terms(title))
        libraries[pk], repealed[pk] = library, gone
    seen: set[tuple[int, str]] = set()
    rows = Passage.objects.filter(document__in=statutes).exclude(heading="")
    for document, heading, language in rows.values_list("document_id", "heading", "language").iterator(2000):
        for part in heading.split("›"):
            part = part.strip() if (language or "sv") == "sv" else swedish_heading(part.strip())
            if part and (document, part) not in seen:
                seen.add((document, part))
                counts[document].update(analyzer.index_terms(part))
    documents = list(counts)
    return _Contents(
        documents,
        [libraries[pk] for pk in documents],
        [repealed[pk] for pk in documents],
        BM25([counts[pk] for pk in documents]),
    )
