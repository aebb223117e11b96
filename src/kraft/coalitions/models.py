"""Coalitions: organisations that take on a shared need together. Writes go through ``services.py`` only.

A coalition grows from a need: a lead organisation invites others (each invitation accepted or declined by the
invited organisation), members commit hours, kronor or data and name the decision behind their membership,
milestones mark the way, a shared library holds the documents and a joint initiative enters the registry when
work starts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Coalition(models.Model):
    class Status(models.TextChoices):
        FORMING = "forming", _("Bildas")
        ACTIVE = "active", _("Arbetet pågår")
        COMPLETED = "completed", _("Avslutad med resultat")
        ENDED = "ended", _("Avbruten")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Publik för alla")
        MEMBERS = "members", _("Bara för inloggade i Kraft")

    title = models.CharField(_("namn"), max_length=250)
    description = models.TextField(_("beskrivning"), blank=True)
    need = models.ForeignKey(
        "needs.Need",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coalitions",
        verbose_name=_("behov"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.FORMING, db_index=True)
    visibility = models.CharField(_("synlighet"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coalitions",
        verbose_name=_("gemensamt initiativ"),
    )
    library = models.ForeignKey(
        "knowledge.Library",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coalitions",
        verbose_name=_("gemensamt bibliotek"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    started_at = models.DateTimeField(_("arbetet startade"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("bildad"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("samverkan")
        verbose_name_plural = _("samverkan")

    def __str__(self) -> str:
        return self.title


class Role(models.TextChoices):
    LEAD = "lead", _("Ledande organisation")
    CO_FUNDER = "co_funder", _("Medfinansiär")
    PILOT_SITE = "pilot_site", _("Pilotverksamhet")
    KNOWLEDGE_PARTNER = "knowledge_partner", _("Kunskapspartner")
    CIVIL_SOCIETY_PARTNER = "civil_society_partner", _("Partner från civilsamhället")
    FACILITATOR = "facilitator", _("Samordnare (region, SKR, kommunalförbund)")


class CoalitionMember(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="coalition_memberships"
    )
    role = models.CharField(_("roll"), max_length=24, choices=Role.choices)
    hours = models.PositiveIntegerField(_("timmar"), null=True, blank=True)
    kronor = models.DecimalField(_("kronor"), max_digits=14, decimal_places=0, null=True, blank=True)
    data = models.CharField(_("data"), max_length=500, blank=True)
    decision_reference = models.CharField(
        _("beslut"), max_length=300, blank=True, help_text=_("Till exempel nämndens beslut med diarienummer.")
    )
    decision_file = models.FileField(_("beslut som fil"), upload_to="coalitions/decisions/%Y/", blank=True)
    joined_at = models.DateTimeField(_("gick med"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["coalition", "joined_at"]
        verbose_name = _("medlem i samverkan")
        verbose_name_plural = _("medlemmar i samverkan")
        constraints = [
            models.UniqueConstraint(fields=["coalition", "organisation"], name="coalition_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på svar")
        ACCEPTED = "accepted", _("Accepterad")
        DECLINED = "declined", _("Avböjd")
        WITHDRAWN = "withdrawn", _("Återkallad")

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="coalition_invitations"
    )
    role = models.CharField(_("roll"), max_length=24, choices=Role.choices)
    message = models.TextField(_("meddelande"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    decided_at = models.DateTimeField(_("besvarad"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "organisation"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.coalition} → {self.organisation}"


class Milestone(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milstolpe"), max_length=250)
    due_date = models.DateField(_("planerat datum"), null=True, blank=True)
    done_at = models.DateTimeField(_("klar"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["coalition", "due_date", "pk"]
        verbose_name = _("milstolpe")
        verbose_name_plural = _("milstolpar")

    def __str__(self) -> str:
        return self.title
