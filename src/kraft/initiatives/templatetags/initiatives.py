"""Display helpers for the registry's figures, formatted for the active language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

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


@register.simple_tag
def effect_formula(effect: Any) -> str:
    """How an effect's annual value is computed, in words and numbers."""
    unit = effect.unit
    if unit == "hours":
        return _("%(hours)s h × %(people)s personer × %(periods)s perioder/år × %(cost)s kr/h") % {
            "hours": num(effect.hours),
            "people": num(effect.people),
            "periods": num(effect.periods_per_year),
            "cost": num(effect.hourly_cost),
        }
    if unit == "sek":
        return _("%(amount)s kr × %(periods)s perioder/år") % {
            "amount": num(effect.amount),
            "periods": num(effect.periods_per_year),
        }
    if unit == "count":
        return _("%(count)s st × %(value)s kr × %(periods)s perioder/år") % {
            "count": num(effect.count),
            "value": num(effect.value_per_unit),
            "periods": num(effect.periods_per_year),
        }
    if unit == "percent":
        return _("%(percent)s %% av %(base)s kr/år") % {"percent": num(effect.percent), "base": num(effect.base_amount)}
    return _("Anges inte i kronor")
