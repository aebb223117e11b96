"""Feedback on answers, each person's own history, its retention purge, and the API's answers to bad input."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kraft.knowledge.models import Library
from kraft.knowledge.models_answers import Answer, AnswerFeedback, Question
from tests.factories import RoleSet

QUESTION = "Hur snabbt måste kommunen lämna ut en allmän handling som någon begär?"


def ask(client: Client, question: str = QUESTION) -> Answer:
    response = client.post("/kunskap/", {"question": question})
    assert response.status_code == 302, response.content.decode()[:500]
    return Answer.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_thumbs_down_with_comment_is_saved_and_can_be_changed(
    client: Client, roles: RoleSet, statutes: Library
) -> None:
    client.force_login(roles.member)
    answer = ask(client)

    response = client.post(f"/kunskap/svar/{answer.pk}/aterkoppling/", {"helpful": "0", "comment": "Saknar 16 §."})
    assert response.status_code == 302
    client.post(f"/kunskap/svar/{answer.pk}/aterkoppling/", {"helpful": "1", "comment": ""})

    feedback = AnswerFeedback.objects.get(answer=answer)
    assert feedback.helpful is True and feedback.comment == ""
    page = client.get(f"/kunskap/svar/{answer.pk}/").content.decode()
    assert "Du har sagt att svaret var till hjälp." in page


def test_feedback_without_a_choice_is_refused_with_the_reason(
    client: Client, roles: RoleSet, statutes: Library
) -> None:
    client.force_login(roles.member)
    answer = ask(client)
    response = client.post(f"/kunskap/svar/{answer.pk}/aterkoppling/", {"comment": "hm"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not AnswerFeedback.objects.exists()


def test_feedback_through_the_api(client: Client, roles: RoleSet, statutes: Library) -> None:
    client.force_login(roles.member)
    answer = ask(client)
    url = f"/api/v1/answers/{answer.pk}/feedback"

    ok = client.post(url, json.dumps({"helpful": False, "comment": "Fel paragraf"}), content_type="application/json")
    assert ok.status_code == 200 and ok.json()["helpful"] is False

    client.force_login(roles.other_admin)
    assert client.post(url, json.dumps({"helpful": True}), content_type="application/json").status_code == 404


def test_history_lists_only_your_own_questions(client: Client, roles: RoleSet, statutes: Library) -> None:
    client.force_login(roles.member)
    ask(client)
    client.force_login(roles.editor)
    ask(client, "Vad gäller för tolk hos myndigheter?")

    page = client.get("/kunskap/svar/").content.decode()
    api = client.get("/api/v1/answers").json()
    assert "tolk" in page and "allmän handling" not in page
    assert api["count"] == 1 and api["results"][0]["question"] == "Vad gäller för tolk hos myndigheter?"


def test_history_older_than_the_retention_period_is_purged(roles: RoleSet, settings: Any, statutes: Library) -> None:
    settings.ANSWER_HISTORY_DAYS = 30
    client = Client()
    client.force_login(roles.member)
    old, new = ask(client), ask(client, "Vad gäller för tolk?")
    Question.objects.filter(pk=old.question_id).update(created_at=timezone.now() - timedelta(days=31))

    out = StringIO()
    call_command("purge_answer_history", stdout=out)

    assert list(Answer.objects.values_list("pk", flat=True)) == [new.pk]
    assert "1" in out.getvalue()


def test_a_person_can_delete_their_whole_history(client: Client, roles: RoleSet, statutes: Library) -> None:
    client.force_login(roles.member)
    ask(client)
    response = client.post("/kunskap/svar/radera/")
    assert response.status_code == 302
    assert not Question.objects.filter(user=roles.member).exists()


def test_anonymous_questions_are_answered_but_not_stored(client: Client, statutes: Library) -> None:
    response = client.post("/kunskap/", {"question": QUESTION})
    assert response.status_code == 200
    assert "Tryckfrihetsförordning" in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "{",
        "[]",
        json.dumps({}),
        json.dumps({"question": ""}),
        json.dumps({"question": "x" * 5000}),
        json.dumps({"question": 42}),
        json.dumps({"question": "Vad gäller?", "library_ids": "alla"}),
        json.dumps({"question": "Vad gäller?", "library_ids": []}),
    ],
)
def test_malformed_questions_get_a_4xx(client: Client, db: None, body: str) -> None:
    response = client.post("/api/v1/answers", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_history_api_needs_sign_in_and_valid_paging(client: Client, roles: RoleSet) -> None:
    assert client.get("/api/v1/answers").status_code == 401
    client.force_login(roles.member)
    assert client.get("/api/v1/answers?page=0").status_code == 422
    assert client.get("/api/v1/answers?page_size=abc").status_code == 422
    assert client.get("/api/v1/answers/999999").status_code == 404
    bad = client.post(
        "/api/v1/answers/999999/feedback", json.dumps({"helpful": "kanske"}), content_type="application/json"
    )
    assert 400 <= bad.status_code < 500


def test_empty_question_on_the_page_is_explained(client: Client, db: None) -> None:
    response = client.post("/kunskap/", {"question": ""})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
