"""Maturity assessments: rounds per organisation, invited respondents, their answers and the 90-day plan.

Writes go through ``services.py`` only. The questions themselves are data (``bank.py``); a response stores the
bank version it answered, and an assessment the version it was started with.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Assessment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Öppen för svar")
        CLOSED = "closed", _("Stängd")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("organisation"),
    )
    round = models.PositiveSmallIntegerField(_("omgång"))
    bank_version = models.CharField(_("frågebankens version"), max_length=20)
    title = models.CharField(_("rubrik"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    is_published = models.BooleanField(_("publicerad"), default=False, db_index=True)
    open_to_contact = models.BooleanField(
        _("andra får kontakta oss"),
        default=False,
        help_text=_(
            "Organisationer en nivå lägre får då se att ni ligger en nivå högre i en dimension och kontakta er."
        ),
    )
    results = models.JSONField(_("resultat vid stängning"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("startad"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["organisation__name", "-round"]
        verbose_name = _("mognadsbedömning")
        verbose_name_plural = _("mognadsbedömningar")
        constraints = [models.UniqueConstraint(fields=["organisation", "round"], name="assessment_unique_round")]

    def __str__(self) -> str:
        return self.title or f"{self.organisation} – {_('omgång')} {self.round}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Invitation(models.Model):
    """A person of the organisation asked to answer, in a role (management, IT, a business area, legal …)."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Inbjuden")
        STARTED = "started", _("Påbörjad")
        SUBMITTED = "submitted", _("Inskickad")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="invitations")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_invitations"
    )
    role = models.CharField(_("roll i bedömningen"), max_length=30)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(_("inbjuden"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["assessment", "invited_at", "id"]
        verbose_name = _("inbjudan att svara")
        verbose_name_plural = _("inbjudningar att svara")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "respondent"], name="invitation_unique_respondent")
        ]

    def __str__(self) -> str:
        return f"{self.respondent} ({self.role}) – {self.assessment}"


class Response(models.Model):
    """One answer: a level 1–5, or "vet inte" (counted apart, never as a level)."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="responses")
    question_id = models.CharField(_("fråga"), max_length=80)
    value = models.PositiveSmallIntegerField(_("svar (nivå)"), null=True, blank=True)
    dont_know = models.BooleanField(_("vet inte"), default=False)
    evidence_url = models.URLField(_("belägg (länk)"), max_length=500, blank=True)
    evidence_document = models.ForeignKey(
        "knowledge.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("belägg (dokument)"),
    )
    bank_version = models.CharField(_("frågebankens version"), max_length=20)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["invitation", "question_id"]
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(fields=["invitation", "question_id"], name="response_unique_question"),
            models.CheckConstraint(
                condition=(Q(dont_know=False, value__gte=1, value__lte=5) | Q(dont_know=True, value__isnull=True)),
                name="response_level_or_dont_know",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {'vet inte' if self.dont_know else self.value}"


class Plan(models.Model):
    """The 90-day plan an organisation makes from the next steps of one assessment."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="plan")
    starts_on = models.DateField(_("startar"))
    ends_on = models.DateField(_("slutar"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("90-dagarsplan")
        verbose_name_plural = _("90-dagarsplaner")

    def __str__(self) -> str:
        return f"{self.assessment}: {self.starts_on}–{self.ends_on}"


class PlanItem(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerad")
        IN_PROGRESS = "in_progress", _("Pågår")
        DONE = "done", _("Klar")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    step_id = models.CharField(_("steg"), max_length=80)
    dimension = models.CharField(_("dimension"), max_length=40)
    title = models.CharField(_("åtgärd"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="assessment_plan_items",
        verbose_name=_("ansvarig"),
    )
    due_on = models.DateField(_("klart senast"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    sources = models.JSONField(_("källor"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["plan", "due_on", "id"]
        verbose_name = _("åtgärd i planen")
        verbose_name_plural = _("åtgärder i planen")
        constraints = [models.UniqueConstraint(fields=["plan", "step_id"], name="plan_item_unique_step")]

    def __str__(self) -> str:
        return self.title
