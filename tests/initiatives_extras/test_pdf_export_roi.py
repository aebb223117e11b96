"""The ROI worked out by hand appears the same in the CSV export and in the one-page PDF."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from pypdf import PdfReader

from kraft.initiatives import exports, services
from kraft.initiatives.models import Initiative
from tests import factories

pytestmark = pytest.mark.django_db

# 3 h a week for 4 people at 450 kr/h: 3 × 4 × 52 × 450 = 280 800 kr a year (measured).
# Costs: 150 000 kr once + 60 000 kr a year over 3 years = 330 000 kr.
# ROI = (280 800 × 3 − 330 000) / 330 000 = 512 400 / 330 000 = 1.5527 (155.3 %).
ANNUAL = Decimal("280800.00")
TOTAL_COST = Decimal("330000.00")
ROI = Decimal("1.5527")


def _evaluated(org, **extra) -> Initiative:
    return services.create_initiative(
        "test",
        {
            "title": "Taligenkänning för dokumentation i hemtjänsten – Åre, Älvdalen och Öckerö",
            "summary": "Personalen dikterar anteckningar i stället för att skriva dem.",
            "welfare_area": "vard-och-omsorg",
            "technique": "taligenkanning",
            "stage": "i_drift",
            "contact_name": "Åsa Öberg",
            "contact_email": "asa.oberg@example.se",
            "horizon_years": 3,
            **extra,
        },
        lead_organisation=org,
        effects=[
            {
                "dimension": "tidsbesparing",
                "description": "Mindre tid för dokumentation",
                "unit": "hours",
                "basis": "measured",
                "hours": Decimal("3"),
                "people": Decimal("4"),
                "periods_per_year": Decimal("52"),
                "hourly_cost": Decimal("450"),
                "baseline": "Handskrivna anteckningar",
                "measured_on": "2025-09-01",
                "method": "Tidsstudie två veckor före och efter",
            }
        ],
        costs=[
            {"description": "Licens och införande", "kind": "one_off", "amount": Decimal("150000")},
            {"description": "Drift", "kind": "recurring", "amount": Decimal("60000")},
        ],
        publish=True,
    )


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    return re.sub(r"\s+", " ", reader.pages[0].extract_text().replace("\u00a0", " "))


def test_hand_computed_roi_is_identical_in_csv_export_and_pdf(client: Client) -> None:
    initiative = _evaluated(factories.municipality("Sundsvalls kommun"))
    assert initiative.annual_value == ANNUAL and initiative.roi == ROI

    rows = list(
        csv.DictReader(io.StringIO(exports.to_csv(Initiative.objects.filter(pk=initiative.pk)).lstrip("\ufeff")))
    )
    assert Decimal(rows[0]["annual_value"]) == ANNUAL
    assert Decimal(rows[0]["total_cost"]) == TOTAL_COST
    assert Decimal(rows[0]["roi"]) == ROI
    assert rows[0]["is_evaluated"] == "true"

    response = client.get(f"/initiativ/{initiative.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "280 800 kr" in text
    assert "330 000 kr" in text
    assert "155,3 %" in text  # ROI 1.5527 as the pages show it
    assert "Åsa Öberg" in text and "Åre, Älvdalen och Öckerö" in text
    assert f"/initiativ/{initiative.pk}/" in text


def test_api_csv_export_carries_the_same_figures(client: Client) -> None:
    initiative = _evaluated(factories.municipality("Sundsvalls kommun"))
    response = client.get("/api/v1/initiatives/export?format=csv&evaluated=1")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [int(r["id"]) for r in rows] == [initiative.pk]
    assert Decimal(rows[0]["roi"]) == ROI and Decimal(rows[0]["annual_value"]) == ANNUAL


def test_pdf_of_a_draft_is_hidden_from_outsiders(client: Client, roles: factories.RoleSet) -> None:
    draft = services.create_initiative("test", {"title": "Utkast"}, lead_organisation=roles.organisation)
    assert client.get(f"/initiativ/{draft.pk}/pdf/").status_code == 404
    client.force_login(roles.outsider)
    assert client.get(f"/initiativ/{draft.pk}/pdf/").status_code == 404
    client.force_login(roles.member)
    assert client.get(f"/initiativ/{draft.pk}/pdf/").status_code == 200
