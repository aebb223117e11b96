"""Snapshots of an initiative as published, and the field-by-field difference between two of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from kraft.audit.services import _jsonable
from kraft.initiatives import roi
from kraft.initiatives.models import Cost, Effect, Initiative

# Fields a person edits on the initiative itself (forms, API, imports). Order = order in forms and diffs.
CONTENT_FIELDS = (
    "title",
    "summary",
    "description",
    "problem",
    "record_type",
    "contact_name",
    "contact_email",
    "contact_phone",
    "welfare_area",
    "technique",
    "stage",
    "start_date",
    "end_date",
    "tags",
    "uses_personal_data",
    "uses_sensitive_data",
    "data_description",
    "legal_basis",
    "risk_class",
    "human_oversight",
    "supplier",
    "product",
    "open_source_url",
    "funding",
    "links",
    "horizon_years",
    "country",
)
PROVENANCE_FIELDS = ("source_name", "source_id", "source_url", "licence", "attribution")
EFFECT_FIELDS = (
    "dimension",
    "description",
    "unit",
    "basis",
    "follow_up_on",
    "periods_per_year",
    "hours",
    "people",
    "hourly_cost",
    "amount",
    "count",
    "value_per_unit",
    "percent",
    "base_amount",
    "baseline",
    "measured_on",
    "method",
)
COST_FIELDS = ("description", "kind", "amount")


def field_values(initiative: Initiative, fields: tuple[str, ...] = CONTENT_FIELDS) -> dict[str, Any]:
    """JSON-ready values; foreign keys as their id."""
    data: dict[str, Any] = {}
    for name in fields:
        model_field = Initiative._meta.get_field(name)
        data[name] = _jsonable(model_field.value_from_object(initiative))  # type: ignore[union-attr]
    return data


def effect_values(effect: Effect) -> dict[str, Any]:
    return {name: _jsonable(getattr(effect, name)) for name in EFFECT_FIELDS}


def cost_values(cost: Cost) -> dict[str, Any]:
    return {name: _jsonable(getattr(cost, name)) for name in COST_FIELDS}


def snapshot(initiative: Initiative) -> dict[str, Any]:
    """Everything a published version shows: fields (with readable names for classifications), partners,
    effects, costs and the ROI figures at that moment."""
    effects = list(Effect.objects.filter(initiative=initiative).order_by("id"))
    costs = list(Cost.objects.filter(initiative=initiative).order_by("id"))
    data = field_values(initiative)
    data["welfare_area"] = initiative.welfare_area.name if initiative.welfare_area_id else ""  # type: ignore[union-attr]
    data["technique"] = initiative.technique.name if initiative.technique_id else ""  # type: ignore[union-attr]
    data["lead_organisation"] = str(initiative.lead_organisation) if initiative.lead_organisation_id else ""
    data["partners"] = sorted(str(o) for o in initiative.partners.all())
    data["effects"] = [effect_values(e) | {"annual_value": str(roi.effect_annual_value(e))} for e in effects]
    data["costs"] = [cost_values(c) for c in costs]
    data["figures"] = roi.compute(initiative, effects=effects, costs=costs).as_dict()
    return data


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: Any
    new: Any


def field_label(name: str) -> str:
    extra = {
        "lead_organisation": _("ansvarig organisation"),
        "partners": _("partner"),
        "effects": _("effekter"),
        "costs": _("kostnader"),
        "figures": _("nyckeltal"),
    }
    if name in extra:
        return str(extra[name])
    try:
        return str(Initiative._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except Exception:  # noqa: BLE001 - unknown keys in old snapshots still show by name
        return name


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Changed keys in a stable order: content fields first, then the rest as they appear."""
    order = list(CONTENT_FIELDS) + ["lead_organisation", "partners", "effects", "costs", "figures"]
    keys = order + [k for k in list(old) + list(new) if k not in order]
    seen: set[str] = set()
    changes = []
    for key in keys:
        if key in seen or (key not in old and key not in new):
            continue
        seen.add(key)
        if old.get(key) != new.get(key):
            changes.append(FieldChange(key, field_label(key), old.get(key), new.get(key)))
    return changes


def display_value(name: str, value: Any) -> str:
    """A stored (JSON-ready) field value as people read it: names for ids, labels for choices."""
    from django.utils.translation import gettext

    from kraft.initiatives.models import Technique, WelfareArea
    from kraft.organisations.models import Organisation

    if value in (None, "", []):
        return "–"
    if name in ("welfare_area", "technique") and isinstance(value, int | str):
        model = WelfareArea if name == "welfare_area" else Technique
        lookup = {"pk": int(value)} if str(value).isdigit() else {"slug": value}
        row = model.objects.filter(**lookup).first()
        return row.label if row else str(value)
    if name == "partners" and isinstance(value, list):
        # versions keep the partners' names; ids (older snapshots, imports) are looked up
        if all(isinstance(v, int) or str(v).isdigit() for v in value):
            return ", ".join(str(o) for o in Organisation.objects.filter(pk__in=[int(v) for v in value])) or "–"
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return gettext("Ja") if value else gettext("Nej")
    try:
        field = Initiative._meta.get_field(name)
    except Exception:  # noqa: BLE001 - keys that are not fields are shown as they are
        field = None
    choices = dict(getattr(field, "choices", None) or [])
    if value in choices:
        return str(choices[value])
    if isinstance(value, list):
        return ", ".join(item.get("url", str(item)) if isinstance(item, dict) else str(item) for item in value)
    return str(value)
