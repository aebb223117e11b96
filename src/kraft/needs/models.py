"""Shared needs and the signals organisations give on them. Writes go through ``services.py`` only.

A need is an organisation's problem in its own words. Its lifecycle is draft → open → coalition forming →
in progress → solved (by an initiative) or closed. A draft is seen only by the organisation; an open need is
public, or visible to everyone signed in to Kraft when its visibility says so.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Need(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        OPEN = "open", _("Öppet")
        FORMING = "forming", _("Samverkan bildas")
        IN_PROGRESS = "in_progress", _("Pågår")
        SOLVED = "solved", _("Löst")
        CLOSED = "closed", _("Stängt")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Publikt för alla")
        MEMBERS = "members", _("Bara för inloggade i Kraft")

    class Urgency(models.TextChoices):
        LOW = "low", _("Kan vänta")
        MEDIUM = "medium", _("Inom ett år")
        HIGH = "high", _("Brådskande")

    class ContactRole(models.TextChoices):
        EDITORS = "editor", _("Organisationens redaktörer och administratörer")
        ADMINS = "admin", _("Organisationens administratörer")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="needs", verbose_name=_("organisation")
    )
    title = models.CharField(_("rubrik"), max_length=250)
    problem = models.TextField(_("problemet med egna ord"))
    desired_outcome = models.TextField(_("önskat resultat"), blank=True)
    target_group = models.CharField(_("målgrupp"), max_length=300, blank=True)
    welfare_area = models.ForeignKey(
        "initiatives.WelfareArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
        verbose_name=_("verksamhetsområde"),
    )
    involves_personal_data = models.BooleanField(_("rör personuppgifter"), null=True, blank=True)
    involves_secrecy = models.BooleanField(_("rör sekretessbelagda uppgifter"), null=True, blank=True)
    legal_basis = models.TextField(_("rättslig grund"), blank=True)
    constraints = models.TextField(_("andra villkor och begränsningar"), blank=True)
    urgency = models.CharField(_("angelägenhet"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM)
    visibility = models.CharField(
        _("synlighet"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC, db_index=True
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    contact_role = models.CharField(
        _("kontaktroll"),
        max_length=10,
        choices=ContactRole.choices,
        default=ContactRole.EDITORS,
        help_text=_("Meddelanden om behovet går till de personer i organisationen som har den här rollen."),
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", blank=True, related_name="needs", verbose_name=_("egna initiativ")
    )
    solved_by = models.ForeignKey(
        "initiatives.Initiative",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="solved_needs",
        verbose_name=_("löst av"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)  # optimistic locking
    published_version = models.PositiveIntegerField(_("publicerad version"), default=0)
    opened_at = models.DateTimeField(_("öppnat"), null=True, blank=True, db_index=True)
    status_changed_at = models.DateTimeField(_("status ändrad"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)

    class Meta:
        ordering = ["-opened_at", "-updated_at"]
        verbose_name = _("behov")
        verbose_name_plural = _("behov")
        indexes = [models.Index(fields=["status", "visibility", "-opened_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class NeedVersion(models.Model):
    """A frozen snapshot of a published need, stored on publication and on every later change."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("innehåll"))
    note = models.CharField(_("kommentar"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["need", "-number"]
        constraints = [models.UniqueConstraint(fields=["need", "number"], name="need_version_unique")]
        verbose_name = _("version av behov")
        verbose_name_plural = _("versioner av behov")

    def __str__(self) -> str:
        return f"{self.need} v{self.number}"


class Signal(models.Model):
    """An organisation's public word on a need: we have it too, we solved it, we can contribute, we follow."""

    class Kind(models.TextChoices):
        SAME_NEED = "same_need", _("Vi har samma behov")
        SOLVED = "solved", _("Vi har redan löst det")
        CONTRIBUTE = "contribute", _("Vi kan bidra")
        FOLLOW = "follow", _("Vi följer")

    class Contribution(models.TextChoices):
        DATA = "data", _("Data")
        COMPETENCE = "competence", _("Kompetens")
        FUNDING = "funding", _("Finansiering")
        PILOT_SITE = "pilot_site", _("Pilotverksamhet")
        PROCUREMENT = "procurement", _("Upphandling som andra kan avropa")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="signals")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="need_signals"
    )
    kind = models.CharField(_("signal"), max_length=12, choices=Kind.choices)
    contributions = models.JSONField(_("bidrag"), default=list, blank=True)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="need_signals",
        verbose_name=_("initiativ som löste det"),
    )
    comment = models.CharField(_("kommentar"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["need", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["need", "organisation", "kind"], name="signal_unique_per_organisation")
        ]
        verbose_name = _("signal")
        verbose_name_plural = _("signaler")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()}"
