"""The issue's demo examples asked among every statute and regulation `kraft demo` loads.

The library is imported once for the module and committed (importing the 94 files takes a minute or more; once per
test it was the suite's slowest part), then removed with everything its import wrote, so no other test sees it.
Only the tests here may share it: they read it and never change it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings

from kraft.audit.models import AuditEvent
from kraft.knowledge import demo, services
from kraft.knowledge.models import Document, Library, Passage
from kraft.search.models import SearchEntry
from tests.answers.conftest import IMMEDIATE_TASKS
from tests.answers.test_demo_questions import PUBLIC_RECORDS

pytestmark = pytest.mark.django_db

# question → (SFS or EU number, chapter, sections or articles any of which answers)
DEMO_EXAMPLES = {
    "AI och försörjningsstöd": ("2017:725", "6", {"37"}),
    "sekretess i socialtjänsten": ("2009:400", "26", {"1"}),
    "motivering av beslut": ("2017:900", "", {"32"}),
    "Vad är en allmän handling?": ("1949:105", "2", {"3", "4"}),
    PUBLIC_RECORDS: ("1949:105", "2", {"15", "16"}),  # the ask page's own example, among all the statutes
    "Hur lång tid har jag på mig att överklaga?": ("2017:900", "", {"44"}),
    "Måste vi anmäla en personuppgiftsincident enligt GDPR?": ("2016/679", "", {"33"}),
    "Vilka AI-metoder är förbjudna enligt AI-förordningen?": ("2024/1689", "", {"5"}),
    # the article whose Swedish title is mostly the question: "Klassificeringsregler för AI-system med hög risk"
    "Vad är ett AI-system med hög risk?": ("2024/1689", "", {"6"}),
    # the general vocabulary's "ansiktsigenkänning" → biometric identification: its definitions or prohibition
    "Får kommunen använda ansiktsigenkänning?": ("2024/1689", "", {"3", "5", "26", "50"}),
}


@pytest.fixture(scope="module")
def full_demo_library(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Library]:
    """Every statute and regulation `kraft demo` loads: the examples must hold among all of them (an answer about
    ansiktsigenkänning once came from the VAT act's heading "Kommun"), not only among the statutes they concern."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media, TASKS=IMMEDIATE_TASKS), django_db_blocker.unblock():
        before = _counts()
        first_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        staff = get_user_model().objects.create_user("full-library-staff", is_staff=True)
        library = services.create_library(staff, name="Svensk lag", organisation=None)
        try:  # a failed import is removed too
            for path in demo.statute_files() + demo.eu_law_files():
                document = services.import_statute(library, path, staff, sync=True)
                assert document.status == Document.Status.READY, (path.name, document.error)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # the planner's statistics, as autovacuum would leave them
                    cursor.execute("ANALYZE")
            yield library
        finally:
            services.delete_library(staff, library)
            AuditEvent.objects.filter(pk__gt=first_event).delete()
            staff.delete()
            assert _counts() == before, "the module's library left rows behind"


def _counts() -> dict[str, int]:
    models = (Library, Document, Passage, SearchEntry, AuditEvent, get_user_model())
    return {model.__name__: model.objects.count() for model in models}


def _cited(answer: dict[str, Any]) -> set[tuple[str, str, str]]:
    numbers = {n for claim in answer["claims"] for n in claim["citations"]}
    ids = [s["passage_id"] for s in answer["sources"] if s["number"] in numbers]
    return {
        (p.document.sfs_number, p.chapter, p.article or p.section)
        for p in Passage.objects.filter(pk__in=ids).select_related("document")
    }


def _first_source(answer: dict[str, Any]) -> tuple[str, str, str]:
    if not answer["sources"]:
        return ("", "", "")
    passage = Passage.objects.select_related("document").get(pk=answer["sources"][0]["passage_id"])
    return (passage.document.sfs_number, passage.chapter, passage.article or passage.section)


def test_demo_examples_cite_the_paragraph_that_answers(client: Client, full_demo_library: Library) -> None:
    failures = []
    for question, (sfs, chapter, sections) in DEMO_EXAMPLES.items():
        response = client.post("/api/v1/answers", json.dumps({"question": question}), content_type="application/json")
        answer = response.json()
        cited = _cited(answer)
        first = _first_source(answer)
        if not (first[0] == sfs and first[1] == chapter and first[2] in sections):
            failures.append(f"{question}: first source {first}")
        if answer["abstained"] or not any(c[0] == sfs and c[1] == chapter and c[2] in sections for c in cited):
            failures.append(f"{question}: {sorted(cited)} {answer['abstained']=}")
        assert not any(c[0] == "2001:453" for c in cited), (question, cited)  # repealed law is not cited
    assert not failures, "\n".join(failures)


def test_the_statute_is_chosen_by_the_words_few_statutes_use(client: Client, full_demo_library: Library) -> None:
    """*kamera* is in a handful of statutes, *skylt* in the plan- och bygglag's rules on signs, *måste* and *finnas*
    in all of them: the question is about camera surveillance, and its answer comes from the
    kamerabevakningslag, not from the sign rules that share its word *skyltar*."""
    question = "Kommunen har kameror i sitt parkeringshus. Måste det finnas skyltar om det?"

    answer = client.post("/api/v1/answers", json.dumps({"question": question}), content_type="application/json").json()

    assert not answer["abstained"]
    assert _first_source(answer)[0] == "2018:1200", answer["sources"][:2]


def test_a_statute_whose_headings_name_the_subject_is_among_the_sources(
    client: Client, full_demo_library: Library
) -> None:
    """*Jäv* is a heading of the förvaltningslag; its paragraph on it shares few words with the question, and other
    laws' paragraphs share as few. The statutes' tables of contents (title and headings) bring it among the first
    sources."""
    question = "När är en tjänsteman jävig?"

    answer = client.post("/api/v1/answers", json.dumps({"question": question}), content_type="application/json").json()

    first = [
        (p.document.sfs_number, p.chapter, p.section)
        for p in (
            Passage.objects.select_related("document").get(pk=source["passage_id"]) for source in answer["sources"][:3]
        )
    ]
    assert ("2017:900", "", "16") in first, first
