"""The portfolio ranks with reasons, moves when a weight changes, selects within a limit, logs decisions —
and its figures are the initiative pages' figures, from the registry's one ROI engine."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client

from kraft.audit.models import AuditEvent
from kraft.core.templatetags.kraft import sek
from kraft.initiatives import roi, services
from kraft.initiatives.templatetags.initiatives import roi_percent
from kraft.portfolio.models import Decision, WeightProfile
from tests.initiatives.helpers import EXPECTED_ANNUAL_VALUE, EXPECTED_ROI, chatbot

pytestmark = pytest.mark.django_db


def _client(person=None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def _risky_and_safe(roles):
    """A valuable high-risk chatbot and a cheap, safe, partnered tool with a small expected value."""
    risky = chatbot(
        roles.editor,
        roles.organisation,
        publish=True,
        title="Chattbot med personuppgifter",
        risk_class="hog",
        uses_personal_data=True,
    )
    safe = services.create_initiative(
        roles.editor,
        {
            "title": "Översättning av webbsidor",
            "stage": "i_drift",
            "risk_class": "minimal",
            "data_description": "Publika webbsidor",
            "horizon_years": 3,
        },
        lead_organisation=roles.organisation,
        effects=[
            {
                "dimension": "tidsbesparing",
                "unit": "sek",
                "basis": "expected",
                "amount": Decimal("20000"),
                "periods_per_year": Decimal("1"),
            }
        ],
        costs=[{"description": "Licens", "kind": "recurring", "amount": Decimal("15000")}],
        publish=True,
    )
    services.set_partners(roles.editor, safe, [roles.other_organisation])
    return risky, safe


def _order(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', html)


def test_portfolio_figures_equal_the_initiative_page_and_api(roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    figures = roi.compute(initiative)
    assert (figures.annual_value, figures.roi) == (EXPECTED_ANNUAL_VALUE, EXPECTED_ROI)
    member = _client(roles.member)
    initiative_page = member.get(f"/initiativ/{initiative.pk}/").content.decode()
    portfolio_page = member.get(f"/portfolj/{roles.organisation.pk}/").content.decode()
    for shown in (sek(figures.annual_value), roi_percent(figures.roi), sek(figures.total_cost)):
        assert shown in initiative_page
        assert shown in portfolio_page
    row = member.get(f"/api/v1/portfolio?organisation={roles.organisation.pk}").json()["items"][0]
    api = member.get(f"/api/v1/initiatives/{initiative.pk}").json()["figures"]
    assert Decimal(row["annual_value"]) == Decimal(str(api["annual_value"])) == EXPECTED_ANNUAL_VALUE
    assert Decimal(row["roi"]) == Decimal(str(api["roi"])) == EXPECTED_ROI
    assert Decimal(row["total_cost"]) == Decimal(str(api["total_cost"]))
    assert row["value_basis"] == "measured" and row["uncertain"] is False


def test_the_ranking_moves_when_an_admin_changes_the_weights(roles) -> None:
    _risky_and_safe(roles)
    admin = _client(roles.admin)
    url = f"/portfolj/{roles.organisation.pk}/"
    assert _order(admin.get(url).content.decode())[0] == "Chattbot med personuppgifter"  # value 40 % by default
    preview = admin.get(url + "?w_value=10&w_feasibility=20&w_risk=60&w_reuse=10").content.decode()
    assert _order(preview)[0] == "Översättning av webbsidor"
    assert "↑1" in preview and "↓1" in preview  # the move against the saved weights is shown
    assert not WeightProfile.objects.exists()  # a preview saves nothing
    saved = admin.post(url + "vikter/", {"w_value": 10, "w_feasibility": 20, "w_risk": 60, "w_reuse": 10, "version": 0})
    assert saved.status_code == 302
    assert _order(admin.get(url).content.decode())[0] == "Översättning av webbsidor"
    assert AuditEvent.objects.filter(action="portfolio.weights").exists()


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (
            {"w_value": 50, "w_feasibility": 30, "w_risk": 20, "w_reuse": 10},
            "måste tillsammans bli 100 procent (nu 110)",
        ),
        ({"w_value": 120, "w_feasibility": 0, "w_risk": -20, "w_reuse": 0}, "En vikt kan inte vara negativ."),
        ({"w_value": "mycket", "w_feasibility": 30, "w_risk": 20, "w_reuse": 10}, "heltal i procent"),
    ],
)
def test_weights_that_do_not_add_up_or_are_negative_are_refused_and_nothing_is_saved(roles, weights, message) -> None:
    _risky_and_safe(roles)
    admin = _client(roles.admin)
    response = admin.post(f"/portfolj/{roles.organisation.pk}/vikter/", {**weights, "version": 0})
    assert response.status_code == 400 and message in response.content.decode()
    assert not WeightProfile.objects.exists()
    preview = admin.get(f"/portfolj/{roles.organisation.pk}/", {k: str(v) for k, v in weights.items()})
    assert preview.status_code == 400 and message in preview.content.decode()
    api = admin.get(f"/api/v1/portfolio?organisation={roles.organisation.pk}", weights)
    assert api.status_code == 400 and message in api.json()["detail"]


def test_selection_within_a_budget_and_the_decision_log(roles) -> None:
    risky, safe = _risky_and_safe(roles)
    admin = _client(roles.admin)
    url = f"/portfolj/{roles.organisation.pk}/"
    zero = admin.get(url, {"budget": "0"})
    assert zero.status_code == 400 and "Budgeten måste vara större än noll." in zero.content.decode()
    refused = admin.post(url + "besluta/", {"budget": "0", "reason": "Prova"})
    assert refused.status_code == 400 and not Decision.objects.exists()
    page = admin.get(url, {"budget": "100000"}).content.decode()  # the chatbot costs 240 000, the tool 45 000
    chosen = page.split('class="chosen"')[1].split("</ul>")[0]
    assert "Översättning av webbsidor" in chosen and "Chattbot" not in chosen
    assert "ryms inte inom gränsen" in page
    no_reason = admin.post(url + "besluta/", {"budget": "100000", "reason": " "})
    assert no_reason.status_code == 400 and "Skriv varför" in no_reason.content.decode()
    assert admin.post(url + "besluta/", {"budget": "100000", "reason": "Låg risk först."}).status_code == 302
    decision = Decision.objects.get()
    assert [row["title"] for row in decision.chosen] == ["Översättning av webbsidor"]
    assert decision.decided_by == roles.admin and decision.weights == {
        "value": 40,
        "feasibility": 30,
        "risk": 20,
        "reuse": 10,
    }
    log = admin.get(url + "beslut/").content.decode()
    assert "Låg risk först." in log and "admin" in log.lower()
    assert AuditEvent.objects.filter(action="portfolio.decision").exists()
    assert _client(roles.editor).post(url + "besluta/", {"budget": "100000", "reason": "x"}).status_code == 403


def test_selection_by_person_hours_uses_the_estimates(roles) -> None:
    risky, safe = _risky_and_safe(roles)
    editor = _client(roles.editor)
    url = f"/portfolj/{roles.organisation.pk}/"
    bad = editor.post(url + "timmar/", {"initiative": safe.pk, "person_hours": "-3"})
    assert bad.status_code == 400 and "Persontimmar kan inte vara negativa." in bad.content.decode()
    assert editor.post(url + "timmar/", {"initiative": safe.pk, "person_hours": "80"}).status_code == 302
    page = editor.get(url, {"hours": "100"}).content.decode()
    assert "saknar timuppskattning" in page
    assert "Översättning av webbsidor" in page.split('class="chosen"')[1].split("</ul>")[0]


def test_expected_values_show_an_uncertainty_range_and_reasons_link_to_sources(roles) -> None:
    risky, safe = _risky_and_safe(roles)
    data = _client(roles.member).get(f"/api/v1/portfolio?organisation={roles.organisation.pk}").json()
    rows = {row["title"]: row for row in data["items"]}
    tool = rows["Översättning av webbsidor"]
    assert tool["uncertain"] is True and tool["low"] < tool["total"] <= tool["high"]
    chat = rows["Chattbot med personuppgifter"]
    assert chat["uncertain"] is False
    value_urls = [r["url"] for r in chat["reasons"] if r["criterion"] == "value"]
    risk_urls = [r["url"] for r in chat["reasons"] if r["criterion"] == "risk"]
    assert value_urls and all(url.startswith(f"/initiativ/{risky.pk}/#") for url in value_urls)
    assert risk_urls and all(url == f"/ai-forordningen/initiativ/{risky.pk}/" for url in risk_urls)  # its triage
    assert any("Hög risk" in reason["text"] for reason in chat["reasons"])
    assert tool["rank_best"] <= tool["rank"] <= tool["rank_worst"]


def test_a_portfolio_is_private_to_the_organisation(roles) -> None:
    _risky_and_safe(roles)
    for person in (roles.outsider, roles.other_admin):
        assert _client(person).get(f"/portfolj/{roles.organisation.pk}/").status_code == 404
        assert _client(person).get(f"/api/v1/portfolio?organisation={roles.organisation.pk}").status_code == 404
        assert _client(person).get(f"/portfolj/{roles.organisation.pk}/export.csv").status_code == 404
    assert _client().get(f"/api/v1/portfolio?organisation={roles.organisation.pk}").status_code == 401


def test_portfolio_exports_as_csv_and_xlsx(roles) -> None:
    _risky_and_safe(roles)
    member = _client(roles.member)
    csv = member.get(f"/portfolj/{roles.organisation.pk}/export.csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("rank,kind,id,title,total")
    assert "Chattbot med personuppgifter" in text
    xlsx = member.get(f"/api/v1/portfolio/export?organisation={roles.organisation.pk}&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_a_title_a_spreadsheet_would_run_is_exported_as_text(roles) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    services.create_initiative(
        roles.editor,
        {"title": '=HYPERLINK("http://example.org","Klicka")', "stage": "ide"},
        lead_organisation=roles.organisation,
    )
    member = _client(roles.member)
    text = member.get(f"/portfolj/{roles.organisation.pk}/export.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and ',"=HYPERLINK(' not in text and ",=HYPERLINK(" not in text
    xlsx = member.get(f"/api/v1/portfolio/export?organisation={roles.organisation.pk}&format=xlsx")
    sheet = load_workbook(BytesIO(xlsx.content)).worksheets[0]
    titles = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://example.org","Klicka")' in titles
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
