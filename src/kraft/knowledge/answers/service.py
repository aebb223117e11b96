"""Answering a question: retrieve what the asker may see, then quote (or generate and verify), or abstain.

``answer_question`` is the one code path behind the ask page, ``POST /api/v1/answers`` and ``kraft bench answers``.
"""

from __future__ import annotations

import time
from typing import Any

from django.db import transaction

from kraft.audit.services import record
from kraft.knowledge.answers import generation, synonyms
from kraft.knowledge.answers.claims import EXTRACTED, Claim
from kraft.knowledge.answers.extract import (
    close_in_meaning,
    guidance_sentence,
    is_sure,
    select_sentences,
    should_abstain,
    unanswered_names,
)
from kraft.knowledge.answers.personnummer import REPLACEMENT, redact_personal_numbers
from kraft.knowledge.answers.query import Query, analyse_question
from kraft.knowledge.answers.rank import Candidate, Ranking, rank
from kraft.knowledge.answers.results import (
    ABSTAINED,
    EXTRACTIVE,
    NO_SEARCH_WORDS,
    NO_SUCH_PROVISION,
    ORGANISATION_GUIDANCE,
    OTHER_LANGUAGE,
    PERSONAL_NUMBER,
    REPEALED,
    SURE,
    SYNONYMS,
    UNCERTAIN,
    UNCERTAIN_ANSWER,
    UNKNOWN_NAME,
    AnswerResult,
    Source,
)
from kraft.knowledge.answers.retrieval import retrieve, unknown_names
from kraft.knowledge.models import Document
from kraft.knowledge.models_answers import Answer, Question
from kraft.llm.base import BaseLLMBackend
from kraft.llm.handler import get_backend
from kraft.search import service as search_service
from kraft.search.embedders import get_embedder

SOURCES_SHOWN = 5
EXCERPT_CHARS = 300


def answer_question(
    user: Any,
    text: str,
    *,
    language: str = "sv",
    library_ids: list[int] | None = None,
    backend: BaseLLMBackend | None = None,
    store: bool = True,
) -> AnswerResult:
    started = time.perf_counter()
    question, had_number = redact_personal_numbers(text.strip())
    backend = backend or get_backend()
    result = AnswerResult(question=question, kind=EXTRACTIVE, backend=backend.name)
    if had_number:
        result.notices.append({"code": PERSONAL_NUMBER})
    query = analyse_question(question.replace(REPLACEMENT, " "))
    if not query.weights and not query.citations:  # only stop words, or only a personal identity number
        result.kind = ABSTAINED
        result.notices.append({"code": NO_SEARCH_WORDS})
    else:
        _answer(user, query, result, backend, library_ids, language)
    result.took_ms = round((time.perf_counter() - started) * 1000)
    if store and getattr(user, "is_authenticated", False):
        save_answer(user, result, had_number=had_number, language=language)
    return result


def _answer(
    user: Any,
    query: Query,
    result: AnswerResult,
    backend: BaseLLMBackend,
    library_ids: list[int] | None,
    language: str,
) -> None:
    if query.language != "sv":
        result.notices.append({"code": OTHER_LANGUAGE})
    synonyms.expand(query)
    candidates = retrieve(user, query, library_ids=library_ids)
    ranking = rank(query, candidates, rarity=search_service.rarity)
    result.ranked_passage_ids = [c.payload.pk for c, _score in ranking.passages]
    result.similarity = ranking.passages[0][0].meaning if ranking.passages else None
    result.coverage = ranking.coverage if ranking.passages else None
    cited = any(c.direct for c in candidates)
    for citation in missing_citations(query, candidates):
        result.notices.append({"code": NO_SUCH_PROVISION, "citation": citation})
    unknown = unknown_names(user, query.names, library_ids) if query.names else []
    unknown += [name for name in unanswered_names(query.names, ranking) if name not in unknown]
    close = close_in_meaning(result.similarity, _answer_similarity())
    if (query.citations and not cited) or should_abstain(ranking, unknown_names=bool(unknown), close=close):
        result.kind = ABSTAINED
        result.sources = sources_for([c for c, _score in ranking.passages[:3]])
        if unknown:
            result.notices.append({"code": UNKNOWN_NAME, "names": unknown})
        return
    if backend.generates:
        generation.generate_answer(user, query.text, ranking, backend, result, language=language)
    else:
        extractive_answer(ranking, result)
    if result.abstained:
        return
    result.certainty = SURE if is_sure(ranking, cited=cited) else UNCERTAIN
    if result.certainty == UNCERTAIN:
        result.notices.append({"code": UNCERTAIN_ANSWER})
    if query.bridged:
        result.notices.append({"code": SYNONYMS, "words": query.bridged})
    if any(c.own for c in candidates) and _quotes_guidance(result, candidates):
        result.notices.append({"code": ORGANISATION_GUIDANCE})
    if any(s.repealed for s in result.sources if any(s.number in c.citations for c in result.claims)):
        result.notices.append({"code": REPEALED})


