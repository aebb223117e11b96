from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
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

    def changes(self) -> list[dict[str, Any]]:
        """Field by field, the value before and after, as text a person can read.

        Field names become their verbose names (looked up on the target's model, then the other models of its app,
        so an effect's fields on an initiative's event read right), choice codes their labels, foreign keys the
        name of what they point at. Unchanged values, the internal edit counter and ids of sub-objects are left
        out; long texts come with a word-level diff (``words``).
        """
        from kraft.audit.words import is_long, word_diff

        before = self.before if isinstance(self.before, dict) else {}
        after = self.after if isinstance(self.after, dict) else {}
        both = bool(self.before) and bool(self.after)
        fields = _fields_of(self.target_type)
        rows = []
        for key in sorted(set(before) | set(after)):
            if key in HIDDEN_KEYS or (both and before.get(key) == after.get(key)):
                continue
            field = fields.get(key)
            old, new = before.get(key), after.get(key)
            row: dict[str, Any] = {
                "field": str(field.verbose_name) if field is not None else key,
                "before": readable(old, field),
                "after": readable(new, field),
            }
            if is_long(old, new) and isinstance(old, str) and isinstance(new, str):
                row["words"] = word_diff(old, new)
            rows.append(row)
        return rows


# Keys that say nothing to a reader: the optimistic-locking counter and ids of the sub-object an event is about.
HIDDEN_KEYS = {"version", "effect", "cost", "id"}


def _fields_of(target_type: str) -> dict[str, Any]:
    if "." not in target_type:
        return {}
    try:
        model = apps.get_model(target_type)
    except (LookupError, ValueError):
        return {}
    fields: dict[str, Any] = {}
    for other in model._meta.app_config.get_models():
        if other is not model:
            fields.update({field.name: field for field in other._meta.concrete_fields})
    fields.update({field.name: field for field in model._meta.concrete_fields})  # the target's own fields win
    return fields


def readable(value: object, field: Any = None) -> str:
    if value is None or value == "":
        return "–"
    if field is not None and getattr(field, "choices", None) and isinstance(value, str | int):
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and getattr(field, "many_to_one", False) and isinstance(value, int | str):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)  # a foreign key by name
    if field is not None and field.get_internal_type() == "DecimalField" and isinstance(value, str | int | float):
        from django.utils.formats import number_format

        try:
            number = Decimal(str(value))
            number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
            return number_format(number, use_l10n=True, force_grouping=True)
        except InvalidOperation:
            return str(value)
    if isinstance(value, bool):
        return str(_("ja")) if value else str(_("nej"))
    if isinstance(value, list | tuple):
        return ", ".join(readable(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {readable(v)}" for k, v in value.items())
    return str(value)
