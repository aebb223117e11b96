"""The issue's acceptance questions, asked on the ask page against statutes imported by the product's importer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from kraft.knowledge import demo, services
from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.models import Document, Library, Passage
from tests.answers.conftest import law_file

PUBLIC_RECORDS = "Hur snabbt måste kommunen lämna ut en allmän handling som någon begär?"
UNANSWERABLE = "Vilken färg ska kommunens logotyp ha på julkorten?"


def test_public_records_question_quotes_tf_2_kap_15_or_16(statutes: Any) -> None:
    result = answer_question(None, PUBLIC_RECORDS, library_ids=[statutes.pk], store=False)

    assert not result.abstained
    cited = Passage.objects.filter(pk__in=[result.source(n).passage_id for c in result.claims for n in c.citations])
    refs = {(p.document.sfs_number, p.chapter, p.section) for p in cited}
    assert refs & {("1949:105", "2", "15"), ("1949:105", "2", "16")}, refs
    text = result.text.casefold()
    assert "genast eller så snart det är möjligt" in text or "skyndsamt" in text
    for claim in result.claims:  # every quote is verbatim from the passage it cites
        passage = Passage.objects.get(pk=result.source(claim.citations[0]).passage_id)
        assert claim.quote in passage.text


def test_public_records_answer_page_links_to_the_paragraph_in_context(client: Client, statutes: Any) -> None:
    response = client.post("/kunskap/", {"question": PUBLIC_RECORDS})

    assert response.status_code == 200
    html = response.content.decode()
    assert "2 kap. 15 §" in html or "2 kap. 16 §" in html
    passage = Passage.objects.get(document__sfs_number="1949:105", chapter="2", section="15")
    assert f"?highlight={passage.pk}#passage-{passage.pk}" in html or "2 kap. 16 §" in html


def test_question_no_statute_answers_gets_the_abstention_message(client: Client, statutes: Any) -> None:
    response = client.post("/kunskap/", {"question": UNANSWERABLE})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Källorna svarar inte på den här frågan." in html
    assert "Närmaste avsnitt att läsa" in html or '<ol class="sources">' not in html


# ------------------------------------------------------------------ the demo examples (issue 8)

DEMO_STATUTES = (
    "tryckfrihetsforordningen.json",
    "offentlighets-sekretesslagen.json",
    "forvaltningslagen.json",
    "kommunallagen.json",
    "socialtjanstlagen-2025.json",
    "socialtjanstlagen.json",  # the repealed 2001 law: never cited when the law in force answers
    "lss.json",
    "halso-och-sjukvardslagen.json",
    "lou.json",
    "kamerabevakningslagen.json",
    "dataskyddslagen.json",
)
EU_DIR = Path(__file__).resolve().parents[2] / "src" / "kraft" / "knowledge" / "data" / "law-eu"


@pytest.fixture
def demo_library(roles: Any) -> Library:
    library = services.create_library(roles.staff, name="Svensk författningssamling", organisation=None)
    paths = [law_file(name) for name in DEMO_STATUTES] + sorted(EU_DIR.glob("*-*.json"))
    for path in paths:
        document = services.import_statute(library, path, roles.staff, sync=True)
        assert document.status == Document.Status.READY, (path.name, document.error)
    return library


def test_own_guidance_is_quoted_next_to_the_law_it_rests_on(
    client: Client, roles: Any, demo_library: Library, django_capture_on_commit_callbacks: Any
) -> None:
    library = services.create_library(
        roles.editor,
        name=demo.PRIVATE_NAME,
        organisation=roles.organisation,
        visibility=Library.Visibility.ORGANISATION,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.import_document(library, demo.GUIDANCE.encode(), demo.GUIDANCE_NAME, kind=Document.Kind.GUIDANCE)
    client.force_login(roles.member)

    html = client.post("/kunskap/", {"question": PUBLIC_RECORDS}, follow=True).content.decode()

    claims = html[html.find('<ul class="claims">') : html.find("</ul>", html.find('<ul class="claims">'))]
    assert "Tryckfrihetsförordning (1949:105) 2 kap." in claims  # the law first …
    assert "Riktlinje för utlämnande av allmänna handlingar" in claims  # … and the guideline quoted, not only listed
    assert "samma dag" in claims
    assert "Din organisations egen vägledning" in html
