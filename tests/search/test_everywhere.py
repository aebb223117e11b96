"""One search box over everything: all collections by default, grouped with counts, links and owners on every hit,
statute citations resolved to their paragraph, ways on when nothing matches, and bad input answered clearly."""

from __future__ import annotations

from typing import Any

import pytest

from kraft.initiatives import services as initiative_services
from kraft.knowledge import services as knowledge_services
from kraft.knowledge.models import Document, Library
from kraft.search import service
from kraft.search.documents import SearchDocument
from tests.answers.conftest import IMMEDIATE_TASKS, add_text, law_file
from tests.factories import RoleSet
from tests.knowledge import files


@pytest.fixture
def statutes(roles: RoleSet, settings: Any, tmp_path: Any) -> Library:
    """The national library with tryckfrihetsförordningen, imported as the demo does."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE_TASKS
    library = knowledge_services.create_library(roles.staff, name="Svensk författningssamling", organisation=None)
    document = knowledge_services.import_statute(
        library, law_file("tryckfrihetsforordningen.json"), roles.staff, sync=True
    )
    assert document.status == Document.Status.READY, document.error
    return library


@pytest.fixture
def registry(roles: RoleSet) -> RoleSet:
    for title, org in (
        ("Chattbot för bygglovsfrågor", roles.organisation),
        ("Chatbot i växeln", roles.other_organisation),
    ):
        initiative_services.create_initiative(
            "test", {"title": title, "summary": "Svarar invånare dygnet runt."}, lead_organisation=org, publish=True
        )
    guidance = SearchDocument("passages", "999001", "Vägledning om chatbotar", "En chatbot ska informera.")
    service.index_documents([guidance])
    return roles


def test_all_collections_are_searched_by_default_and_counted(client: Any, registry: RoleSet) -> None:
    data = client.get("/api/v1/search/", {"q": "chatbot"}).json()
    counts = {c["name"]: c["count"] for c in data["collections"]}
    assert counts["initiatives"] == 2 and counts["passages"] == 1 and "organisations" in counts
    assert {r["collection"] for r in data["results"]} == {"initiatives", "passages"}
    only = client.get("/api/v1/search/", {"q": "chatbot", "collection": "initiatives"}).json()
    assert only["count"] == 2 and {r["collection"] for r in only["results"]} == {"initiatives"}


def test_every_initiative_hit_links_to_its_page_and_names_its_organisation(client: Any, registry: RoleSet) -> None:
    data = client.get("/api/v1/search/", {"q": "chatbot", "collection": "initiatives"}).json()
    for hit in data["results"]:
        assert hit["url"] == f"/initiativ/{hit['key']}/"
        assert hit["organisation"] in {"Sundsvalls kommun", "Timrå kommun"}
    page = client.get("/sok/", {"q": "chatbot"}).content.decode()
    assert "Sundsvalls kommun" in page and "Timrå kommun" in page and 'aria-current="true"' in page


def test_spelling_variants_find_the_same_initiatives(client: Any, registry: RoleSet) -> None:
    def keys(text: str) -> set[str]:
        data = client.get("/api/v1/search/", {"q": text, "collection": "initiatives"}).json()
        return {hit["key"] for hit in data["results"]}

    assert keys("chattbot") == keys("chatbot") == keys("chatt-bot") and len(keys("chatbot")) == 2


def test_a_misspelt_word_is_suggested_as_the_index_writes_it(client: Any, registry: RoleSet) -> None:
    data = client.get("/api/v1/search/", {"q": "bygglovsfrågot"}).json()
    assert data["suggestion"] == "bygglovsfrågor"


def test_zero_hits_offer_other_collections_the_knowledge_support_and_all_collections(
    client: Any, registry: RoleSet
) -> None:
    page = client.get("/sok/", {"q": "vägledning", "samling": "initiatives"}).content.decode()
    assert "Inget matchade" in page
    assert "samling=passages" in page and "Sök i alla samlingar" in page and "/kunskap/?fraga=" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"samling": "okänd"}, "Okänd parameter"),
        ({"collection": "okänd"}, "Okänd samling"),
        ({"page_size": 100000}, "page_size"),
        ({"q": "x" * 10_000}, "högst 500"),
        ({"page": 60, "page_size": 20}, "lägre sida"),
    ],
)
def test_bad_input_to_the_api_is_a_400_with_a_message(
    client: Any, db: None, params: dict[str, Any], message: str
) -> None:
    response = client.get("/api/v1/search/", {"q": "test", **params})
    assert response.status_code == 400 and message in response.json()["detail"]


def test_negative_pages_and_punctuation_never_break_the_api(client: Any, db: None) -> None:
    assert client.get("/api/v1/search/", {"q": "test", "page": -1}).status_code in (400, 422)
    data = client.get("/api/v1/search/", {"q": "?!… -- ;;"}).json()
    assert data["count"] == 0 and data["results"] == []


def test_bad_input_to_the_page_gets_a_clear_message(client: Any, registry: RoleSet) -> None:
    page = client.get("/sok/", {"q": "chatbot", "samling": "okänd"})
    assert page.status_code == 200 and "ingen samling som heter" in page.content.decode()
    assert "Chatbot i växeln" in page.content.decode()  # searched everything instead
    long = client.get("/sok/", {"q": "chatbot " + "x" * 10_000})
    assert long.status_code == 200 and "har kortats" in long.content.decode()
    punctuation = client.get("/sok/", {"q": "?!…"})
    assert "Skriv minst ett ord" in punctuation.content.decode()
    for page_number in ("-1", "abc", "99999"):
        assert client.get("/sok/", {"q": "chatbot", "page": page_number}).status_code == 200


def test_a_statute_citation_puts_that_paragraph_first(client: Any, statutes: Any) -> None:
    data = client.get("/api/v1/search/", {"q": "2 kap. 12 § TF"}).json()
    first = data["results"][0]
    assert first["pinned"] and first["title"].startswith("Tryckfrihetsförordning") and "2 kap. 12 §" in first["title"]
    assert "?highlight=" in first["url"] and first["organisation"] == "Nationellt bibliotek"
    assert client.get(first["url"]).status_code == 200


def test_a_concept_leads_to_the_chapter_its_best_texts_cite(
    client: Any, statutes: Any, roles: RoleSet, django_capture_on_commit_callbacks: Any
) -> None:
    text = (
        "Offentlighetsprincipen innebär att allmänheten har rätt att ta del av allmänna handlingar. "
        "Bestämmelserna finns i 2 kap. tryckfrihetsförordningen."
    )
    add_text(roles.staff, statutes, "vagledning.txt", text, django_capture_on_commit_callbacks)
    first = client.get("/api/v1/search/", {"q": "offentlighetsprincipen"}).json()["results"][0]
    assert first["title"].startswith("Tryckfrihetsförordning") and " 2 kap." in first["title"]


def test_foreign_records_are_analysed_in_their_language_and_rank_after_swedish_ones(client: Any, db: None) -> None:
    service.index_documents(
        [
            SearchDocument(
                "initiatives", "1", "Chatbots answering citizens", "The city answers questions.", language="en"
            ),
            SearchDocument("initiatives", "2", "Chatbot som svarar invånare", "Kommunen svarar på frågor."),
        ]
    )
    data = client.get("/api/v1/search/", {"q": "chatbotar", "collection": "initiatives"}).json()
    assert [hit["key"] for hit in data["results"]] == ["2", "1"]
    english = client.get("/api/v1/search/", {"q": "answering citizens", "collection": "initiatives"}).json()
    assert [hit["key"] for hit in english["results"]][0] == "1"


def test_an_acronym_a_public_text_defines_finds_the_words_written_out_and_back(client: Any, roles: RoleSet) -> None:
    service.index_documents(
        [
            SearchDocument("initiatives", "1", "Chatbot med AI i växeln", "Kommunen svarar med hjälp av AI."),
            SearchDocument("initiatives", "2", "Artificiell intelligens i hemtjänsten", "Planering av besöken."),
            SearchDocument("initiatives", "3", "Planering av skolskjuts", "Rutterna läggs om varje termin."),
        ]
    )

    def keys(text: str) -> set[str]:
        data = client.get("/api/v1/search/", {"q": text, "collection": "initiatives"}).json()
        return {hit["key"] for hit in data["results"]}

    assert keys("AI") == {"1"} and keys("artificiell intelligens") == {"2"}
    definition = "Om användning av artificiell intelligens (AI) i offentlig sektor."
    private = SearchDocument("passages", "5", "Intern vägledning", definition, visibility="organisation")
    service.index_documents([private])
    assert keys("AI") == {"1"}  # what only an organisation may read teaches the search nothing
    service.index_documents([SearchDocument("passages", "6", "Vägledning", definition)])
    assert keys("AI") == {"1", "2"} and keys("artificiell intelligens") == {"1", "2"}
    assert {"1", "2"} <= keys("Vad gör skolorna med ai?")  # lower case, other words around it


def test_an_eu_article_citation_puts_its_first_paragraph_first(client: Any, statutes: Library) -> None:
    knowledge_services.import_statute(statutes, files.eu_regulation(), sync=True)
    for text in ("AI-förordningen artikel 6", "artikel 6 i AI-förordningen"):
        first = client.get("/api/v1/search/", {"q": text}).json()["results"][0]
        assert first["pinned"] and first["title"].startswith("AI-förordningen artikel 6.1"), text
        assert client.get(first["url"]).status_code == 200


def test_an_acronym_built_from_compound_parts_is_learnt_too(client: Any, roles: RoleSet) -> None:
    service.index_documents(
        [
            SearchDocument("initiatives", "1", "Sekretessbedömning med stöd av OSL", "Mallar för handläggare."),
            SearchDocument("initiatives", "2", "Utbildning", "Om offentlighets- och sekretesslagen för nya chefer."),
            SearchDocument("passages", "6", "Vägledning", "Enligt offentlighets- och sekretesslagen (OSL) gäller."),
        ]
    )

    data = client.get("/api/v1/search/", {"q": "OSL", "collection": "initiatives"}).json()

    assert {hit["key"] for hit in data["results"]} == {"1", "2"}
