"""Each person's own question history: reads, feedback, deletion and the retention purge."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kraft.audit.services import record
from kraft.knowledge.answers import learning
from kraft.knowledge.models_answers import Answer, AnswerFeedback, Question

COMMENT_MAX = 2000


def user_answers(user: Any) -> QuerySet[Answer]:
    if not getattr(user, "is_authenticated", False):
        return Answer.objects.none()
    return Answer.objects.filter(question__user=user).select_related("question").order_by("-created_at", "-pk")


def get_answer_for_user(user: Any, pk: int) -> Answer:
    """The person's own answer; anyone else's is a 404, as if it did not exist."""
    answer = user_answers(user).filter(pk=pk).first()
    if answer is None:
        raise Http404
    return answer


def give_feedback(
    user: Any, answer: Answer, *, helpful: bool, comment: str = "", source: int | None = None
) -> AnswerFeedback:
    """``source``: the number of the answer's source that answered the question, if the asker names one."""
    if answer.question.user_id != getattr(user, "pk", None):
        raise Http404
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError({"comment": _("Kommentaren får vara högst %(max)s tecken.") % {"max": COMMENT_MAX}})
    if source is not None and source not in {s.get("number") for s in answer.sources or []}:
        raise ValidationError({"source": _("Svaret har ingen källa med nummer %(number)s.") % {"number": source}})
    with transaction.atomic():
        feedback, created = AnswerFeedback.objects.update_or_create(
            answer=answer, user=user, defaults={"helpful": helpful, "comment": comment, "source_number": source}
        )
        taught = learning.learn(feedback)
        record(
            user,
            "knowledge.answer.feedback",
            feedback,
            target_label=f"#{answer.pk}",
            after={
                "helpful": helpful,
                "comment": bool(comment),
                "source": source,
                "created": created,
                "words_taught": taught,
            },
        )
    return feedback


def delete_history(user: Any) -> int:
    """Everything the person has asked, gone at once (their own choice)."""
    with transaction.atomic():
        questions = Question.objects.filter(user=user)
        taught = learning.taught_by(questions)
        count, _deleted = questions.delete()
        learning.reindex(taught)
        record(user, "knowledge.answer.history_deleted", None, after={"questions": count})
    return int(count)


def purge_history(days: int | None = None) -> int:
    """Remove questions (with answers and feedback) older than the retention period; returns how many."""
    days = settings.ANSWER_HISTORY_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    with transaction.atomic():
        questions = Question.objects.filter(created_at__lt=cutoff)
        count = questions.count()
        if count:
            taught = learning.taught_by(questions)
            questions.delete()
            learning.reindex(taught)
            record("system", "knowledge.answer.history_purged", None, after={"questions": count, "days": days})
    return count
