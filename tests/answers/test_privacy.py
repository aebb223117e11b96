"""A private library's passages never reach another organisation's answers, for every role: service, page, API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.models import Library, Passage
from tests.factories import ROLE_NAMES, RoleSet

SECRET_QUESTION = "Vem ska godkänna kvastfeningen och inom hur lång tid?"
SECRET_WORD = "socialchefen"  # in the private passage, not in the question
MAY_SEE = {"member", "editor", "admin", "staff"}


def client_for(roles: RoleSet, role: str) -> Client:
    client = Client()
    person = roles.by_name(role)
    if person is not None:
        client.force_login(person)
    return client


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_private_library_passages_never_reach_other_organisations(
    roles: RoleSet, private_library: Library, statutes: Library, role: str
) -> None:
    person = roles.by_name(role)
    secret_ids = set(Passage.objects.filter(library=private_library).values_list("pk", flat=True))

    result = answer_question(person, SECRET_QUESTION, store=False)
    page = client_for(roles, role).post("/kunskap/", {"question": SECRET_QUESTION}, follow=True)
    api = client_for(roles, role).post(
        "/api/v1/answers", json.dumps({"question": SECRET_QUESTION}), content_type="application/json"
    )

    cited = {s.passage_id for s in result.sources}
    seen_in_page = SECRET_WORD in page.content.decode().casefold()
    seen_in_api = SECRET_WORD in api.content.decode().casefold()
    assert api.status_code == 200
    if role in MAY_SEE:
        assert cited & secret_ids, "members of the owner must be answered from their own library"
        assert seen_in_page and seen_in_api
        assert not result.abstained
    else:
        assert not cited & secret_ids
        assert not seen_in_page and not seen_in_api


def test_asking_in_a_library_you_cannot_see_is_a_404(roles: RoleSet, private_library: Library) -> None:
    response = client_for(roles, "other_admin").post(
        "/api/v1/answers",
        json.dumps({"question": SECRET_QUESTION, "library_ids": [private_library.pk]}),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_old_answers_lose_sources_the_person_can_no_longer_see(roles: RoleSet, private_library: Library) -> None:
    from kraft.organisations.models import Membership

    client = client_for(roles, "member")
    asked = client.post("/kunskap/", {"question": SECRET_QUESTION})
    assert asked.status_code == 302
    Membership.objects.filter(user=roles.member).delete()  # the person leaves Sundsvall

    page = client_for(roles, "member").get(asked["Location"])
    html = page.content.decode().casefold()
    assert page.status_code == 200
    assert SECRET_WORD not in html
    assert "inte längre tillgängliga" in html


def test_someone_elses_answer_is_not_found(roles: RoleSet, statutes: Any) -> None:
    asked = client_for(roles, "member").post("/kunskap/", {"question": "Hur snabbt ska ett ärende handläggas?"})
    url = asked["Location"]
    for role in ("other_admin", "admin", "staff"):
        assert client_for(roles, role).get(url).status_code == 404
    assert client_for(roles, "anonymous").get(url).status_code == 302  # to the login page
