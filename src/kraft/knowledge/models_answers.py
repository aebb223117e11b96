"""Questions people asked, the answers they got, and what they thought of them.

History is personal: only the asker sees it, and it is purged after ``settings.ANSWER_HISTORY_DAYS``. A Swedish
personal identity number in a question is never stored (it is replaced before saving). Citations are kept as the
passage ids they point at, and checked again every time an answer is shown, so a deleted document or a library the
person can no longer see disappears from old answers too.

A helpful answer teaches the paragraphs it cited the question's words (``LearnedWord``, see
``kraft.knowledge.answers.learning``). The words hang on the feedback, so they go with it: when the person changes
their mind, deletes their history or the retention period ends.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = ["Answer", "AnswerFeedback", "LearnedWord", "Question", "RejectedWord"]


class Question(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions", verbose_name=_("person")
    )
    text = models.TextField(_("fråga"))
    had_personal_number = models.BooleanField(_("innehöll personnummer"), default=False)
    language = models.CharField(_("språk"), max_length=10, default="sv")
    created_at = models.DateTimeField(_("ställd"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")

    def __str__(self) -> str:
        return self.text[:80]


class Answer(models.Model):
    class Kind(models.TextChoices):
        EXTRACTIVE = "extractive", _("Citat ur källorna")
        GENERATED = "generated", _("Formulerat av språkmodell")
        ABSTAINED = "abstained", _("Källorna svarar inte")

    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="answer")
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("svar"), blank=True)
    claims = models.JSONField(_("påståenden"), default=list, blank=True)
    sources = models.JSONField(_("källor"), default=list, blank=True)
    notices = models.JSONField(_("anmärkningar"), default=list, blank=True)
    backend = models.CharField(_("svarsmotor"), max_length=200, blank=True)
    took_ms = models.PositiveIntegerField(_("svarstid (ms)"), default=0)
    created_at = models.DateTimeField(_("besvarad"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("svar")
        verbose_name_plural = _("svar")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.question}"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:answer", args=[self.pk])


class AnswerFeedback(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField(_("till hjälp"))
    # the source (its number in the answer) that answered the question, when the asker names one: it is what learns
    source_number = models.PositiveSmallIntegerField(_("källan som svarade"), null=True, blank=True)
    comment = models.TextField(_("kommentar"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("lämnad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("återkoppling på svar")
        verbose_name_plural = _("återkoppling på svar")
        constraints = [models.UniqueConstraint(fields=["answer", "user"], name="answer_feedback_once_per_person")]

    def __str__(self) -> str:
        return f"{'+' if self.helpful else '-'} {self.answer_id}"


class LearnedWord(models.Model):
    """A word of a question whose answer the asker found helpful, learnt by a paragraph the answer cited."""

    feedback = models.ForeignKey(AnswerFeedback, on_delete=models.CASCADE, related_name="learned_words")
    passage = models.ForeignKey("knowledge.Passage", on_delete=models.CASCADE, related_name="learned_words")
    word = models.CharField(_("ord"), max_length=60)

    class Meta:
        verbose_name = _("inlärt ord")
        verbose_name_plural = _("inlärda ord")
        constraints = [
            models.UniqueConstraint(fields=["feedback", "passage", "word"], name="learned_word_once_per_feedback")
        ]
        indexes = [models.Index(fields=["passage", "word"])]

    def __str__(self) -> str:
        return self.word


class RejectedWord(models.Model):
    """A word a library's editor took from a paragraph: it is never learnt by that paragraph again."""

    passage = models.ForeignKey("knowledge.Passage", on_delete=models.CASCADE, related_name="rejected_words")
    word = models.CharField(_("ord"), max_length=60)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("borttaget"), auto_now_add=True)

    class Meta:
        verbose_name = _("borttaget ord")
        verbose_name_plural = _("borttagna ord")
        constraints = [models.UniqueConstraint(fields=["passage", "word"], name="rejected_word_once_per_passage")]

    def __str__(self) -> str:
        return self.word
