"""A statute that speaks to the public sector weighs more than a private-law one sharing as many words."""

from __future__ import annotations

import json
from typing import Any

from kraft.knowledge import services
from kraft.knowledge.answers import audience, synonyms
from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.models import Passage
from tests.factories import RoleSet


def statute(number: str, title: str, paragraphs: list[str]) -> bytes:
    provisions = [
        {"provision_ref": str(n), "section": str(n), "content": text} for n, text in enumerate(paragraphs, start=1)
    ]
    header = {"id": number, "type": "statute", "title": f"{title} ({number})", "status": "in_force"}
    return json.dumps({**header, "provisions": provisions}).encode("utf-8")


LEASES = statute(
    "2099:1",
    "Lag om lokaler",
    [
        "Hyresgästen ska betala hyran för lokalen senast sista vardagen före varje kalendermånads början.",
        "Hyresvärden ska hålla lokalen i sådant skick att den är fullt brukbar.",
        "Hyresgästen får inte utan hyresvärdens samtycke överlåta hyresrätten.",
        "Betalar hyresgästen inte hyran i rätt tid, är hyresrätten förverkad.",
    ],
)
SUPPORT = statute(
    "2099:2",
    "Lag om stöd",
    [
        "Kommunen ska ge bistånd till den som inte själv kan betala för sin försörjning och sitt boende.",
        "Socialnämnden ska utreda en ansökan om bistånd utan dröjsmål.",
        "Kommunen får lämna bistånd även i andra fall, om det finns skäl för det.",
        "Nämndens beslut om bistånd får överklagas hos allmän förvaltningsdomstol.",
    ],
)
QUESTION = "Kan jag få hjälp att betala hyran när jag inte har någon inkomst?"


def first_three(library_pk: int) -> list[str]:
    result = answer_question(None, QUESTION, library_ids=[library_pk], store=False)
    passages = Passage.objects.select_related("document").in_bulk(result.ranked_passage_ids[:3])
    return [passages[pk].document.sfs_number for pk in result.ranked_passage_ids[:3]]


def test_a_statute_that_names_public_bodies_reaches_the_top_three_before_a_private_law_one(
    roles: RoleSet, monkeypatch: Any
) -> None:
    monkeypatch.setattr(synonyms, "WEIGHT", 0.0)  # *hjälp* → *bistånd* would find the support law by itself
    national = services.create_library(roles.staff, name="Svensk lag", organisation=None)
    for data in (LEASES, SUPPORT):
        services.import_statute(national, data, roles.staff, sync=True)

    factors = {d.sfs_number: audience.statute_factors()[d.pk] for d in national.documents.all()}
    assert factors == {"2099:1": audience.FLOOR, "2099:2": 1.0}
    assert "2099:2" in first_three(national.pk)

    # without the weighing, the lease law's paragraphs share more of the question's words and fill the top three
    monkeypatch.setattr(audience, "FLOOR", 1.0)
    audience._cache.clear()
    assert first_three(national.pk) == ["2099:1"] * 3


def test_a_private_librarys_statutes_are_not_read(roles: RoleSet) -> None:
    private = services.create_library(roles.admin, name="Egna regler", organisation=roles.organisation)
    document = services.import_statute(private, SUPPORT, roles.admin, sync=True)
    audience._cache.clear()

    assert document.pk not in audience.statute_factors()
