"""What people mark on a page changes what the page suggests, for everyone, through the pages and the API."""

from __future__ import annotations

import pytest
from django.test import Client

from kraft.initiatives import services as initiatives
from kraft.matchmaking import corpus
from tests.factories import municipality
from tests.needs.helpers import need

pytestmark = pytest.mark.django_db

CHATBOT = (
    "Vår växel får tusentals samtal om bygglov och avfall. En chattbot svarar invånarna dygnet runt på vanliga frågor."
)
OTHER_CHATBOT = "En chattbot på webben svarar på frågor om avfall och sophämtning."


@pytest.fixture(autouse=True)
def _fresh_engine():
    corpus.reset()
    yield
    corpus.reset()


def _initiative(organisation, title, body):
    return initiatives.create_initiative(
        "test", {"title": title, "description": body}, lead_organisation=organisation, publish=True
    )


def _mark(person, need_id, kind, target_id, useful):
    """Marks through the buttons on the need's page; returns the page the person is sent back to."""
    client = Client()
    client.force_login(person)
    data = {
        "source_kind": "need",
        "source_id": need_id,
        "target_kind": kind,
        "target_id": target_id,
        "useful": "1" if useful else "0",
        "next": f"/behov/{need_id}/",
    }
    response = client.post("/matchning/omdome/", data, follow=True)
    assert response.redirect_chain[0][1] == 302
    return response.content.decode()


def _similar(need_id):
    return Client().get(f"/api/v1/needs/{need_id}/similar").json()


def test_a_suggestion_marked_not_useful_sinks_below_the_others_for_everyone(roles) -> None:
    mine = need(roles.editor, roles.organisation)
    best = _initiative(roles.other_organisation, "Chattbot i kommunens växel", CHATBOT)
    second = _initiative(municipality("Härnösands kommun"), "Chattbot om avfall", OTHER_CHATBOT)
    assert [row["id"] for row in _similar(mine.pk)["initiatives"]] == [best.pk, second.pk]

    back = _mark(roles.member, mine.pk, "initiative", best.pk, useful=False)

    assert "inte användbara visas efter de andra" in back
    assert [row["id"] for row in _similar(mine.pk)["initiatives"]] == [second.pk, best.pk]
    page = Client().get(f"/behov/{mine.pk}/").content.decode()
    assert page.index("Chattbot om avfall") < page.index("Chattbot i kommunens växel")


def test_a_suggestion_people_found_useful_comes_first_and_says_so(roles) -> None:
    mine = need(roles.editor, roles.organisation)
    best = _initiative(roles.other_organisation, "Chattbot i kommunens växel", CHATBOT)
    second = _initiative(municipality("Härnösands kommun"), "Chattbot om avfall", OTHER_CHATBOT)

    _mark(roles.member, mine.pk, "initiative", second.pk, useful=True)
    _mark(roles.admin, mine.pk, "initiative", second.pk, useful=True)

    rows = _similar(mine.pk)["initiatives"]
    assert [row["id"] for row in rows] == [second.pk, best.pk]
    assert "Markerat som användbart av 2 personer" in rows[0]["reasons"]
    _mark(roles.admin, mine.pk, "initiative", second.pk, useful=False)  # a change of mind counts once
    rows = _similar(mine.pk)["initiatives"]
    assert [row["id"] for row in rows] == [best.pk, second.pk]
    assert not any("Markerat som" in reason for row in rows for reason in row["reasons"])


def test_a_sunk_suggestion_gives_its_place_among_the_five_shown_to_the_next_match(roles) -> None:
    mine = need(roles.editor, roles.organisation)
    best = _initiative(roles.other_organisation, "Chattbot i kommunens växel", CHATBOT)
    others = [_initiative(roles.other_organisation, f"Chattbot {n}", OTHER_CHATBOT) for n in range(5)]
    shown = [row["id"] for row in _similar(mine.pk)["initiatives"]]
    assert shown[0] == best.pk and len(shown) == 5

    _mark(roles.member, mine.pk, "initiative", best.pk, useful=False)

    assert sorted(row["id"] for row in _similar(mine.pk)["initiatives"]) == sorted(o.pk for o in others)


def test_an_organisation_marked_not_useful_is_suggested_after_the_others(roles) -> None:
    mine = need(roles.editor, roles.organisation)
    harnosand = municipality("Härnösands kommun")
    _initiative(roles.other_organisation, "Chattbot i kommunens växel", CHATBOT)
    _initiative(harnosand, "Chattbot om avfall", OTHER_CHATBOT)
    assert [row["name"] for row in _similar(mine.pk)["organisations"]][0] == "Timrå kommun"

    _mark(roles.editor, mine.pk, "organisation", roles.other_organisation.pk, useful=False)

    assert [row["name"] for row in _similar(mine.pk)["organisations"]] == ["Härnösands kommun", "Timrå kommun"]
