"""Demo data for the portfolio (``load(stdout)``, idempotent): two more of Sundsvall's ideas (invented, titled
"Demoexempel: …"), person-hour estimates, and one decision in Sundsvall's decision log."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from kraft.initiatives import services as initiative_services
from kraft.initiatives.models import Initiative
from kraft.organisations.models import Organisation
from kraft.portfolio import services
from kraft.portfolio.models import Decision

SOURCE = "Kraft demoexempel"
IDEAS = [
    (
        "portfolj-1",
        {
            "title": "Demoexempel: Automatisk sammanfattning av bygglovsärenden",
            "stage": "forstudie",
            "risk_class": "begransad",
            "uses_personal_data": True,
            "data_description": "Ärendehandlingar i bygglovssystemet",
            "welfare_area": "samhallsbyggnad-och-stadsplanering",
        },
        [
            {
                "dimension": "tidsbesparing",
                "unit": "hours",
                "basis": "expected",
                "hours": Decimal("0.5"),
                "people": Decimal("12"),
                "periods_per_year": Decimal("220"),
                "hourly_cost": Decimal("480"),
            }
        ],
        [
            {"description": "Förstudie och pilot", "kind": "one_off", "amount": Decimal("350000")},
            {"description": "Drift", "kind": "recurring", "amount": Decimal("60000")},
        ],
        900,
    ),
    (
        "portfolj-2",
        {
            "title": "Demoexempel: Prognos av hemtjänstens bemanning",
            "stage": "ide",
            "risk_class": "hog",
            "uses_personal_data": True,
            "uses_sensitive_data": True,
            "welfare_area": "vard-och-omsorg",
        },
        [
            {
                "dimension": "kostnadsbesparing",
                "unit": "sek",
                "basis": "expected",
                "amount": Decimal("900000"),
                "periods_per_year": Decimal("1"),
            }
        ],
        [
            {"description": "Utveckling", "kind": "one_off", "amount": Decimal("1200000")},
            {"description": "Förvaltning", "kind": "recurring", "amount": Decimal("200000")},
        ],
        2400,
    ),
]


def load(stdout: Any) -> None:
    stdout.write("Portfölj: Sundsvalls idéer, timuppskattningar och ett beslut …")
    sundsvall = Organisation.objects.filter(name="Sundsvalls kommun").first()
    admin = get_user_model().objects.filter(username="sundsvall-admin").first()
    if sundsvall is None or admin is None:
        return
    if Decision.objects.filter(organisation=sundsvall).exists():
        stdout.write("  finns redan")
        return
    with transaction.atomic():
        for source_id, fields, effects, costs, hours in IDEAS:
            initiative = Initiative.objects.filter(source_name=SOURCE, source_id=source_id).first()
            if initiative is None:
                initiative = initiative_services.create_initiative(
                    "demo",
                    {
                        **fields,
                        "tags": ["demoexempel"],
                        "description": "Påhittat exempel som visar hur Kraft fungerar.",
                    },
                    lead_organisation=sundsvall,
                    effects=effects,
                    costs=costs,
                    publish=False,
                    source_name=SOURCE,
                    source_id=source_id,
                )
            services.set_estimate("demo", sundsvall, initiative, hours)
        for initiative in Initiative.objects.filter(lead_organisation=sundsvall, source_name=SOURCE).exclude(
            source_id__startswith="portfolj"
        ):
            services.set_estimate("demo", sundsvall, initiative, 600)
        decision = services.record_decision(
            admin,
            sundsvall,
            budget="1500000",
            reason="Vi prioriterar det som redan är utvärderat och har låg risk; prognosen för hemtjänsten väntar på "
            "en konsekvensbedömning.",
        )
    stdout.write(f"  {len(decision.chosen)} valda initiativ i Sundsvalls beslutslogg")
