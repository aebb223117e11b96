"""``kraft bench answers --learn``: the answers once askers have named the source that answered (``learning``).

Before scoring, ``learning.askers_needed()`` simulated askers put each question of the tuning half (odd ids) to
the ask page's code, and — like a reader who recognises the paragraph among the sources listed — name a listed
source that the question's labels call right, through ``history.give_feedback`` as the answer page and the API do.
When no listed source is right they say the answer did not help, which teaches nothing. Then every question is
scored as usual: the tuning half shows what the same question gets once people have taught Kraft, the held-back
half that the teaching does not harm other questions. The simulated askers are deleted afterwards with everything
they taught (``history.delete_history``), so the kept benchmark database stays as it was.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from kraft.knowledge.answers import history, learning
from kraft.knowledge.answers.bench import Corpus, _norm
from kraft.knowledge.answers.bench_scoring import TUNING, half
from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.models_answers import Answer

USERNAME = "bench-asker-{}"


def teach(corpus: Corpus, questions: list[dict[str, Any]]) -> tuple[list[Any], dict[str, int]]:
    """Has the simulated askers teach the tuning half; returns them (for ``forget``) and what they did."""
    askers = [
        get_user_model().objects.get_or_create(username=USERNAME.format(n))[0]
        for n in range(1, max(1, learning.askers_needed()) + 1)
    ]
    counts = {"askers": len(askers), "questions": 0, "sources_named": 0, "words_learnt": 0}
    for question in questions:
        if half(question.get("id", "")) != TUNING or not question.get("answers"):
            continue
        counts["questions"] += 1
        relevant = {_norm(r) for r in question.get("relevant", [])}
        for asker in askers:
            result = answer_question(asker, question["text"], library_ids=[corpus.library.pk])
            answer = Answer.objects.filter(pk=result.answer_id).first() if result.answer_id else None
            if answer is None:
                continue
            right = [s["number"] for s in answer.sources if corpus.keys.get(int(s["passage_id"]), set()) & relevant]
            feedback = history.give_feedback(asker, answer, helpful=bool(right), source=right[0] if right else None)
            counts["sources_named"] += bool(right)
            counts["words_learnt"] += feedback.learned_words.count()
    return askers, counts


def forget(askers: list[Any]) -> None:
    """Deletes the simulated askers and everything they taught."""
    for asker in askers:
        history.delete_history(asker)
        asker.delete()
