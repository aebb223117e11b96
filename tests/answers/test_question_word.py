"""The question word that opens the question decides what kind of answer it wants, not a *när* later in it."""

from __future__ import annotations

from typing import Any

import pytest

from kraft.knowledge import services
from kraft.knowledge.answers.service import answer_question
from tests.answers.conftest import add_text

MINUTES = "Ordföranden fattade beslutet den 3 mars 2020. Ordföranden som fattade beslutet var Anna Berg."


@pytest.mark.django_db
def test_who_when_asks_who_and_the_answer_quotes_the_name_before_the_date(
    roles: Any, django_capture_on_commit_callbacks: Any
) -> None:
    library = services.create_library(roles.staff, name="Protokoll", organisation=None)
    add_text(roles.staff, library, "protokoll.txt", MINUTES, django_capture_on_commit_callbacks)

    who = answer_question(None, "Vem var ordförande när beslutet fattades?", library_ids=[library.pk], store=False)
    when = answer_question(None, "När fattade ordföranden beslutet?", library_ids=[library.pk], store=False)

    assert who.claims[0].quote.startswith("Ordföranden som fattade beslutet var Anna Berg")
    assert when.claims[0].quote.startswith("Ordföranden fattade beslutet den 3 mars 2020")
