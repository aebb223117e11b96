"""Imports: the real registers keep their provenance and land under the right Swedish bodies; a file with broken
rows imports nothing and names every problem by row and field; Kraft's own export reads back unchanged."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from kraft.initiatives import exports, services
from kraft.initiatives.importers import ImportFileError, run_import, sources
from kraft.initiatives.models import Initiative
from tests import factories

pytestmark = pytest.mark.django_db
CASES = Path(__file__).resolve().parents[3] / "shared" / "data" / "cases"
needs_cases = pytest.mark.skipif(not CASES.exists(), reason="shared/data/cases saknas")


def _swedish(record) -> bool:
    return record.values.get("country") == "SE"


@needs_cases
@pytest.mark.parametrize(
    ("fmt", "name", "limit"),
    [
        ("pstw", "eu_pstw_2026-03-04.csv", 20),
        ("aiwatch", "eu_aiwatch_services.json", 15),
        ("aiwatch", "eu_aiwatch_services.csv", 15),
        ("atrs", "uk_atrs_records.json", 15),
        ("nl_register", "nl_register_pilot_2022.csv", 30),
        ("nl_templates", "nl_vendor_templates.json", None),
    ],
)
def test_each_case_file_imports_with_a_report(fmt: str, name: str, limit: int | None) -> None:
    report = run_import((CASES / name).read_bytes(), fmt, actor="test", dry_run=True, limit=limit)
    assert report.rows > 0
    assert report.errors == [], report.errors[:5]
    assert report.to_create == report.rows - sum(1 for n in report.notes if "hoppades över" in str(n))
    assert not report.committed and Initiative.objects.count() == 0  # a dry run writes nothing


@needs_cases
def test_swedish_pstw_cases_link_to_their_municipalities_and_regions_with_provenance() -> None:
    report = run_import(
        (CASES / "eu_pstw_2026-03-04.csv").read_bytes(), "pstw", actor="test", dry_run=False, select=_swedish
    )
    assert report.committed and report.errors == []
    assert report.linked_swedish >= 15
    upplands_bro = Initiative.objects.get(source_name="EU Public Sector Tech Watch", source_id="PSTW-128")
    assert upplands_bro.lead_organisation.name == "Upplands-Bro kommun"
    assert upplands_bro.country == "SE" and upplands_bro.status == Initiative.Status.PUBLISHED
    assert upplands_bro.licence == "CC-BY-4.0" and "Joint Research Centre" in upplands_bro.attribution
    assert upplands_bro.source_url.startswith("https://")
    svea = Initiative.objects.get(source_id="PSTW-2179")
    assert svea.lead_organisation.name == "Kungsbacka kommun"
    assert {"Region Skåne", "Region Halland", "Västra Götalandsregionen", "Göteborgs stad"} <= {
        str(p) for p in svea.partners.all()
    }
    assert Initiative.objects.get(source_id="PSTW-669").lead_organisation.municipality_code == "1480"  # Gothenburg
    assert Initiative.objects.get(source_id="PSTW-1771").lead_organisation.name == "Växjö kommun"  # "Vaxjo Kommun"
    tax_agency = Initiative.objects.get(source_id="PSTW-1402")
    assert tax_agency.lead_organisation is None
    assert any(p.row and "Swedish Tax Agency" in p.message for p in report.warnings)  # reported, not guessed

    again = run_import(
        (CASES / "eu_pstw_2026-03-04.csv").read_bytes(), "pstw", actor="test", dry_run=False, select=_swedish
    )
    assert again.to_create == 0 and again.to_update == report.to_create  # idempotent by source id


@needs_cases
def test_ai_watch_copies_of_pstw_cases_are_skipped_and_templates_are_supplier_templates() -> None:
    run_import((CASES / "eu_pstw_2026-03-04.csv").read_bytes(), "pstw", actor="test", dry_run=False, select=_swedish)
    report = run_import(
        (CASES / "eu_aiwatch_services.json").read_bytes(), "aiwatch", actor="test", dry_run=False, select=_swedish
    )
    assert report.skipped >= 4  # Tengai, AIDA, Scapis, SKOSA … already came from PSTW
    assert Initiative.objects.get(source_name="EU AI Watch", title__startswith="Trelleborg").lead_organisation.name == (
        "Trelleborgs kommun"
    )
    run_import((CASES / "nl_vendor_templates.json").read_bytes(), "nl_templates", actor="test", dry_run=False)
    templates = Initiative.objects.filter(source_name=sources.NL_TEMPLATES["source_name"])
    assert templates.count() == 27
    assert set(templates.values_list("record_type", flat=True)) == {"supplier_template"}
    assert set(templates.values_list("country", flat=True)) == {"NL"}


BROKEN = """title,summary,lead_organisation,lead_organisation_code,welfare_area,stage,start_date,end_date,uses_personal_data,status,effects
Fungerande rad,Allt stämmer,Sundsvalls kommun,2281,Medborgarservice,pilot,2024-01-01,,nej,published,
,Titeln saknas,Sundsvalls kommun,2281,,ide,,,,draft,
Fel fas,,Sundsvalls kommun,2281,,flygande,,,,draft,
Fel datum,,Sundsvalls kommun,2281,,pilot,31/12/2024,2023-01-01,kanske,draft,
Okänd organisation,,Ankeborgs kommun,,Rymdfart,pilot,,,,draft,
Uppmätt utan grund,,Sundsvalls kommun,2281,,pilot,,,,draft,"[{""dimension"": ""tidsbesparing"", ""unit"": ""hours"", \
""basis"": ""measured"", ""hours"": ""två"", ""people"": 3, ""hourly_cost"": 400}]"
"""  # noqa: E501 - one CSV row per line


def test_file_with_broken_rows_imports_nothing_and_names_each_problem() -> None:
    before = Initiative.objects.count()
    report = run_import(BROKEN.encode(), "kraft", actor="test", dry_run=False, filename="trasig.csv")
    assert not report.committed
    assert Initiative.objects.count() == before  # the good first row was rolled back too
    found = {(p.row, p.field) for p in report.errors}
    assert (3, "title") in found
    assert (4, "stage") in found
    assert (5, "start_date") in found
    assert (5, "uses_personal_data") in found
    assert (6, "lead_organisation") in found
    assert (6, "welfare_area") in found
    assert (7, "effects[1].hours") in found
    assert all(p.row != 2 for p in report.errors)
    assert any("Ankeborgs kommun" in p.message for p in report.errors)


def _rich(org, partner) -> Initiative:
    return services.create_initiative(
        "test",
        {
            "title": "Prognos för förskoleplatser",
            "summary": "Prognos per område fem år framåt.",
            "welfare_area": "forskola",
            "technique": "prognos-och-prediktion",
            "stage": "i_drift",
            "risk_class": "minimal",
            "start_date": "2024-02-01",
            "tags": ["prognos", "förskola"],
            "links": [{"title": "Rapport", "url": "https://example.se/rapport"}],
            "uses_personal_data": False,
            "horizon_years": 4,
        },
        lead_organisation=org,
        partners=[partner],
        effects=[
            {
                "dimension": "kostnadsbesparing",
                "unit": "sek",
                "amount": Decimal("400000"),
                "description": "Färre paviljonger",
            },
            {
                "dimension": "tidsbesparing",
                "unit": "hours",
                "basis": "measured",
                "hours": Decimal("5"),
                "people": Decimal("2"),
                "periods_per_year": Decimal("12"),
                "hourly_cost": Decimal("500"),
                "baseline": "Manuell prognos",
                "measured_on": "2025-01-15",
                "method": "Tidsredovisning",
            },
        ],
        costs=[{"description": "Modell", "kind": "one_off", "amount": Decimal("180000")}],
        publish=True,
    )


@pytest.mark.parametrize("fmt", ["csv", "csv-excel", "json", "xlsx"])
def test_export_then_import_gives_the_same_initiative(fmt: str) -> None:
    original = _rich(factories.municipality("Sundsvalls kommun"), factories.municipality("Timrå kommun"))
    selected = Initiative.objects.filter(pk=original.pk)
    content = exports.to_csv(selected, fmt) if fmt.startswith("csv") else getattr(exports, f"to_{fmt}")(selected)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    report = run_import(data, "kraft", actor="test", dry_run=False, filename=f"export.{exports.EXTENSIONS[fmt]}")
    assert report.committed and report.created == 1, report.errors
    copy = Initiative.objects.exclude(pk=original.pk).get()
    first, second = exports.record(original), exports.record(copy)
    for key in ("id", "url", "published_at", "updated_at", "effects", "published_version", "reused_from"):
        first.pop(key), second.pop(key)
    assert first == second
    assert [e["annual_value"] for e in exports.record(copy)["effects"]] == ["400000.00", "60000.00"]


def test_corrupt_and_empty_files_are_refused_with_a_clear_error() -> None:
    with pytest.raises(ImportFileError, match="XLSX"):
        run_import(b"PK\x03\x04 inte en arbetsbok", "kraft", actor="test", filename="x.xlsx")
    with pytest.raises(ImportFileError, match="tom"):
        run_import(b"", "kraft", actor="test", filename="x.csv")
    with pytest.raises(ImportFileError, match="JSON"):
        run_import(b'{"records": [', "atrs", actor="test", filename="x.json")


def test_import_page_dry_run_then_commit(client: Client, roles: factories.RoleSet) -> None:
    client.force_login(roles.editor)
    upload = io.BytesIO(
        b"title,lead_organisation_code,welfare_area,stage,status\nChattbot,2281,medborgarservice,pilot,draft\n"
    )
    upload.name = "initiativ.csv"
    response = client.post("/initiativ/importera/", {"format": "kraft", "file": upload})
    assert response.status_code == 200
    assert response.context["report"].to_create == 1 and Initiative.objects.count() == 0
    response = client.post("/initiativ/importera/", {"action": "commit"})
    assert response.context["report"].committed
    created = Initiative.objects.get()
    assert created.lead_organisation == roles.organisation and created.status == Initiative.Status.DRAFT


def test_import_page_refuses_other_organisations_rows_wrong_files_and_outsiders(
    client: Client, roles: factories.RoleSet
) -> None:
    assert client.get("/initiativ/importera/").status_code == 302  # sign in first
    client.force_login(roles.outsider)
    assert client.get("/initiativ/importera/").status_code == 403
    client.force_login(roles.editor)
    other = io.BytesIO(f"title,lead_organisation\nFel kommun,{roles.other_organisation.name}\n".encode())
    other.name = "a.csv"
    report = client.post("/initiativ/importera/", {"format": "kraft", "file": other}).context["report"]
    assert [(p.row, p.field) for p in report.errors] == [(2, "lead_organisation")]
    fake = io.BytesIO(b"this is not a workbook")
    fake.name = "a.xlsx"
    response = client.post("/initiativ/importera/", {"format": "kraft", "file": fake})
    assert "ingen XLSX-arbetsbok" in response.content.decode()
    text = io.BytesIO(b"hello")
    text.name = "a.exe"
    assert (
        "csv, .json eller .xlsx"
        in client.post("/initiativ/importera/", {"format": "kraft", "file": text}).content.decode()
    )
    pstw = io.BytesIO(b"a,b\n1,2\n")
    pstw.name = "a.csv"
    response = client.post("/initiativ/importera/", {"format": "pstw", "file": pstw})
    assert response.context["form"].errors["format"]  # the public registers are for staff


def test_cli_imports_and_fails_on_broken_rows(tmp_path: Path) -> None:
    good = tmp_path / "bra.csv"
    good.write_text(
        "title,lead_organisation,stage,status\nChattbot,Sundsvalls kommun,pilot,published\n", encoding="utf-8"
    )
    out = io.StringIO()
    call_command("import_initiatives", str(good), "--format", "kraft", "--dry-run", stdout=out)
    assert "Provkörning (kraft): 1 rader, 1 nya" in out.getvalue() and Initiative.objects.count() == 0
    call_command("import_initiatives", str(good), "--format", "kraft", stdout=io.StringIO())
    assert Initiative.objects.get().status == Initiative.Status.PUBLISHED
    broken = tmp_path / "trasig.csv"
    broken.write_text(BROKEN, encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match="ingenting importerades"):
        call_command("import_initiatives", str(broken), "--format", "kraft", stdout=out)
    assert "rad 4, stage" in out.getvalue()
    assert Initiative.objects.count() == 1


def test_exports_never_contain_drafts_for_outsiders(client: Client, roles: factories.RoleSet) -> None:
    services.create_initiative("test", {"title": "Hemligt utkast"}, lead_organisation=roles.organisation)
    services.create_initiative("test", {"title": "Publicerat"}, lead_organisation=roles.organisation, publish=True)
    for person in (None, roles.outsider, roles.other_admin):
        client.logout()
        if person:
            client.force_login(person)
        for fmt in ("csv", "json"):
            response = client.get(f"/api/v1/initiatives/export?format={fmt}")
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8-sig")
            assert "Publicerat" in text and "Hemligt utkast" not in text
    payload = json.loads(b"".join(client.get("/api/v1/initiatives/export?format=json").streaming_content))
    assert payload["meta"]["licence"] == "CC-BY-4.0"
    client.force_login(roles.member)
    body = b"".join(client.get("/api/v1/initiatives/export?format=csv").streaming_content).decode("utf-8-sig")
    assert "Hemligt utkast" in body  # members see their own organisation's drafts, as on the list page
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {r["status"] for r in rows} == {"draft", "published"}


def test_dcat_catalogue_describes_the_distributions(client: Client) -> None:
    catalogue = client.get("/initiativ/dcat.jsonld").json()
    assert catalogue["@type"] == "dcat:Catalog"
    urls = [d["dcat:accessURL"]["@id"] for d in catalogue["dcat:dataset"][0]["dcat:distribution"]]
    assert any(u.endswith("format=csv") for u in urls) and any(u.endswith("format=xlsx") for u in urls)
    assert any("/api/v1/map/municipalities" in u for u in urls)
    assert client.get("/initiativ/exportera/").status_code == 200
