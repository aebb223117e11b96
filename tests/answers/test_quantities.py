"""A question asking *how many* or *how much* wants the sentence that states a quantity: a paragraph number
(*4 eller 5 §*) or the article *en* is not one."""

from __future__ import annotations

import pytest

from kraft.knowledge.answers.query import analyse_question
from kraft.knowledge.answers.rank import Candidate, rank

QUESTION = "Hur många arbetstagare behövs för skyddsombud?"
REFERENCE = "Enligt 4 eller 5 § ska en arbetsplats ha skyddsombud för arbetstagare."
QUANTITY = "Fem arbetstagare på en arbetsplats ska ha skyddsombud enligt rutinen."


@pytest.mark.django_db
def test_of_two_sentences_matching_alike_the_one_with_a_quantity_answers_a_how_many_question() -> None:
    query = analyse_question(QUESTION)
    assert query.kind == "number"
    reference = Candidate("1", REFERENCE, score=5.0)
    quantity = Candidate("2", QUANTITY, score=5.0)

    ranking = rank(query, [reference, quantity])

    assert ranking.sentences[0].candidate is quantity
    assert ranking.passages[0][0] is quantity
