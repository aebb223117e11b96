"""Bad questions get a clear Swedish answer or refusal through the page and the API, never a 500, and the history
keeps nothing it must not (a personal identity number is never stored)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kraft.knowledge.models import Library
from kraft.knowledge.models_answers import Answer, Question
from tests.factories import RoleSet

PERSONNUMMER = "19121212-1212"
CASES = {
    "stop_words": ("och att det som är", "Frågan innehåller inga ord att söka på"),
    "personnummer": (PERSONNUMMER, "Frågan innehåller inga ord att söka på"),
    "english": ("What is the time limit for appealing a decision by the municipality?", "annat språk än svenska"),
    "missing_paragraph": ("Vad står i 34 kap. 99 § tryckfrihetsförordningen?", "34 kap. 99 §"),
}


def api_ask(client: Client, question: str) -> Any:
    return client.post("/api/v1/answers", json.dumps({"question": question}), content_type="application/json")


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_questions_get_a_swedish_refusal_on_the_page(
    client: Client, roles: RoleSet, statutes: Library, case: str
) -> None:
    question, expected = CASES[case]
    client.force_login(roles.member)

    response = client.post("/kunskap/", {"question": question}, follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert "Källorna svarar inte på den här frågan." in html
    assert PERSONNUMMER not in html


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_questions_get_a_swedish_refusal_from_the_api(
    client: Client, roles: RoleSet, statutes: Library, case: str
) -> None:
    question, expected = CASES[case]
    client.force_login(roles.member)

    response = api_ask(client, question)

    assert response.status_code == 200
    body = response.json()
    assert body["abstained"] is True
    assert any(expected in notice["message"] for notice in body["notices"]), body["notices"]


def test_a_missing_paragraph_is_named_with_its_statute(client: Client, statutes: Library) -> None:
    body = api_ask(client, CASES["missing_paragraph"][0]).json()

    assert any(
        n["code"] == "no_such_provision" and "Tryckfrihetsförordning (1949:105)" in n["message"]
        for n in body["notices"]
    )


def test_an_existing_cited_paragraph_is_quoted_first(client: Client, statutes: Library) -> None:
    body = api_ask(client, "Vad säger 2 kap. 15 § TF?").json()

    assert not body["abstained"]
    first = body["claims"][0]["citations"][0]
    assert next(s for s in body["sources"] if s["number"] == first)["label"].endswith("2 kap. 15 §")
    assert "Osäkert" not in " ".join(n["message"] for n in body["notices"])  # a cited paragraph is not a guess


def test_history_keeps_no_personal_identity_number(client: Client, roles: RoleSet, statutes: Library) -> None:
    client.force_login(roles.member)
    api_ask(client, f"Får kommunen lämna ut allmänna handlingar om {PERSONNUMMER}?")
    client.post("/kunskap/", {"question": PERSONNUMMER})

    stored = " ".join(Question.objects.values_list("text", flat=True))
    assert Question.objects.count() == 2
    assert PERSONNUMMER not in stored and "1212" not in stored
    assert all(q.had_personal_number for q in Question.objects.all())
    assert PERSONNUMMER not in json.dumps(list(Answer.objects.values_list("claims", "sources", "notices")))


def test_a_5000_character_question_is_refused_with_the_reason_and_kept_in_the_form(
    client: Client, roles: RoleSet, statutes: Library
) -> None:
    client.force_login(roles.member)
    long_question = "Hur snabbt måste kommunen lämna ut en allmän handling? " * 100

    page = client.post("/kunskap/", {"question": long_question[:5000]})
    api = api_ask(client, long_question[:5000])

    assert page.status_code == 400  # the form again, with the reason
    html = page.content.decode()
    assert "1000 tecken" in html
    assert long_question[:200] in html  # what was typed is still in the form
    assert api.status_code == 422
    assert "Frågan får vara högst 1000 tecken lång" in json.dumps(api.json(), ensure_ascii=False)
    assert not Question.objects.exists()
