"""The one computation of an initiative's annual value, cost and ROI.

Every page, list, export, the API and the PDF use ``compute``; the figures stored on ``Initiative``
(``annual_value``, ``total_cost``, ``roi``, ``is_evaluated``) are written by ``services`` from the same function,
so that lists can sort and filter on them without recomputing.

Rules (documented for users in ``docs/initiative-fields.md``):

- An effect's annual value depends on its unit: hours × people × periods per year × hourly cost; SEK per period ×
  periods per year; count × value per unit × periods per year; percent / 100 × base amount per year; "none" is 0.
- The annual value is the sum of *measured* effects when there is at least one measured effect in kronor, otherwise
  the sum of *expected* effects. Measured figures replace expectations, they are never added to them.
- Total cost over the horizon = one-off costs + recurring costs per year × horizon (years).
- ROI = (annual value × horizon − total cost) / total cost, or ``None`` when there is no cost.
- Payback = one-off costs / (annual value − recurring costs per year), or ``None`` when the value never pays back.
- An initiative is *utvärderad* (evaluated) only when it has at least one measured effect.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

from django.utils.translation import gettext_lazy as _

ZERO = Decimal("0")
CENT = Decimal("0.01")
ROI_PLACES = Decimal("0.0001")

UNIT_HOURS = "hours"
UNIT_SEK = "sek"
UNIT_COUNT = "count"
UNIT_PERCENT = "percent"
UNIT_NONE = "none"
MEASURED = "measured"
EXPECTED = "expected"
ONE_OFF = "one_off"
RECURRING = "recurring"


@dataclass(frozen=True)
class RoiFigures:
    horizon_years: int
    annual_value_expected: Decimal
    annual_value_measured: Decimal
    annual_value: Decimal  # measured when any measured effect is in kronor, else expected
    value_basis: str  # "measured" | "expected"
    one_off_cost: Decimal
    recurring_cost_per_year: Decimal
    total_cost: Decimal  # one-off + recurring × horizon
    total_value: Decimal  # annual value × horizon
    net_value: Decimal  # total value − total cost
    roi: Decimal | None  # net value / total cost; None without cost
    payback_years: Decimal | None
    is_evaluated: bool  # at least one measured effect

    @property
    def roi_percent(self) -> Decimal | None:
        return None if self.roi is None else (self.roi * 100).quantize(Decimal("0.1"))

    def as_dict(self) -> dict[str, Any]:
        """Plain values for the API, exports and version snapshots (decimals as strings keep precision)."""
        return {
            "horizon_years": self.horizon_years,
            "annual_value_expected": str(self.annual_value_expected),
            "annual_value_measured": str(self.annual_value_measured),
            "annual_value": str(self.annual_value),
            "value_basis": self.value_basis,
            "one_off_cost": str(self.one_off_cost),
            "recurring_cost_per_year": str(self.recurring_cost_per_year),
            "total_cost": str(self.total_cost),
            "total_value": str(self.total_value),
            "net_value": str(self.net_value),
            "roi": None if self.roi is None else str(self.roi),
            "roi_percent": None if self.roi_percent is None else str(self.roi_percent),
            "payback_years": None if self.payback_years is None else str(self.payback_years),
            "is_evaluated": self.is_evaluated,
        }


def _dec(value: Any) -> Decimal:
    if value in (None, ""):
        return ZERO
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ZERO


def _obj(item: Any) -> Any:
    """Effects and costs may be model instances or plain dicts (version snapshots, forms, imports)."""
    return SimpleNamespace(**item) if isinstance(item, Mapping) else item


def effect_annual_value(effect: Any) -> Decimal:
    """The effect's value in kronor per year, by its unit. Missing numbers count as 0."""
    e = _obj(effect)
    unit = getattr(e, "unit", UNIT_NONE)
    periods = _dec(getattr(e, "periods_per_year", 1))
    if unit == UNIT_HOURS:
        value = _dec(e.hours) * _dec(e.people) * periods * _dec(e.hourly_cost)
    elif unit == UNIT_SEK:
        value = _dec(e.amount) * periods
    elif unit == UNIT_COUNT:
        value = _dec(e.count) * _dec(e.value_per_unit) * periods
    elif unit == UNIT_PERCENT:
        value = _dec(e.percent) / 100 * _dec(e.base_amount)
    else:
        value = ZERO
    return value.quantize(CENT)


def _items(initiative: Any, given: Iterable[Any] | None, relation: str) -> list[Any]:
    if given is not None:
        return [_obj(item) for item in given]
    if initiative is None or getattr(initiative, "pk", None) is None:
        return []
    return list(getattr(initiative, relation).all())  # uses prefetch_related caches when present


def compute(
    initiative: Any,
    *,
    effects: Iterable[Any] | None = None,
    costs: Iterable[Any] | None = None,
    horizon_years: int | None = None,
) -> RoiFigures:
    """All figures for one initiative. Pass ``effects``/``costs`` to compute for unsaved or snapshot data."""
    effect_list = _items(initiative, effects, "effects")
    cost_list = _items(initiative, costs, "costs")
    horizon = int(horizon_years or getattr(initiative, "horizon_years", None) or 3)
    expected = measured = ZERO
    measured_in_sek = False
    is_evaluated = False
    for effect in effect_list:
        value = effect_annual_value(effect)
        if getattr(effect, "basis", EXPECTED) == MEASURED:
            is_evaluated = True
            measured += value
            measured_in_sek = measured_in_sek or getattr(effect, "unit", UNIT_NONE) != UNIT_NONE
        else:
            expected += value
    annual = measured if measured_in_sek else expected
    one_off = sum((_dec(c.amount) for c in cost_list if getattr(c, "kind", ONE_OFF) == ONE_OFF), ZERO)
    recurring = sum((_dec(c.amount) for c in cost_list if getattr(c, "kind", ONE_OFF) == RECURRING), ZERO)
    total_cost = one_off + recurring * horizon
    total_value = annual * horizon
    net = total_value - total_cost
    return RoiFigures(
        horizon_years=horizon,
        annual_value_expected=expected.quantize(CENT),
        annual_value_measured=measured.quantize(CENT),
        annual_value=annual.quantize(CENT),
        value_basis=MEASURED if measured_in_sek else EXPECTED,
        one_off_cost=one_off.quantize(CENT),
        recurring_cost_per_year=recurring.quantize(CENT),
        total_cost=total_cost.quantize(CENT),
        total_value=total_value.quantize(CENT),
        net_value=net.quantize(CENT),
        roi=(net / total_cost).quantize(ROI_PLACES) if total_cost > 0 else None,
        payback_years=_payback(one_off, annual - recurring),
        is_evaluated=is_evaluated,
    )


