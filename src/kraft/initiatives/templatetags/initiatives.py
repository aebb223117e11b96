"""Display helpers for the registry's figures, formatted for the active language."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import template
from django.utils.dateformat import format as format_date
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def _number(value: Any, places: int = 2) -> str:
    number = Decimal(str(value))
    if number == number.to_integral_value():
        places = 0
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def roi_percent(value: Any) -> str:
    """ROI stored as a fraction (1.25) shown as a percentage (125 %)."""
    if value in (None, ""):
        return "–"
    percent = (Decimal(str(value)) * 100).quantize(Decimal("0.1"))
    return f"{_number(percent, 1)}\u00a0%"


@register.filter
def num(value: Any) -> str:
    if value in (None, ""):
        return "–"
    return _number(value)


def _count(value: Any, phrase: Callable[[int], str]) -> str:
    """A number with the noun in the right number: "1 person", "3 personer" (plurals by gettext)."""
    if value in (None, ""):
        return phrase(2) % {"n": "–"}
    number = Decimal(str(value))
    return phrase(1 if number == 1 else 2) % {"n": num(number)}


def _per_year(periods: Any) -> str:
    return _count(periods, lambda k: ngettext("%(n)s gång per år", "%(n)s gånger per år", k))


@register.simple_tag
def effect_formula(effect: Any) -> str:
    """How an effect's annual value is computed, in words and numbers ("500 timmar × 3 personer × …")."""
    unit = effect.unit
    if unit == "hours":
        return " × ".join(
            [
                _count(effect.hours, lambda k: ngettext("%(n)s timme", "%(n)s timmar", k)),
                _count(effect.people, lambda k: ngettext("%(n)s person", "%(n)s personer", k)),
                _per_year(effect.periods_per_year),
                _("%(cost)s kr per timme") % {"cost": num(effect.hourly_cost)},
            ]
        )
    if unit == "sek":
        return f"{num(effect.amount)}\u00a0kr × {_per_year(effect.periods_per_year)}"
    if unit == "count":
        return " × ".join(
            [
                _count(effect.count, lambda k: ngettext("%(n)s styck", "%(n)s stycken", k)),
                _("%(value)s kr per styck") % {"value": num(effect.value_per_unit)},
                _per_year(effect.periods_per_year),
            ]
        )
    if unit == "percent":
        return _("%(percent)s %% av %(base)s kr per år") % {
            "percent": num(effect.percent),
            "base": num(effect.base_amount),
        }
    return _("Anges inte i kronor")


@register.filter
def date_range(start: Any, end: Any) -> str:
    """ "1 mars 2024 – 30 juni 2025", "från 1 mars 2024", "till 30 juni 2025", or "Ej angiven" (never "?")."""
    pattern = "j F Y"
    if start and end:
        return f"{format_date(start, pattern)} – {format_date(end, pattern)}"
    if start:
        return _("från %(date)s") % {"date": format_date(start, pattern)}
    if end:
        return _("till %(date)s") % {"date": format_date(end, pattern)}
    return _("Ej angiven")
