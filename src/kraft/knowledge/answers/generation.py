"""Answers written by a language model, verified claim by claim before anyone sees them.

Passages from libraries that hold personal data are only sent to a model approved for it; otherwise those passages
are answered extractively (quoted, nothing sent) and the answer says so. If the model fails, or none of its claims
can be verified, the answer falls back to quotes.
"""

from __future__ import annotations

import logging
from typing import Any

from kraft.knowledge.answers.rank import Candidate, Ranking
from kraft.knowledge.answers.results import (
    ABSTAINED,
    CLAIMS_REMOVED,
    GENERATED,
    MODEL_FAILED,
    NOTHING_VERIFIED,
    PERSONAL_DATA_FALLBACK,
    AnswerResult,
)
from kraft.knowledge.answers.verify import verify
from kraft.knowledge.selectors import passages_by_ids
from kraft.llm.base import BaseLLMBackend, LLMError, SourcePassage
from kraft.llm.openai import NO_ANSWER

logger = logging.getLogger(__name__)
SOURCES_SENT = 5


def may_send(candidate: Candidate, backend: BaseLLMBackend) -> bool:
    return backend.approved_for_personal_data or not candidate.payload.library.holds_personal_data


def generate_answer(
    user: Any, question: str, ranking: Ranking, backend: BaseLLMBackend, result: AnswerResult, *, language: str
) -> None:
    from kraft.knowledge.answers.service import extractive_answer, sources_for

    top = [c for c, _score in ranking.passages[:SOURCES_SENT]]
    allowed = [c for c in top if may_send(c, backend)]
    withheld = {c.key for c in top if c not in allowed}
    result.sources = sources_for(top)
    if withheld:
        result.notices.append({"code": PERSONAL_DATA_FALLBACK})
    if not allowed:
        extractive_answer(ranking, result, only=withheld)
        return
    numbered = {s.passage_id: s.number for s in result.sources}
    offered = [
        SourcePassage(number=numbered[c.payload.pk], label=c.payload.citation, text=c.payload.text) for c in allowed
    ]
    try:
        generation = backend.generate(question, offered, language=language)
    except LLMError as exc:
        logger.warning("answer generation failed: %s", exc)
        result.notices.append({"code": MODEL_FAILED})
        extractive_answer(ranking, result)
        return
    if NO_ANSWER in generation.text.upper() and "[" not in generation.text:
        result.kind = ABSTAINED
        result.sources = sources_for(top[:3])
        return
    # The asker's rights are checked again at verification time: a passage must still exist and be visible.
    visible = passages_by_ids(user, [c.payload.pk for c in allowed])
    texts = {numbered[pk]: passage.text for pk, passage in visible.items()}
    checked = verify(generation.text, texts)
    if checked.removed:
        result.notices.append({"code": CLAIMS_REMOVED, "count": len(checked.removed)})
    if not checked.claims:
        result.notices.append({"code": NOTHING_VERIFIED})
        extractive_answer(ranking, result)
        return
    result.kind = GENERATED
    result.claims = checked.claims
    if withheld:
        extractive_answer(ranking, result, only=withheld)
        result.kind = GENERATED
