"""Version differences in words: labels instead of field names, effects and costs as sentences, unchanged values
left out, and a word-level diff for long texts ("Timmar per person och period: 500 → 600")."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kraft.audit.words import is_long, word_diff
from kraft.initiatives import versions
from kraft.initiatives.models import Cost, Effect

FIGURE_LABELS = {
    "annual_value": gettext_lazy("Årligt värde"),
    "total_cost": gettext_lazy("Total kostnad"),
    "net_value": gettext_lazy("Nettovärde"),
    "roi_percent": gettext_lazy("Avkastning (ROI), procent"),
    "payback_years": gettext_lazy("År till återbetalning"),
    "is_evaluated": gettext_lazy("Utvärderad"),
}
MONEY = {"annual_value", "total_cost", "net_value", "amount", "hourly_cost", "value_per_unit", "base_amount"}


def _number(value: Any) -> str:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    return number_format(number, use_l10n=True, force_grouping=True)


def _field_value(model: Any, name: str, value: Any) -> str:
    if value in (None, "", []):
        return "–"
    field = model._meta.get_field(name)
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
    if value in choices:
        return str(choices[value])
    if field.get_internal_type() == "DecimalField":
        return _number(value) + ("\u00a0kr" if name in MONEY else "")
    return str(value)


def _label(model: Any, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _item_title(kind: str, item: dict[str, Any]) -> str:
    if kind == "effects":
        title = _field_value(Effect, "dimension", item.get("dimension"))
        return f"{title} – {item['description']}" if item.get("description") else title
    return f"{item.get('description') or '–'} ({_field_value(Cost, 'kind', item.get('kind')).lower()})"


def _effect_sentence(item: dict[str, Any]) -> str:
    from kraft.initiatives.templatetags.initiatives import effect_formula

    values = {name: item.get(name) for name in versions.EFFECT_FIELDS}
    for name in ("periods_per_year", "hours", "people", "hourly_cost", "amount", "count", "value_per_unit"):
        values[name] = None if values[name] in (None, "") else Decimal(str(values[name]))
    for name in ("percent", "base_amount"):
        values[name] = None if values[name] in (None, "") else Decimal(str(values[name]))
    return f"{_item_title('effects', item)}: {effect_formula(SimpleNamespace(**values))}"


def _items(kind: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Effects or costs compared in order; a changed item lists only its changed fields."""
    model, fields = (Effect, versions.EFFECT_FIELDS) if kind == "effects" else (Cost, versions.COST_FIELDS)
    rows: list[dict[str, Any]] = []
    for index in range(max(len(old), len(new))):
        before = old[index] if index < len(old) else None
        after = new[index] if index < len(new) else None
        if before == after:
            continue
        if before is None and after is not None:
            text = (
                _effect_sentence(after)
                if kind == "effects"
                else f"{_item_title(kind, after)}: {_field_value(Cost, 'amount', after.get('amount'))}"
            )
            rows.append({"text": _("Tillagd: %(item)s") % {"item": text}})
        elif after is None and before is not None:
            rows.append({"text": _("Borttagen: %(item)s") % {"item": _item_title(kind, before)}})
        elif before is not None and after is not None:
            for name in fields:
                was, now = _field_value(model, name, before.get(name)), _field_value(model, name, after.get(name))
                if was != now:
                    rows.append({"text": f"{_item_title(kind, after)} · {_label(model, name)}: {was} → {now}"})
    return rows


def _figures(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for key, label in FIGURE_LABELS.items():
        a, b = (old or {}).get(key), (new or {}).get(key)
        if a == b:
            continue
        if isinstance(a, bool) or isinstance(b, bool):
            shown = [(_("Ja") if v else _("Nej")) for v in (a, b)]
        else:
            shown = ["–" if v in (None, "") else _number(v) + ("\u00a0kr" if key in MONEY else "") for v in (a, b)]
        rows.append({"text": f"{label}: {shown[0]} → {shown[1]}"})
    return rows


def describe(change: versions.FieldChange) -> dict[str, Any]:
    """One changed field of a version, ready for the page: ``old``/``new`` texts, ``words`` or ``rows``."""
    name = change.name
    if name in ("effects", "costs"):
        return {"label": change.label, "rows": _items(name, change.old or [], change.new or [])}
    if name == "figures":
        return {"label": change.label, "rows": _figures(change.old or {}, change.new or {})}
    old, new = versions.display_value(name, change.old), versions.display_value(name, change.new)
    if is_long(change.old, change.new) and isinstance(change.old, str) and isinstance(change.new, str):
        return {"label": change.label, "words": word_diff(change.old, change.new)}
    return {"label": change.label, "old": old, "new": new}


def describe_all(changes: list[versions.FieldChange]) -> list[dict[str, Any]]:
    described = [describe(change) for change in changes]
    return [d for d in described if d.get("rows") or d.get("words") or d.get("old") != d.get("new")]
