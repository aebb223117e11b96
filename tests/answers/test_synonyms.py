"""A question word no statute uses reaches the paragraph through its thesaurus synonyms that statutes do use."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from kraft.knowledge import services
from kraft.knowledge.answers import synonyms
from kraft.knowledge.answers.query import analyse_question
from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.models import Passage
from kraft.search.analysis.thesaurus import get_thesaurus
from tests.answers.test_audience import statute
from tests.factories import RoleSet

CONVERSATIONS = statute(
    "2099:3",
    "Lag om utredningar",
    [
        "Socialnämnden får samtala med ett barn utan vårdnadshavarens samtycke.",
        "Socialnämnden ska dokumentera utredningen.",
    ],
)
SCHOOLS = statute(
    "2099:4",
    "Lag om skolor",
    [
        "Kommunen får ge ett barn skolskjuts.",
        "Kommunen får ge ett barn modersmålsundervisning.",
    ],
)
QUESTION = "Får handläggaren prata med mitt barn?"


def first(library_pk: int) -> str:
    result = answer_question(None, QUESTION, library_ids=[library_pk], store=False)
    passage = Passage.objects.select_related("document").get(pk=result.ranked_passage_ids[0])
    return f"{passage.document.sfs_number} {passage.section} §"


def test_the_thesaurus_finds_a_word_in_any_form_and_reads_its_links_both_ways() -> None:
    thesaurus = get_thesaurus()

    assert "arbetstagare" in thesaurus.synonyms("anställda")
    assert "samtala" in thesaurus.synonyms("pratar")
    assert "pratar" not in thesaurus.synonyms("pratar")


def test_a_word_no_statute_uses_finds_the_paragraph_through_its_synonym(roles: RoleSet, monkeypatch: Any) -> None:
    national = services.create_library(roles.staff, name="Svensk lag", organisation=None)
    for data in (CONVERSATIONS, SCHOOLS):
        services.import_statute(national, data, roles.staff, sync=True)

    assert first(national.pk) == "2099:3 1 §"  # *prata* → *samtala*

    # without the synonyms only *barn* matches, and the school law says it more often
    monkeypatch.setattr(synonyms, "WEIGHT", 0.0)
    assert first(national.pk).startswith("2099:4")


def test_only_words_the_statutes_lack_are_expanded_and_only_into_words_they_use(roles: RoleSet) -> None:
    national = services.create_library(roles.staff, name="Svensk lag", organisation=None)
    services.import_statute(national, CONVERSATIONS, roles.staff, sync=True)

    query = analyse_question(QUESTION)
    synonyms.expand(query)

    assert "samtala" in query.phrases
    assert all(word not in query.phrases for word in ("tala", "kommunicera"))  # not in these statutes
    assert not get_thesaurus().synonyms("barn") & set(query.phrases)  # *barn* is in them: not expanded


def test_a_private_librarys_words_do_not_steer_the_expansion(roles: RoleSet) -> None:
    private = services.create_library(roles.admin, name="Egna regler", organisation=roles.organisation)
    services.import_statute(private, CONVERSATIONS, roles.admin, sync=True)

    query = analyse_question(QUESTION)
    synonyms.expand(query)

    assert "samtala" not in query.phrases


def test_the_answer_says_which_words_it_also_searched_for(client: Client, roles: RoleSet) -> None:
    national = services.create_library(roles.staff, name="Svensk lag", organisation=None)
    for data in (CONVERSATIONS, SCHOOLS):
        services.import_statute(national, data, roles.staff, sync=True)
    client.force_login(roles.member)

    answer = client.post("/api/v1/answers", json.dumps({"question": QUESTION}), content_type="application/json").json()
    page = client.post("/kunskap/", {"question": QUESTION}, follow=True).content.decode()

    notice = next(n for n in answer["notices"] if n["code"] == "synonyms")
    assert "prata → samtal" in notice["message"]
    assert "sökte också på ord med samma betydelse" in page
