"""Initiatives for tests, built through the services as users would build them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kraft.initiatives import services
from kraft.initiatives.models import Initiative

# A chatbot at the switchboard: hand-computed figures used across tests (page, API, CSV, PDF).
#   expected: 2 h × 5 people × 52 weeks × 400 kr = 208 000 kr/year
#   measured: 1.5 h × 5 people × 52 weeks × 400 kr = 156 000 kr/year, plus 2 000 kr × 12 months = 24 000 kr/year
#   → annual value (measured replaces expected) = 180 000 kr
#   costs: one-off 150 000 kr, recurring 30 000 kr/year, horizon 3 years → total cost 240 000 kr
#   ROI = (180 000 × 3 − 240 000) / 240 000 = 300 000 / 240 000 = 1.25 (125 %)
#   payback = 150 000 / (180 000 − 30 000) = 1.0 year
EXPECTED_ANNUAL_VALUE = Decimal("180000.00")
EXPECTED_TOTAL_COST = Decimal("240000.00")
EXPECTED_ROI = Decimal("1.2500")

CHATBOT_EFFECTS: list[dict[str, Any]] = [
    {
        "dimension": "tidsbesparing",
        "description": "Färre samtal till växeln",
        "unit": "hours",
        "basis": "expected",
        "hours": Decimal("2"),
        "people": Decimal("5"),
        "periods_per_year": Decimal("52"),
        "hourly_cost": Decimal("400"),
    },
    {
        "dimension": "tidsbesparing",
        "description": "Färre samtal till växeln (uppmätt)",
        "unit": "hours",
        "basis": "measured",
        "hours": Decimal("1.5"),
        "people": Decimal("5"),
        "periods_per_year": Decimal("52"),
        "hourly_cost": Decimal("400"),
        "baseline": "120 samtal per dag",
        "measured_on": "2026-05-01",
        "method": "Samtalsstatistik före och efter",
    },
    {
        "dimension": "kostnadsbesparing",
        "description": "Lägre kostnad för extern växeltjänst",
        "unit": "sek",
        "basis": "measured",
        "amount": Decimal("2000"),
        "periods_per_year": Decimal("12"),
        "baseline": "Faktura 2025",
        "measured_on": "2026-05-01",
        "method": "Fakturor",
    },
]
CHATBOT_COSTS: list[dict[str, Any]] = [
    {"description": "Införande", "kind": "one_off", "amount": Decimal("150000")},
    {"description": "Licens", "kind": "recurring", "amount": Decimal("30000")},
]


def chatbot(actor: Any, organisation: Any, *, publish: bool = False, **data: Any) -> Initiative:
    fields = {
        "title": "Chattbot i växeln",
        "summary": "En chattbot svarar på vanliga frågor till kommunens växel.",
        "description": "Invånare får svar dygnet runt om öppettider, avfall och bygglov.",
        "stage": "i_drift",
        "welfare_area": "medborgarservice",
        "technique": "generativ-ai",
        "horizon_years": 3,
    } | data
    return services.create_initiative(
        actor,
        fields,
        lead_organisation=organisation,
        effects=CHATBOT_EFFECTS,
        costs=CHATBOT_COSTS,
        publish=publish,
    )
