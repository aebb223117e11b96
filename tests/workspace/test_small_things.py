"""The small things: official names, titles, dates and plurals, no "None"/"?"/"---------", the accessibility
statement DIGG asks for, the tagged PDF, the staff approval card."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pypdf
import pytest

from kraft.initiatives import services
from kraft.organisations.models import Organisation
from kraft.organisations.services import register_organisation

pytestmark = pytest.mark.django_db


def test_official_names_are_the_municipalities_own_and_gotland_is_there_once(client):
    names = set(Organisation.objects.values_list("name", flat=True))
    assert {"Kalix kommun", "Överkalix kommun", "Kalmar kommun", "Falu kommun"} <= names
    assert {"Stockholms stad", "Göteborgs stad", "Malmö stad", "Region Gotland"} <= names
    assert not names & {"Kalixs kommun", "Överkalixs kommun", "Kalmars kommun", "Faluns kommun", "Gotlands kommun"}
    assert Organisation.objects.filter(name__icontains="Gotland").count() == 1
    html = client.get("/organisationer/?q=kalix").content.decode()
    assert "Kalix kommun" in html and "Kalixs" not in html


def test_page_titles_read_page_dash_kraft(client):
    for url in ("/", "/initiativ/", "/organisationer/", "/tillganglighet/"):
        title = re.search(r"<title>(.*?)</title>", client.get(url).content.decode(), re.S).group(1).strip()
        assert re.fullmatch(r".+ – Kraft", title), (url, title)


def test_no_none_question_marks_or_dashes_on_initiative_and_organisation_pages(client, roles):
    initiative = services.create_initiative(
        roles.editor, {"title": "Utan datum"}, lead_organisation=roles.organisation, publish=True
    )
    client.force_login(roles.editor)
    for url in (
        f"/initiativ/{initiative.pk}/",
        f"/initiativ/{initiative.pk}/andra/",
        f"/initiativ/{initiative.pk}/effekter/",
        "/organisationer/?kind=civilsamhalle",
    ):
        html = client.get(url).content.decode()
        for bad in ("None", "Period ?", ">?<", "---------"):
            assert bad not in html, (url, bad)
    assert "Ej angiven" in client.get(f"/initiativ/{initiative.pk}/").content.decode()


def test_dates_are_swedish_words_and_english_in_english(client, roles):
    initiative = services.create_initiative(
        roles.editor,
        {"title": "Med datum", "start_date": date(2024, 3, 1), "end_date": date(2025, 6, 30)},
        lead_organisation=roles.organisation,
        publish=True,
    )
    assert "1 mars 2024 – 30 juni 2025" in client.get(f"/initiativ/{initiative.pk}/").content.decode()
    assert "1 March 2024 – 30 June 2025" in client.get(f"/initiativ/{initiative.pk}/?lang=en").content.decode()


def test_accessibility_statement_has_what_digg_requires(client, settings):
    settings.ACCESSIBILITY_CONTACT = "tillganglighet@kommun.se"
    html = client.get("/tillganglighet/").content.decode()
    assert "delvis förenlig" in html and "Innehåll som inte är tillgängligt" in html
    assert 'href="mailto:tillganglighet@kommun.se"' in html
    assert "anmal-bristande-tillganglighet" in html and "Digg" in html
    assert "Senaste bedömningen gjordes den 2 december 2026" in html


def test_the_initiative_pdf_is_tagged_with_language_title_and_headings(client, roles):
    initiative = services.create_initiative(
        roles.editor, {"title": "Taggad PDF", "summary": "Kort"}, lead_organisation=roles.organisation, publish=True
    )
    response = client.get(f"/initiativ/{initiative.pk}/pdf/")
    reader = pypdf.PdfReader(BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "sv"
    document = root["/StructTreeRoot"]["/K"]
    document = (document[0] if isinstance(document, list) else document).get_object()
    roles_used = {kid.get_object()["/S"] for kid in document["/K"]}
    assert {"/H1", "/H2", "/P"} <= roles_used


def test_approval_card_shows_everything_the_applicant_wrote_and_asks_to_confirm(client, roles, staff):
    register_organisation(
        roles.outsider,
        name="Föreningen Kodklubben",
        kind="civilsamhalle",
        org_number="802481-5717",
        description="Vi lär barn programmera i Sundsvall.",
        website="https://kodklubben.example",
        email="info@kodklubben.example",
        county=roles.organisation.county,
    )
    client.force_login(staff)
    html = client.get("/organisationer/granska/").content.decode()
    for shown in (
        "Vi lär barn programmera i Sundsvall.",
        "https://kodklubben.example",
        "info@kodklubben.example",
        "Västernorrlands län",
    ):
        assert shown in html
    assert "allabolag.se/8024815717" in html and "data-confirm=" in html


def test_organisation_list_never_prints_none_for_a_missing_population(client, roles, staff):
    from kraft.organisations.services import approve_organisation

    found = register_organisation(
        roles.outsider, name="Föreningen Utan Folk", kind="civilsamhalle", org_number="802481-5717"
    )
    approve_organisation(staff, found)
    html = client.get("/organisationer/?q=Utan+Folk").content.decode()
    assert "Föreningen Utan Folk" in html and "None" not in html
