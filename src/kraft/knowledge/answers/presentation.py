"""A stored answer as it may be shown now: every citation checked again against what still exists and is visible."""

from __future__ import annotations

from typing import Any

from kraft.knowledge.answers.claims import Claim
from kraft.knowledge.answers.results import ABSTAINED, SOURCES_GONE, AnswerResult, Source
from kraft.knowledge.models_answers import Answer
from kraft.knowledge.selectors import passages_by_ids


def present(user: Any, answer: Answer) -> AnswerResult:
    sources = [Source.from_dict(s) for s in answer.sources]
    visible = passages_by_ids(user, [s.passage_id for s in sources])
    kept = [s for s in sources if s.passage_id in visible]
    for source in kept:  # labels and links follow the passage (a renamed document, a new anchor)
        passage = visible[source.passage_id]
        source.label, source.url = passage.citation, passage.get_absolute_url()
    numbers = {s.number for s in kept}
    claims = [Claim.from_dict(c) for c in answer.claims]
    shown = [c for c in claims if c.citations and all(n in numbers for n in c.citations)]
    notices = list(answer.notices)
    if len(kept) < len(sources) or len(shown) < len(claims):
        notices.append({"code": SOURCES_GONE})
    kind = answer.kind if shown or answer.kind == ABSTAINED else ABSTAINED
    return AnswerResult(
        question=answer.question.text,
        kind=kind,
        claims=shown,
        sources=kept,
        notices=notices,
        backend=answer.backend,
        took_ms=answer.took_ms,
        answer_id=answer.pk,
    )