def _payback(one_off: Decimal, yearly_surplus: Decimal) -> Decimal | None:
    if yearly_surplus <= 0:
        return None
    return (one_off / yearly_surplus).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Assumption:
    key: str
    label: Any  # a lazy translation, shown in the active language
    value: Any


@dataclass(frozen=True)
class ScaledImpact:
    """What N more organisations adopting the initiative would give, with the assumptions it rests on."""

    n_organisations: int
    adoption_rate: Decimal
    adopters: Decimal
    horizon_years: int
    annual_value_per_adopter: Decimal
    replication_cost_per_adopter: Decimal
    recurring_cost_per_adopter: Decimal
    annual_value: Decimal  # all adopters, per year
    total_value: Decimal  # all adopters, over the horizon
    total_cost: Decimal  # all adopters, over the horizon
    net_value: Decimal
    roi: Decimal | None
    assumptions: list[Assumption] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "n_organisations": self.n_organisations,
            "adoption_rate": str(self.adoption_rate),
            "adopters": str(self.adopters),
            "horizon_years": self.horizon_years,
            "annual_value_per_adopter": str(self.annual_value_per_adopter),
            "replication_cost_per_adopter": str(self.replication_cost_per_adopter),
            "recurring_cost_per_adopter": str(self.recurring_cost_per_adopter),
            "annual_value": str(self.annual_value),
            "total_value": str(self.total_value),
            "total_cost": str(self.total_cost),
            "net_value": str(self.net_value),
            "roi": None if self.roi is None else str(self.roi),
            "assumptions": [{"key": a.key, "label": str(a.label), "value": str(a.value)} for a in self.assumptions],
        }


def scaled_impact(
    initiative: Any,
    n_organisations: int,
    adoption_rate: Decimal | float | str = Decimal("1"),
    replication_cost: Decimal | float | str | None = None,
    *,
    figures: RoiFigures | None = None,
) -> ScaledImpact:
    """Estimate value and cost if ``n_organisations`` more organisations considered adopting the initiative.

    ``adoption_rate`` (0–1) is the share that actually adopts. ``replication_cost`` is the one-off cost per adopter;
    by default the original's one-off cost (nobody pays less for a copy unless told so). Each adopter is assumed to
    reach the same annual value and pay the same recurring cost as the original.
    """
    figs = figures or compute(initiative)
    n = max(0, int(n_organisations))
    rate = min(max(_dec(adoption_rate), ZERO), Decimal("1"))
    replication = figs.one_off_cost if replication_cost in (None, "") else max(_dec(replication_cost), ZERO)
    adopters = Decimal(n) * rate
    horizon = figs.horizon_years
    annual = figs.annual_value * adopters
    total_value = annual * horizon
    total_cost = adopters * (replication + figs.recurring_cost_per_year * horizon)
    net = total_value - total_cost
    assumptions = [
        Assumption("n_organisations", _("Antal organisationer som kan införa initiativet"), n),
        Assumption("adoption_rate", _("Andel som faktiskt inför det"), rate),
        Assumption("adopters", _("Antal som inför det (antal × andel)"), adopters.quantize(CENT)),
        Assumption("annual_value_per_adopter", _("Årligt värde per organisation (som originalet)"), figs.annual_value),
        Assumption("value_basis", _("Värdet bygger på"), figs.value_basis),
        Assumption("replication_cost", _("Engångskostnad per organisation för att införa"), replication),
        Assumption(
            "recurring_cost_per_adopter",
            _("Årlig kostnad per organisation (som originalet)"),
            figs.recurring_cost_per_year,
        ),
        Assumption("horizon_years", _("Kalkylperiod (år)"), horizon),
    ]
    return ScaledImpact(
        n_organisations=n,
        adoption_rate=rate,
        adopters=adopters.quantize(CENT),
        horizon_years=horizon,
        annual_value_per_adopter=figs.annual_value,
        replication_cost_per_adopter=replication.quantize(CENT),
        recurring_cost_per_adopter=figs.recurring_cost_per_year,
        annual_value=annual.quantize(CENT),
        total_value=total_value.quantize(CENT),
        total_cost=total_cost.quantize(CENT),
        net_value=net.quantize(CENT),
        roi=(net / total_cost).quantize(ROI_PLACES) if total_cost > 0 else None,
        assumptions=assumptions,
    )


def default_hourly_cost(organisation: Any) -> Decimal:
    """The hourly cost offered when an effect is counted in hours: the organisation's own figure, else the national
    default (``KRAFT_DEFAULT_HOURLY_COST``; how it is derived is documented in ``docs/initiative-fields.md``)."""
    from django.conf import settings

    own = getattr(organisation, "default_hourly_cost", None)
    return Decimal(str(own)) if own else Decimal(str(settings.DEFAULT_HOURLY_COST))
