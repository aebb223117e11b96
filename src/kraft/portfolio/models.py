"""The portfolio's own records: weights per organisation, person-hour estimates, and the decision log.

Scores are never stored: they are computed from the registry (ROI engine), the assessments and the rules in
``data/scoring-<version>.json`` each time, so that a figure cannot drift from its source. A decision stores what
was chosen with the scores and weights as they stood, because the log must show what the decision rested on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WeightProfile(models.Model):
    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="portfolio_weights"
    )
    value = models.PositiveSmallIntegerField(_("vikt: värde"))
    feasibility = models.PositiveSmallIntegerField(_("vikt: genomförbarhet"))
    risk = models.PositiveSmallIntegerField(_("vikt: risk"))
    reuse = models.PositiveSmallIntegerField(_("vikt: återanvändning"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("portföljvikter")
        verbose_name_plural = _("portföljvikter")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.value}/{self.feasibility}/{self.risk}/{self.reuse}"

    def as_dict(self) -> dict[str, int]:
        return {"value": self.value, "feasibility": self.feasibility, "risk": self.risk, "reuse": self.reuse}


class Estimate(models.Model):
    """Person-hours an initiative needs from the organisation (for selection within an hour limit)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="+")
    person_hours = models.PositiveIntegerField(_("persontimmar"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("timuppskattning")
        verbose_name_plural = _("timuppskattningar")
        constraints = [models.UniqueConstraint(fields=["organisation", "initiative"], name="estimate_unique")]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.person_hours} h"


class Decision(models.Model):
    """One entry of the decision log: what was chosen, by whom, when and why."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="portfolio_decisions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("beslutad"), auto_now_add=True, db_index=True)
    reason = models.TextField(_("motivering"))
    budget = models.DecimalField(_("budget (kr)"), max_digits=16, decimal_places=2, null=True, blank=True)
    hours_limit = models.PositiveIntegerField(_("gräns för persontimmar"), null=True, blank=True)
    weights = models.JSONField(_("vikter"))
    scoring_version = models.CharField(_("poängreglernas version"), max_length=20)
    chosen = models.JSONField(_("valda"), default=list)
    not_chosen = models.JSONField(_("inte valda"), default=list)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("portföljbeslut")
        verbose_name_plural = _("portföljbeslut")

    def __str__(self) -> str:
        return f"{self.organisation} {self.decided_at:%Y-%m-%d}"
