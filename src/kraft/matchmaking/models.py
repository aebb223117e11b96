"""What people said about suggestions: useful or not. Shown on the pages' counts and in ``kraft bench similar``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SuggestionFeedback(models.Model):
    class Kind(models.TextChoices):
        NEED = "need", _("Behov")
        INITIATIVE = "initiative", _("Initiativ")
        ORGANISATION = "organisation", _("Organisation")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suggestion_feedback")
    source_kind = models.CharField(_("förslag på sidan för"), max_length=12, choices=Kind.choices)
    source_id = models.PositiveBigIntegerField(_("sidans id"))
    target_kind = models.CharField(_("föreslaget"), max_length=12, choices=Kind.choices)
    target_id = models.PositiveBigIntegerField(_("föreslaget id"))
    useful = models.BooleanField(_("användbart"))
    rank = models.PositiveSmallIntegerField(_("plats i listan"), null=True, blank=True)
    reasons = models.JSONField(_("skäl som visades"), default=list, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("omdöme om förslag")
        verbose_name_plural = _("omdömen om förslag")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source_kind", "source_id", "target_kind", "target_id"], name="feedback_once_per_person"
            )
        ]
        # every suggestion list reads the verdicts of its page, whoever marked them
        indexes = [models.Index(fields=["source_kind", "source_id"], name="feedback_by_page")]

    def __str__(self) -> str:
        return f"{self.source_kind}:{self.source_id} → {self.target_kind}:{self.target_id} ({self.useful})"
