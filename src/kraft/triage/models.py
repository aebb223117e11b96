"""A stored triage (the answers behind an initiative's AI Act risk class) and the obligations it implies.

The result itself – risk class, roles, annex point, exemption, rules version – lives on the initiative
(``Initiative.risk_class`` and ``Initiative.ai_act_triage``), so the registry, API, exports and PDF read one
source. Writes go through ``services.py`` only.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Triage(models.Model):
    initiative = models.OneToOneField(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="triage", verbose_name=_("initiativ")
    )
    rules_version = models.CharField(_("regelversion"), max_length=20)
    # [{"question": id, "answer": id, "rationale": text}] in the order asked: only answers on the path
    answers = models.JSONField(_("svar"), default=list)
    conclusion = models.CharField(_("slutsats"), max_length=60, blank=True)
    needs_review = models.BooleanField(_("behöver besvaras igen"), default=False, db_index=True)
    # The last re-run against a newer rules version: {"from", "to", "at", "changes": [...], "missing": [...]}
    rerun = models.JSONField(_("senaste omprövning"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)  # optimistic locking
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("triage")
        verbose_name_plural = _("triager")

    def __str__(self) -> str:
        return f"{self.initiative} ({self.rules_version})"

    def answer_map(self) -> dict[str, str]:
        return {a["question"]: a["answer"] for a in self.answers if a.get("question") and a.get("answer")}

    def rationales(self) -> dict[str, str]:
        return {a["question"]: a.get("rationale", "") for a in self.answers if a.get("rationale")}


class Obligation(models.Model):
    """One item of the initiative's checklist: an obligation of the AI Act or of another law the answers show."""

    class Status(models.TextChoices):
        TODO = "att_gora", _("Att göra")
        IN_PROGRESS = "pagar", _("Pågår")
        DONE = "klar", _("Klar")
        NOT_APPLICABLE = "ej_tillamplig", _("Ej tillämplig")

    OPEN = (Status.TODO, Status.IN_PROGRESS)

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="ai_act_obligations",
        verbose_name=_("initiativ"),
    )
    key = models.CharField(_("skyldighetens id i reglerna"), max_length=60)
    title = models.CharField(_("skyldighet"), max_length=300)
    meaning = models.TextField(_("vad det innebär"), blank=True)
    law = models.CharField(_("lag"), max_length=20)
    article = models.CharField(_("artikel"), max_length=200)
    articles = models.JSONField(_("artiklar"), default=list)
    applies_from = models.DateField(_("gäller från"))
    date_note = models.CharField(_("om datumet"), max_length=300, blank=True)
    deadline = models.DateField(_("senast klar"), null=True, blank=True, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ai_act_obligations",
        verbose_name=_("ansvarig person"),
    )
    owner_role = models.CharField(_("ansvarig roll"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TODO, db_index=True)
    not_applicable_reason = models.TextField(_("skäl till att den inte är tillämplig"), blank=True)
    evidence_url = models.URLField(_("länk till underlag"), max_length=500, blank=True)
    evidence_document = models.ForeignKey(
        "knowledge.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("dokument i biblioteket"),
    )
    voluntary = models.BooleanField(_("frivillig"), default=False)
    active = models.BooleanField(_("gäller enligt senaste triagen"), default=True, db_index=True)
    rules_version = models.CharField(_("regelversion"), max_length=20)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["initiative", "deadline", "pk"]
        verbose_name = _("skyldighet")
        verbose_name_plural = _("skyldigheter")
        constraints = [models.UniqueConstraint(fields=["initiative", "key"], name="obligation_unique_per_initiative")]

    def __str__(self) -> str:
        return f"{self.article}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.active and self.status in self.OPEN

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and not self.voluntary and self.deadline is not None and self.deadline < today

    def is_due_soon(self, days: int = 60, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.is_open
            and not self.voluntary
            and self.deadline is not None
            and today <= self.deadline <= today + datetime.timedelta(days=days)
        )
