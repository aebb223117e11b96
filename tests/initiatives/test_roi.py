"""The one ROI computation, checked against figures worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kraft.initiatives import roi
from tests.initiatives.helpers import EXPECTED_ANNUAL_VALUE, EXPECTED_ROI, EXPECTED_TOTAL_COST, chatbot


@pytest.mark.parametrize(
    ("effect", "expected"),
    [
        ({"unit": "hours", "hours": 2, "people": 3, "periods_per_year": 52, "hourly_cost": 450}, "140400.00"),
        ({"unit": "sek", "amount": 1000, "periods_per_year": 12}, "12000.00"),
        ({"unit": "count", "count": 40, "value_per_unit": 250, "periods_per_year": 4}, "40000.00"),
        ({"unit": "percent", "percent": "2.5", "base_amount": 1000000, "periods_per_year": 12}, "25000.00"),
        ({"unit": "none", "amount": 999, "periods_per_year": 1}, "0.00"),
        ({"unit": "hours", "hours": None, "people": 3, "periods_per_year": 1, "hourly_cost": 450}, "0.00"),
    ],
)
def test_each_unit_gives_its_annual_value(effect: dict, expected: str) -> None:
    assert roi.effect_annual_value(effect) == Decimal(expected)


def test_measured_effects_replace_expected_ones_and_roi_matches_hand_computation(roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation)
    figures = roi.compute(initiative)
    assert figures.annual_value_expected == Decimal("208000.00")
    assert figures.annual_value_measured == EXPECTED_ANNUAL_VALUE
    assert figures.annual_value == EXPECTED_ANNUAL_VALUE
    assert figures.value_basis == "measured"
    assert figures.one_off_cost == Decimal("150000.00")
    assert figures.recurring_cost_per_year == Decimal("30000.00")
    assert figures.total_cost == EXPECTED_TOTAL_COST
    assert figures.net_value == Decimal("300000.00")
    assert figures.roi == EXPECTED_ROI
    assert figures.roi_percent == Decimal("125.0")
    assert figures.payback_years == Decimal("1.0")
    assert figures.is_evaluated is True
    initiative.refresh_from_db()
    assert (initiative.annual_value, initiative.total_cost, initiative.roi, initiative.is_evaluated) == (
        EXPECTED_ANNUAL_VALUE,
        EXPECTED_TOTAL_COST,
        EXPECTED_ROI,
        True,
    )


def test_without_costs_roi_is_none_and_without_measurements_not_evaluated() -> None:
    figures = roi.compute(
        None, effects=[{"unit": "sek", "amount": 100, "periods_per_year": 12, "basis": "expected"}], costs=[]
    )
    assert figures.roi is None
    assert figures.annual_value == Decimal("1200.00")
    assert figures.value_basis == "expected"
    assert figures.is_evaluated is False
    assert figures.payback_years == Decimal("0.0")


def test_a_measured_effect_outside_kronor_evaluates_but_keeps_expected_value() -> None:
    figures = roi.compute(
        None,
        effects=[
            {"unit": "sek", "amount": 100, "periods_per_year": 12, "basis": "expected"},
            {"unit": "none", "basis": "measured"},
        ],
        costs=[{"kind": "one_off", "amount": 600}],
        horizon_years=2,
    )
    assert figures.is_evaluated is True
    assert figures.annual_value == Decimal("1200.00")
    assert figures.roi == Decimal("3.0000")  # (2400 - 600) / 600


def test_scaled_impact_multiplies_by_adopters_and_shows_assumptions(roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation)
    scaled = roi.scaled_impact(initiative, 10, "0.5", replication_cost="50000")
    # 5 adopters × 180 000 kr/year = 900 000 kr/year; over 3 years 2 700 000 kr
    assert scaled.adopters == Decimal("5.00")
    assert scaled.annual_value == Decimal("900000.00")
    assert scaled.total_value == Decimal("2700000.00")
    # cost: 5 × (50 000 + 30 000 × 3) = 700 000 kr
    assert scaled.total_cost == Decimal("700000.00")
    assert scaled.roi == Decimal("2.8571")
    keys = {a.key for a in scaled.assumptions}
    assert {"n_organisations", "adoption_rate", "replication_cost", "annual_value_per_adopter"} <= keys
    default = roi.scaled_impact(initiative, 2, 1)
    assert default.replication_cost_per_adopter == Decimal("150000.00")
