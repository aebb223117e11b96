"""A question about a named place is answered only by sources that speak of it: a paragraph on camera surveillance in
general does not say what Göteborg charges, even when the library mentions Göteborg elsewhere."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from kraft.knowledge.models import Library
from tests.answers.conftest import add_text
from tests.factories import RoleSet

GUIDANCE = (
    "Parkering vid stadshuset i Göteborg\n\n"
    "I Göteborg får besökare parkera vid stadshuset i högst två timmar på vardagar. "
    "Parkeringen vid stadshuset är avgiftsfri för besökare med rörelsehinder."
)


def _ask(client: Client, question: str) -> Any:
    response = client.post("/api/v1/answers", json.dumps({"question": question}), content_type="application/json")
    assert response.status_code == 200
    return response.json()


def test_a_place_the_best_sources_do_not_mention_is_named_in_the_refusal(
    client: Client, roles: RoleSet, statutes: Library, django_capture_on_commit_callbacks: Any
) -> None:
    add_text(roles.staff, statutes, "goteborg-parkering.txt", GUIDANCE, django_capture_on_commit_callbacks)

    body = _ask(client, "Hur mycket kostar tillstånd till kamerabevakning i Göteborg?")

    assert body["abstained"] is True
    assert any(n["code"] == "unknown_name" and "Göteborg" in n["message"] for n in body["notices"]), body["notices"]


def test_a_place_the_best_source_speaks_of_is_answered(
    client: Client, roles: RoleSet, statutes: Library, django_capture_on_commit_callbacks: Any
) -> None:
    add_text(roles.staff, statutes, "goteborg-parkering.txt", GUIDANCE, django_capture_on_commit_callbacks)

    body = _ask(client, "Hur länge får besökare parkera vid stadshuset i Göteborg?")

    assert body["abstained"] is False
    assert "två timmar" in " ".join(claim["text"] for claim in body["claims"])
