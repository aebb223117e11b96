"""Suggestions with reasons on needs and initiatives, live while writing, through pages and API; nothing private."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kraft.initiatives import services as initiatives
from kraft.matchmaking import corpus, text
from kraft.matchmaking.engine import Item, SimilarityEngine
from kraft.matchmaking.models import SuggestionFeedback
from kraft.needs import services as needs
from tests.needs.helpers import need

pytestmark = pytest.mark.django_db

SCHOOL = "Elever i grundskolan behöver stöd med läsförståelse; vi vill pröva AI som anpassar texter efter elevens nivå."
CHATBOT = (
    "Vår växel får tusentals samtal om bygglov och avfall. "
    "En chattbot ska svara invånarna dygnet runt på vanliga frågor."
)


@pytest.fixture(autouse=True)
def _fresh_engine():
    corpus.reset()
    yield
    corpus.reset()


def _initiative(organisation, title, body, **extra):
    return initiatives.create_initiative(
        "test", {"title": title, "description": body, **extra}, lead_organisation=organisation, publish=True
    )


def test_a_need_page_suggests_the_initiative_that_solves_it_with_reasons(roles) -> None:
    mine = need(roles.editor, roles.organisation, welfare_area="medborgarservice")
    solution = _initiative(
        roles.other_organisation,
        "Chattbot i kommunens växel",
        CHATBOT,
        welfare_area="medborgarservice",
        supplier="Botbolaget",
    )
    _initiative(roles.other_organisation, "Läsförståelse med AI", SCHOOL)
    body = Client().get(f"/api/v1/needs/{mine.pk}/similar").json()
    assert body["initiatives"][0]["id"] == solution.pk
    reasons = " ".join(body["initiatives"][0]["reasons"])
    assert "Samma verksamhetsområde: Medborgarservice" in reasons
    assert "Samma ord:" in reasons and "bygglov" in reasons
    assert "Samma län: Västernorrlands län" in reasons
    assert [o["name"] for o in body["organisations"]] == ["Timrå kommun"]
    page = Client().get(f"/behov/{mine.pk}/").content.decode()
    assert "Chattbot i kommunens växel" in page and "Samma verksamhetsområde" in page


def test_evaluated_initiatives_come_first_among_matches(roles) -> None:
    mine = need(roles.editor, roles.organisation)
    plain = _initiative(roles.other_organisation, "Chattbot för växeln", CHATBOT)
    evaluated = _initiative(roles.other_organisation, "Chattbot för växeln i drift", CHATBOT)
    initiatives.add_effect(
        "test",
        evaluated,
        {
            "dimension": "tidsbesparing",
            "unit": "sek",
            "amount": 1000,
            "basis": "measured",
            "baseline": "före",
            "measured_on": "2026-01-01",
            "method": "mätning",
        },
    )
    body = Client().get(f"/api/v1/needs/{mine.pk}/similar").json()
    ids = [row["id"] for row in body["initiatives"]]
    assert ids.index(evaluated.pk) < ids.index(plain.pk)
    assert "Utvärderat med uppmätta effekter" in body["initiatives"][0]["reasons"]


def test_same_supplier_and_complementary_resources_are_reasons(roles) -> None:
    mine = _initiative(roles.organisation, "Chattbot från Botbolaget", CHATBOT, supplier="Botbolaget")
    theirs = _initiative(roles.other_organisation, "Växelns chattbot", CHATBOT, supplier="Botbolaget")
    other_need = need(roles.other_admin, roles.other_organisation, title="Chattbot för bygglovsfrågor")
    from kraft.organisations.models import Organisation

    helper = Organisation.objects.get(name="Härnösands kommun")
    needs.add_signal("test", other_need, organisation=helper, kind="contribute", contributions=["data", "funding"])
    body = Client().get(f"/api/v1/initiatives/{mine.pk}/similar").json()
    found = {row["id"]: row for row in body["initiatives"]}
    assert "Samma leverantör eller system: Botbolaget" in found[theirs.pk]["reasons"]
    offers = {o["name"]: o["reasons"] for o in body["organisations"]}
    assert any("Kan bidra med data, finansiering" in r for r in offers["Härnösands kommun"])
    assert "Liknande behov" in Client().get(f"/initiativ/{mine.pk}/").content.decode()


def test_a_suggestion_with_the_same_description_word_for_word_says_so(roles) -> None:
    mine = _initiative(roles.organisation, "Chattbot i växeln", CHATBOT)
    copy = _initiative(roles.other_organisation, "Växelns chattbot", "  " + CHATBOT.upper())
    reworded = _initiative(
        roles.other_organisation, "Chattbot för invånarna", CHATBOT.replace("tusentals", "hundratals")
    )
    body = Client().get(f"/api/v1/initiatives/{mine.pk}/similar").json()
    found = {row["id"]: row["reasons"] for row in body["initiatives"]}
    assert "Samma beskrivning, ord för ord" in found[copy.pk]
    assert "Samma beskrivning, ord för ord" not in found[reworded.pk]
    assert "Samma beskrivning, ord för ord" in Client().get(f"/initiativ/{mine.pk}/").content.decode()


def test_a_short_description_shared_by_chance_is_not_called_the_same(roles) -> None:
    short = "Chattbot som svarar invånarna om bygglov."
    mine = _initiative(roles.organisation, "Chattbot i växeln", short)
    theirs = _initiative(roles.other_organisation, "Växelns chattbot", short)
    body = Client().get(f"/api/v1/initiatives/{mine.pk}/similar").json()
    found = {row["id"]: row["reasons"] for row in body["initiatives"]}
    assert theirs.pk in found and "Samma beskrivning, ord för ord" not in found[theirs.pk]


def test_drafts_and_members_only_needs_are_never_suggested_to_anyone(roles) -> None:
    mine = need(roles.other_admin, roles.other_organisation)
    draft = need(roles.editor, roles.organisation, title="Hemligt utkast om växeln", publish=False)
    hidden = need(roles.editor, roles.organisation, title="Inloggat behov om växeln", visibility="members")
    secret = initiatives.create_initiative(
        "test", {"title": "Hemligt initiativ om växeln", "description": CHATBOT}, lead_organisation=roles.organisation
    )
    for person in (None, roles.member, roles.staff):
        client = Client()
        if person is not None:
            client.force_login(person)
        raw = json.dumps(client.get(f"/api/v1/needs/{mine.pk}/similar").json(), ensure_ascii=False)
        assert "Hemligt" not in raw and "Inloggat behov" not in raw
        page = client.get(f"/behov/{mine.pk}/").content.decode()
        assert "Hemligt utkast" not in page and "Hemligt initiativ" not in page
        live = client.get("/matchning/forslag/", {"title": "Växeln", "problem": CHATBOT}).content.decode()
        assert "Hemligt" not in live and "Inloggat behov" not in live
    assert draft.pk and hidden.pk and secret.pk


def test_live_suggestions_follow_the_text_being_written_and_never_block(roles) -> None:
    _initiative(roles.other_organisation, "Läsförståelse med AI", SCHOOL)
    client = Client()
    client.force_login(roles.editor)
    short = client.get("/matchning/forslag/", {"title": "Hej"})
    assert short.status_code == 200 and "Skriv några meningar" in short.content.decode()
    found = client.get(
        "/matchning/forslag/", {"title": "Läsning", "problem": "Eleverna har svårt med läsförståelse i grundskolan."}
    )
    assert "Läsförståelse med AI" in found.content.decode()
    form = client.get("/behov/nytt/").content.decode()
    assert 'hx-get="/matchning/forslag/"' in form


def test_people_mark_suggestions_useful_and_the_verdict_is_stored_once(roles) -> None:
    mine = need(roles.editor, roles.organisation)
    solution = _initiative(roles.other_organisation, "Chattbot i växeln", CHATBOT)
    client = Client()
    client.force_login(roles.member)
    data = {
        "source_kind": "need",
        "source_id": mine.pk,
        "target_kind": "initiative",
        "target_id": solution.pk,
        "useful": "1",
        "next": f"/behov/{mine.pk}/",
    }
    assert client.post("/matchning/omdome/", data).status_code == 302
    data["useful"] = "0"
    client.post("/matchning/omdome/", data)
    stored = SuggestionFeedback.objects.get()
    assert stored.useful is False and stored.user == roles.member
    assert 'aria-pressed="true"' in client.get(f"/behov/{mine.pk}/").content.decode()
    draft = need(roles.editor, roles.organisation, title="Utkast", publish=False)
    outsider = Client()
    outsider.force_login(roles.outsider)
    outsider.post("/matchning/omdome/", {**data, "source_id": draft.pk})
    assert SuggestionFeedback.objects.count() == 1
    from kraft.matchmaking.bench import feedback_summary  # what `kraft bench similar` prints beside its figures

    assert feedback_summary() == {
        "by_kind": {"initiative": {"useful": 0, "not_useful": 1}},
        "marked": 1,
        "share_useful": 0.0,
    }


def test_dutch_and_english_records_are_analysed_in_their_own_language() -> None:
    assert text.language_of_country("NL") == "nl" and text.language_of_country("GB") == "en"
    assert text.guess_language("Het algoritme helpt bij het bepalen van de identiteit van personen") == "nl"
    assert text.guess_language("The system helps the council to answer questions from residents") == "en"
    assert text.terms("gezichtsvergelijkingen", "nl") == text.terms("gezichtsvergelijking", "nl")
    assert text.terms("councils answering", "en") == ["council", "answer"]
    engine = SimilarityEngine(
        [
            Item("a", "Gezichtsvergelijking bij de balie van de BRP voorkomt identiteitsfraude.", "nl"),
            Item("b", "Een chatbot beantwoordt vragen van inwoners over afval.", "nl"),
            Item("c", "Äldreomsorgen planerar hemtjänstens turer med AI.", "sv"),
        ]
    )
    ranked = [m.key for m in engine.rank("De gezichtsvergelijkingen aan de balie bij identiteitsfraude", limit=3)]
    assert ranked[0] == "a"
    assert [m.key for m in engine.rank("Hemtjänsten i äldreomsorgen", "sv", limit=1)] == ["c"]
