"""A Swedish personal identity number in a question is detected, the asker warned, and the number never stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kraft.audit.models import AuditEvent
from kraft.knowledge.answers.personnummer import find_personal_numbers, redact_personal_numbers
from kraft.knowledge.models_answers import Question
from tests.factories import RoleSet


@pytest.mark.parametrize(
    "text",
    ["19811218-9876", "811218-9876", "8112189876", "198112189876", "811218 9876", "811218+9876", "19811218 9876"],
)
def test_personal_numbers_are_found_in_every_common_form(text: str) -> None:
    assert find_personal_numbers(f"Gäller det {text}?") == [text]


@pytest.mark.parametrize(
    "text", ["811218-9875", "1234567890", "070-1234567", "2017:900", "SFS 2018:1200", "19811318-9876"]
)
def test_numbers_that_are_not_valid_personal_numbers_are_left_alone(text: str) -> None:
    assert redact_personal_numbers(f"Se {text}") == (f"Se {text}", False)


def test_question_with_personal_number_warns_and_is_stored_without_it(client: Client, roles: RoleSet) -> None:
    client.force_login(roles.member)
    response = client.post(
        "/kunskap/", {"question": "Får socialtjänsten lämna ut uppgifter om 811218-9876?"}, follow=True
    )

    html = response.content.decode()
    assert "Frågan innehöll ett personnummer" in html
    assert "811218-9876" not in html
    stored = Question.objects.get(user=roles.member)
    assert "9876" not in stored.text and stored.had_personal_number
    assert not any("9876" in json.dumps([e.before, e.after, e.target_label]) for e in AuditEvent.objects.all())


def test_api_warns_about_personal_numbers_too(client: Client, roles: RoleSet) -> None:
    client.force_login(roles.member)
    response = client.post(
        "/api/v1/answers", json.dumps({"question": "Vad gäller för 198112189876?"}), content_type="application/json"
    )
    data: dict[str, Any] = response.json()
    assert response.status_code == 200
    assert "personal_number" in [n["code"] for n in data["notices"]]
    assert "198112189876" not in json.dumps(data)
