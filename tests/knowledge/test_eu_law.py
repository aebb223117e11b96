"""EU law in the national library: the GDPR and the AI Act, article by article, cited and found in Swedish."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.urls import reverse

from kraft.knowledge import services
from kraft.knowledge.demo import EU_LAW_DIR, eu_law_files
from kraft.knowledge.ingestion.eu_regulation import parse_eu_regulation, swedish_heading, swedish_metadata
from kraft.knowledge.models import Document, Library, Passage
from tests.knowledge import files

EUR_LEX_SV = "https://eur-lex.europa.eu/legal-content/SV/TXT/HTML/?uri=CELEX:32024R1689"


@pytest.mark.parametrize("path", eu_law_files(), ids=lambda p: p.stem)
def test_every_article_and_definition_has_its_swedish_name(path: Any) -> None:
    source = json.loads(path.read_text(encoding="utf-8"))
    swedish = swedish_metadata()[source["celex_id"]]
    assert set(swedish["articles"]) == {article["number"] for article in source["articles"]}
    definitions = next(a for a in source["articles"] if a["number"] == swedish["definitions_article"])
    numbered = re.findall(r"\((\d+)\)\s*‘([^’]+)’", definitions["text"])
    assert len(numbered) == len(swedish["definitions"]) == len(source["definitions"])
    for number, english in numbered:  # the Swedish terms are numbered as the regulation numbers its definitions
        assert source["definitions"][int(number) - 1]["term"] == english.lower()
        assert swedish["definitions"][number]


def test_regulation_is_cut_at_paragraphs_points_definitions_and_recitals(national_library: Library) -> None:
    document = services.import_statute(national_library, files.eu_regulation())
    assert document.status == Document.Status.READY
    assert (document.sfs_number, document.language, document.kind) == ("2024/1689", "en", Document.Kind.STATUTE)
    citations = list(Passage.objects.filter(document=document).values_list("citation", flat=True))
    assert "AI-förordningen artikel 3.1" in citations  # a definition
    assert "AI-förordningen artikel 6.1" in citations
    assert "AI-förordningen artikel 6.2 g" in citations  # a long paragraph is cut at its points
    assert "AI-förordningen artikel 6.3" in citations
    assert "AI-förordningen skäl 1" in citations
    definition = Passage.objects.get(document=document, citation="AI-förordningen artikel 3.1")
    assert definition.language == "en" and definition.text.startswith("(1) ‘AI system’ means")
    assert "AI-system" in definition.keywords and "AI-system" in definition.heading
    assert not Passage.objects.filter(document=document, text__contains="Done at Brussels").exists()


def test_eu_passage_links_to_kraft_and_to_the_swedish_text_on_eur_lex(client: Any, national_library: Library) -> None:
    document = services.import_statute(national_library, files.eu_regulation())
    passage = Passage.objects.get(document=document, citation="AI-förordningen artikel 6.3")
    assert passage.source_link == f"{EUR_LEX_SV}#art_6"
    page = client.get(passage.get_absolute_url()).content.decode()
    assert "AI-förordningen artikel 6.3" in page
    assert f'href="{EUR_LEX_SV}#art_6"' in page
    assert "Klassificeringsregler för AI-system med hög risk" in page  # the official Swedish title
    assert "Texten till artikel 113 b saknas i källan." in page  # the source lacks point (b); Kraft says so
    api = client.get(f"/api/v1/documents/{document.pk}/passages", {"page_size": 50}).json()
    row = next(p for p in api["results"] if p["citation"] == "AI-förordningen artikel 6.3")
    assert (row["article"], row["paragraph"], row["language"]) == ("6", "3", "en")
    assert row["source_link"] == f"{EUR_LEX_SV}#art_6"


def test_answer_sources_from_eu_law_link_to_eur_lex(client: Any, national_library: Library) -> None:
    services.import_statute(national_library, files.eu_regulation())
    response = client.post(reverse("knowledge:ask"), {"question": "Vad är ett AI-system med hög risk?"}, follow=True)
    page = response.content.decode()
    assert "svensk text på EUR-Lex" in page
    assert EUR_LEX_SV in page


def test_swedish_questions_reach_the_regulations_without_an_embedder(client: Any, national_library: Library) -> None:
    for path in eu_law_files(EU_LAW_DIR):
        services.import_statute(national_library, path)
    services.import_statute(national_library, files.statute("2018:218"))  # Swedish law competes for the words

    def titles(question: str) -> list[str]:
        found = client.get("/api/v1/search/", {"q": question, "collection": "passages", "page_size": 10}).json()
        return [hit["title"] for hit in found["results"]]

    high_risk = titles("Klassificeringsregler för AI-system med hög risk")
    assert high_risk[0].startswith("AI-förordningen artikel 6")
    assert all(title.startswith("AI-förordningen") for title in titles("AI-system med hög risk")[:5])
    assert titles("anmälan av personuppgiftsincident")[0].startswith("Dataskyddsförordningen artikel 33")
    page = client.get(reverse("search:search"), {"q": "konsekvensbedömning avseende dataskydd", "samling": "passages"})
    assert "Dataskyddsförordningen artikel 35" in page.content.decode()


def test_a_definition_question_is_answered_from_the_definition_of_that_term(
    client: Any, national_library: Library
) -> None:
    """*Vad är ett AI-system?*: artikel 3.1 defines it; 3.16–3.18 (recall, withdrawal, performance *of an AI system*)
    only use the term and once came first, since a definition found through its Swedish heading had no search score."""
    for path in eu_law_files(EU_LAW_DIR):
        services.import_statute(national_library, path)

    def first_source(question: str) -> str:
        answer = client.post("/api/v1/answers", {"question": question}, content_type="application/json").json()
        return str(answer["sources"][0]["label"])

    assert first_source("Vad är ett AI-system?") == "AI-förordningen artikel 3.1"
    assert first_source("Vad är en personuppgiftsansvarig?") == "Dataskyddsförordningen artikel 4.7"
    # a heading found in a regulation the question names counts as named, like the search of it does
    assert first_source("Vad är en leverantör enligt AI-förordningen?") == "AI-förordningen artikel 3.3"


def test_an_unknown_regulation_is_read_in_english_with_its_english_name() -> None:
    parsed = parse_eu_regulation(files.eu_regulation(celex="32099R0001"))
    assert parsed.citation_name == "Artificial Intelligence Act"
    assert parsed.language == "en" and parsed.blocks


def test_demo_puts_the_regulations_in_the_national_library(db: None, tmp_path: Any) -> None:
    from io import StringIO

    from kraft.knowledge.demo import load_statutes

    (tmp_path / "law").mkdir()
    (tmp_path / "eu").mkdir()
    (tmp_path / "law" / "testlag.json").write_bytes(files.statute("2099:3"))
    (tmp_path / "eu" / "ai-act.json").write_bytes(files.eu_regulation())
    out = StringIO()
    library = load_statutes(out, tmp_path / "law", tmp_path / "eu")
    assert set(library.documents.values_list("sfs_number", flat=True)) == {"2099:3", "2024/1689"}
    assert "2 författningar" in out.getvalue()
    assert [path.name for path in eu_law_files()] == ["ai-act-2024-1689.json", "gdpr-2016-679.json"]


@pytest.mark.parametrize(
    ("heading", "swedish"),
    [
        (
            "Artikel 6 – Klassificeringsregler för AI-system med hög risk "
            "(Classification rules for high-risk AI systems)",
            "Klassificeringsregler för AI-system med hög risk",
        ),
        (
            "Artikel 106 – Ändring av direktiv (EU) 2016/797 (Amendment to Directive (EU) 2016/797)",
            "Ändring av direktiv (EU) 2016/797",
        ),
        (
            "Artikel 17 – Rätt till radering (”rätten att bli bortglömd”) (Right to erasure (‘right to be forgotten’))",
            "Rätt till radering (”rätten att bli bortglömd”)",
        ),
        ("AI-system – ‘AI system’", "AI-system"),
    ],
)
def test_an_articles_heading_is_read_by_its_swedish_title(heading: str, swedish: str) -> None:
    assert swedish_heading(heading) == swedish