def _answer_similarity() -> float | None:
    embedder = get_embedder()
    return embedder.answer_similarity if embedder is not None else None


def missing_citations(query: Query, candidates: list[Candidate]) -> list[str]:
    """Labels of the provisions the question cites that the library does not have (``34 kap. 99 § KL``)."""
    found = set()
    for candidate in candidates:
        if candidate.direct:
            passage = candidate.payload
            found.add((passage.document.sfs_number, passage.chapter, passage.section))
            found.add((passage.document.sfs_number, "article", passage.article))
    missing = []
    for citation in query.citations:
        wanted = (citation.statute, "article", citation.article) if citation.article else None
        if (wanted or (citation.statute, citation.chapter, citation.section)) not in found:
            title = Document.objects.filter(sfs_number=citation.statute).values_list("title", flat=True).first()
            missing.append(f"{citation.text} {title or citation.statute}")
    return missing


def _quotes_guidance(result: AnswerResult, candidates: list[Candidate]) -> bool:
    own = {c.payload.pk for c in candidates if c.own}
    sources = [result.source(n) for claim in result.claims for n in claim.citations]
    return bool(own & {source.passage_id for source in sources if source is not None})


def sources_for(candidates: list[Candidate], start: int = 1) -> list[Source]:
    sources = []
    for number, candidate in enumerate(candidates, start=start):
        passage = candidate.payload
        sources.append(
            Source(
                number=number,
                passage_id=passage.pk,
                document_id=passage.document_id,
                label=passage.citation,
                document_title=passage.document.title,
                url=passage.get_absolute_url(),
                repealed=passage.document.repealed,
                excerpt=_excerpt(passage.text),
                source_link=passage.source_link,
            )
        )
    return sources


def _excerpt(text: str) -> str:
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


def extractive_answer(ranking: Ranking, result: AnswerResult, *, only: set[str] | None = None) -> None:
    """Quote the best sentences verbatim; ``only`` limits the quotes to these passage keys."""
    shown = [c for c, _score in ranking.passages[:SOURCES_SHOWN]]
    chosen = [s for s in select_sentences(ranking) if only is None or s.candidate.key in only]
    guidance = guidance_sentence(ranking)
    quoted = {s.candidate.key for s in chosen}
    if (
        chosen
        and guidance is not None
        and guidance.candidate.key not in quoted
        and (only is None or guidance.candidate.key in only)
    ):
        chosen.append(guidance)  # the organisation's own guidance, after the law it rests on
    for scored in chosen:
        if scored.candidate not in shown:
            shown.append(scored.candidate)
    if not result.sources:
        result.sources = sources_for(shown)
    numbers = {s.passage_id: s.number for s in result.sources}
    for scored in chosen:
        passage_id = scored.candidate.payload.pk
        if passage_id not in numbers:
            result.sources += sources_for([scored.candidate], start=len(result.sources) + 1)
            numbers[passage_id] = result.sources[-1].number
        text = scored.sentence.text
        result.claims.append(Claim(text=text, citations=[numbers[passage_id]], quote=text, status=EXTRACTED))
    if not result.claims and result.kind == EXTRACTIVE:
        result.kind = ABSTAINED


@transaction.atomic
def save_answer(user: Any, result: AnswerResult, *, had_number: bool, language: str) -> Answer:
    question = Question.objects.create(
        user=user, text=result.question, had_personal_number=had_number, language=language[:10]
    )
    answer = Answer.objects.create(
        question=question,
        kind=result.kind,
        text=result.text,
        claims=[claim.as_dict() for claim in result.claims],
        sources=[source.as_dict() for source in result.sources],
        notices=result.notices,
        backend=result.backend[:200],
        took_ms=result.took_ms,
    )
    # The question itself stays out of the audit trail: it is personal history with its own retention.
    record(
        user,
        "knowledge.answer.asked",
        answer,
        target_label=f"#{answer.pk}",
        after={"kind": answer.kind, "sources": len(result.sources)},
    )
    result.answer_id = answer.pk
    return answer
