"""With an embedder configured, how close in meaning each retrieved passage is to the question counts in the ranking
(comparable across the statute-by-statute searches, whose own scores are ranks)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from kraft.knowledge import services
from kraft.knowledge.answers.query import analyse_question
from kraft.knowledge.answers.rank import Candidate, rank
from kraft.knowledge.answers.results import UNCERTAIN, UNCERTAIN_ANSWER
from kraft.knowledge.answers.retrieval import retrieve
from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.models import Library
from kraft.search.embedders import get_embedder
from tests.answers.conftest import add_text

TOPIC_EMBEDDER = {"default": {"BACKEND": "tests.search.test_embeddings.TopicEmbedder"}}
MEALS = "Kommunen ska erbjuda eleverna måltider varje skoldag. Kosten ska vara näringsriktig."
VEHICLES = "Kommunen ska erbjuda fordon för färdtjänst. Trafiken ska vara säker för alla resenärer."
QUESTION = "Vad ska kommunen erbjuda till lunch?"


def _library(roles: Any, capture: Any) -> Library:
    library = services.create_library(roles.staff, name="Föreskrifter", organisation=None)
    add_text(roles.staff, library, "maltider.txt", MEALS, capture)
    add_text(roles.staff, library, "fordon.txt", VEHICLES, capture)
    return library


@pytest.mark.django_db
@override_settings(EMBEDDERS=TOPIC_EMBEDDER)
def test_with_an_embedder_each_candidate_carries_its_similarity_and_the_answer_quotes_the_closest(
    roles: Any, django_capture_on_commit_callbacks: Any
) -> None:
    library = _library(roles, django_capture_on_commit_callbacks)
    candidates = retrieve(None, analyse_question(QUESTION), library_ids=[library.pk])
    meaning = {("måltider" in c.text): c.meaning for c in candidates}
    assert meaning[True] is not None and meaning[False] is not None
    assert meaning[True] > meaning[False]  # "lunch" is in neither text; the embedder puts it with meals

    result = answer_question(None, QUESTION, library_ids=[library.pk], store=False)
    assert not result.abstained and "måltider" in result.text


@pytest.mark.django_db
def test_without_an_embedder_candidates_have_no_similarity(roles: Any, django_capture_on_commit_callbacks: Any) -> None:
    library = _library(roles, django_capture_on_commit_callbacks)
    candidates = retrieve(None, analyse_question(QUESTION), library_ids=[library.pk])
    assert candidates and all(c.meaning is None for c in candidates)


@pytest.mark.django_db
def test_of_two_passages_the_words_match_alike_the_one_closer_in_meaning_ranks_first() -> None:
    query = analyse_question(QUESTION)
    far = Candidate("1", VEHICLES, score=5.0, meaning=0.2)
    close = Candidate("2", MEALS.replace("måltider", "fordon"), score=5.0, meaning=0.9)  # the same words as "far"

    assert [c.key for c, _ in rank(query, [far, close]).passages] == ["2", "1"]


CALIBRATED_TOPIC_EMBEDDER = {"default": {**TOPIC_EMBEDDER["default"], "OPTIONS": {"answer_similarity": 0.85}}}
IN_OTHER_WORDS = "Får barnen äta lunch gratis?"  # not one word in common with the meals rule


@pytest.mark.django_db
@override_settings(EMBEDDERS=CALIBRATED_TOPIC_EMBEDDER)
def test_a_passage_close_in_meaning_answers_with_a_caveat_although_it_shares_no_word_with_the_question(
    roles: Any, django_capture_on_commit_callbacks: Any
) -> None:
    library = _library(roles, django_capture_on_commit_callbacks)

    result = answer_question(None, IN_OTHER_WORDS, library_ids=[library.pk], store=False)

    assert not result.abstained and "måltider" in result.text
    assert result.certainty == UNCERTAIN and result.has_notice(UNCERTAIN_ANSWER)
    assert result.similarity is not None and result.similarity >= 0.85


@pytest.mark.django_db
@override_settings(EMBEDDERS=TOPIC_EMBEDDER)
def test_without_a_calibrated_similarity_the_embedder_does_not_lift_a_refusal(
    roles: Any, django_capture_on_commit_callbacks: Any
) -> None:
    library = _library(roles, django_capture_on_commit_callbacks)

    assert answer_question(None, IN_OTHER_WORDS, library_ids=[library.pk], store=False).abstained


@pytest.mark.django_db
@override_settings(EMBEDDERS=CALIBRATED_TOPIC_EMBEDDER)
def test_a_question_far_in_meaning_from_every_passage_is_still_refused(
    roles: Any, django_capture_on_commit_callbacks: Any
) -> None:
    library = _library(roles, django_capture_on_commit_callbacks)

    assert answer_question(None, "Hur många lärare behövs?", library_ids=[library.pk], store=False).abstained


@override_settings(EMBEDDERS={"default": {**TOPIC_EMBEDDER["default"], "OPTIONS": {"answer_similarity": "hög"}}})
def test_an_answer_similarity_that_is_not_a_cosine_is_a_configuration_error() -> None:
    with pytest.raises(ImproperlyConfigured, match="answer_similarity"):
        get_embedder()


@pytest.mark.django_db
def test_with_similarities_a_passage_closer_in_meaning_outranks_one_the_search_scored_far_higher() -> None:
    # The hybrid search score already holds the similarity; counted again at full weight it would decide alone.
    query = analyse_question(QUESTION)
    scored_high = Candidate("1", MEALS, score=1.0, meaning=0.80)
    closer = Candidate("2", MEALS, score=0.2, meaning=0.90)
    far = Candidate("3", VEHICLES, score=0.1, meaning=0.65)

    assert [c.key for c, _ in rank(query, [scored_high, closer, far]).passages][:2] == ["2", "1"]
