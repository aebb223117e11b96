"""The sentence that asks weighs more than the circumstances told before it."""

from __future__ import annotations

from typing import Any

import pytest

from kraft.knowledge import services
from kraft.knowledge.answers.service import answer_question
from tests.answers.conftest import add_text

RULES = (
    "Parkeringshuset vid stadshuset har öppet dygnet runt och har tvåhundra platser för bilar.\n\n"
    "Den som bedriver bevakning ska upplysa om den genom tydlig skyltning."
)


@pytest.mark.django_db
def test_the_answer_follows_the_question_not_the_story_around_it(
    roles: Any, django_capture_on_commit_callbacks: Any
) -> None:
    library = services.create_library(roles.staff, name="Regler", organisation=None)
    add_text(roles.staff, library, "regler.txt", RULES, django_capture_on_commit_callbacks)

    result = answer_question(
        None,
        "Vi har kameror i parkeringshuset vid stadshuset. Krävs skyltning om bevakning?",
        library_ids=[library.pk],
        store=False,
    )

    # the story shares two words with the first paragraph, the question two with the second
    assert result.claims[0].quote.startswith("Den som bedriver bevakning")
