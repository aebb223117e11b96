from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One write in Kraft: who, when, what, and the values before and after. Rows are never updated."""

    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("utförd av"),
    )
    actor_label = models.CharField(_("utförd av (namn)"), max_length=200, blank=True)
    action = models.CharField(_("händelse"), max_length=80, db_index=True)
    target_type = models.CharField(_("objekttyp"), max_length=80, blank=True)
    target_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    target_label = models.CharField(_("objekt"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    before = models.JSONField(_("före"), null=True, blank=True)
    after = models.JSONField(_("efter"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adress"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("granskningshändelse")
        verbose_name_plural = _("granskningslogg")
        indexes = [
            models.Index(fields=["organisation", "-created_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"

    @property
    def action_label(self) -> str:
        from kraft.audit.labels import action_label

        return action_label(self.action)

    def changes(self) -> list[dict[str, str]]:
        """Field by field, the value before and after, as text a person can read."""
        before = self.before if isinstance(self.before, dict) else {}
        after = self.after if isinstance(self.after, dict) else {}
        rows = []
        for key in sorted(set(before) | set(after)):
            rows.append({"field": key, "before": readable(before.get(key)), "after": readable(after.get(key))})
        return rows


def readable(value: object) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("ja")) if value else str(_("nej"))
    if isinstance(value, list | tuple):
        return ", ".join(readable(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {readable(v)}" for k, v in value.items())
    return str(value)
