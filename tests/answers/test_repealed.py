"""A repealed statute is ranked below the law in force, and flagged whenever it is cited."""

from __future__ import annotations

from kraft.knowledge import services
from kraft.knowledge.answers.results import REPEALED
from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.models import Document, Passage
from tests.answers.conftest import law_file
from tests.factories import RoleSet

QUESTION = "Vem har det yttersta ansvaret för att människor i kommunen får det stöd och den hjälp de behöver?"


def test_law_in_force_outranks_the_repealed_one_and_repealed_citations_are_flagged(roles: RoleSet) -> None:
    library = services.create_library(roles.staff, name="Socialrätt", organisation=None)
    for name in ("socialtjanstlagen.json", "socialtjanstlagen-2025.json"):
        document = services.import_statute(library, law_file(name), roles.staff, sync=True)
        assert document.status == Document.Status.READY
    assert Document.objects.get(sfs_number="2001:453").repealed

    result = answer_question(None, QUESTION, library_ids=[library.pk], store=False)

    first = Passage.objects.select_related("document").get(pk=result.ranked_passage_ids[0])
    assert first.document.sfs_number == "2025:400"
    assert not result.abstained
    cites_repealed = any(result.source(n).repealed for claim in result.claims for n in claim.citations)
    assert result.has_notice(REPEALED) == cites_repealed
    repealed_sources = [s for s in result.sources if s.repealed]
    assert all(s.number > result.sources[0].number for s in repealed_sources)


def test_a_question_that_names_the_repealed_law_is_answered_from_it_and_flagged(roles: RoleSet) -> None:
    library = services.create_library(roles.staff, name="Socialrätt", organisation=None)
    for name in ("socialtjanstlagen.json", "socialtjanstlagen-2025.json"):
        services.import_statute(library, law_file(name), roles.staff, sync=True)
    question = "Vad sa den gamla socialtjänstlagen från 2001 om rätten till bistånd?"

    result = answer_question(None, question, library_ids=[library.pk], store=False)

    best = Passage.objects.get(document__sfs_number="2001:453", chapter="4", section="1")
    assert best.pk in result.ranked_passage_ids[:2]  # not put below the law in force: the asker names the old one
    assert not result.abstained
    assert result.sources[0].repealed
    assert result.has_notice(REPEALED)
