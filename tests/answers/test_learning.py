"""A paragraph learns the askers' own words from answers they found helpful, and forgets them with the feedback."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kraft.audit.models import AuditEvent
from kraft.knowledge import services
from kraft.knowledge.answers import learning
from kraft.knowledge.models import Library, Passage
from kraft.knowledge.models_answers import Answer, AnswerFeedback, LearnedWord
from tests.answers.test_audience import statute
from tests.conftest import login_in_browser, run_axe
from tests.factories import RoleSet

pytestmark = pytest.mark.django_db

CARE = statute(
    "2099:7",
    "Lag om omsorg",
    [
        "Den som arbetar i omsorgen ska genast rapportera missförhållanden till nämnden.",
        "Nämnden ska föra ett register över dem som bor i särskilt boende.",
    ],
)
SCHOOLS = statute(
    "2099:8",
    "Lag om skolor",
    [
        "Kommunen ska ordna skolskjuts för elever som bor långt från skolan.",
        "Rektorn beslutar om ledighet för elever.",
    ],
)
# Asked by those who teach: *rapportera* finds 1 §, *kollega* and *hårdhänt* are the askers' own words.
TEACHING = "Måste jag genast rapportera missförhållanden i omsorgen till nämnden när en kollega var hårdhänt?"
# Asked later, in the askers' words only: no statute says *kollega* or *hårdhänt*.
LATER = "En kollega var hårdhänt. Vad gäller då?"


@pytest.fixture
def national(roles: RoleSet) -> Library:
    library = services.create_library(roles.staff, name="Svensk lag", organisation=None)
    for data in (CARE, SCHOOLS):
        services.import_statute(library, data, roles.staff, sync=True)
    return library


def ask(client: Client, question: str) -> dict[str, Any]:
    response = client.post("/api/v1/answers", json.dumps({"question": question}), content_type="application/json")
    assert response.status_code == 200, response.content.decode()[:500]
    return dict(response.json())


def cited(answer: dict[str, Any]) -> set[str]:
    numbers = {n for claim in answer["claims"] for n in claim["citations"]}
    ids = [s["passage_id"] for s in answer["sources"] if s["number"] in numbers]
    return {
        f"{p.document.sfs_number} {p.section} §" for p in Passage.objects.filter(pk__in=ids).select_related("document")
    }


def teach(client: Client, person: Any, *, helpful: bool = True) -> dict[str, Any]:
    client.force_login(person)
    answer = ask(client, TEACHING)
    assert "2099:7 1 §" in cited(answer), answer
    response = client.post(
        f"/api/v1/answers/{answer['id']}/feedback",
        json.dumps({"helpful": helpful}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content.decode()
    return answer


def test_a_paragraph_learns_the_words_of_helpful_answers_once_three_people_used_them(
    client: Client, roles: RoleSet, national: Library
) -> None:
    assert "2099:7 1 §" not in cited(ask(client, LATER))

    teach(client, roles.member)
    teach(client, roles.editor)
    client.logout()
    assert "2099:7 1 §" not in cited(ask(client, LATER)), "two people's words are not enough"

    teach(client, roles.admin)
    client.logout()
    later = ask(client, LATER)
    assert "2099:7 1 §" in cited(later) and not later["abstained"]

    paragraph = Passage.objects.get(document__sfs_number="2099:7", section="1")
    assert set(LearnedWord.objects.filter(passage=paragraph).values_list("word", flat=True)) == {"kollega", "hårdhänt"}
    event = AuditEvent.objects.filter(action="knowledge.answer.feedback").latest("pk")
    assert event.after["words_taught"] == 2


def test_the_answer_page_says_what_feedback_teaches(client: Client, roles: RoleSet, national: Library) -> None:
    answer = teach(client, roles.member)

    page = client.get(f"/kunskap/svar/{answer['id']}/").content.decode()
    assert "lär sig paragraferna det citerar de ord i din fråga som de saknar" in page
    assert "när 3 olika personer har lärt paragrafen det" in page


def test_names_numbers_and_the_paragraphs_own_words_are_never_learnt(national: Library) -> None:
    paragraph = Passage.objects.select_related("document").get(document__sfs_number="2099:7", section="1")
    question = "Kollegan på Solgården var hårdhänt mot Astrid 2025 – måste jag rapportera 3x i omsorgen till IVO?"

    assert learning.new_words(question, paragraph) == ["kollegan", "hårdhänt"]


def test_the_words_are_forgotten_when_the_answer_no_longer_helped_or_the_history_is_deleted(
    client: Client, roles: RoleSet, national: Library
) -> None:
    teach(client, roles.member)
    teach(client, roles.editor)
    admins = teach(client, roles.admin)
    client.logout()
    assert "2099:7 1 §" in cited(ask(client, LATER))

    client.force_login(roles.admin)  # changes their mind
    client.post(
        f"/api/v1/answers/{admins['id']}/feedback", json.dumps({"helpful": False}), content_type="application/json"
    )
    client.logout()
    assert "2099:7 1 §" not in cited(ask(client, LATER))

    teach(client, roles.admin)
    client.force_login(roles.editor)
    assert client.post("/kunskap/svar/radera/").status_code == 302  # deletes their whole history
    assert not Answer.objects.filter(question__user=roles.editor).exists()
    client.logout()
    assert "2099:7 1 §" not in cited(ask(client, LATER))


def test_learning_is_off_when_no_askers_are_asked_for(
    client: Client, roles: RoleSet, national: Library, settings: Any
) -> None:
    settings.ANSWER_LEARNING_ASKERS = 0
    for person in (roles.member, roles.editor, roles.admin):
        teach(client, person)
    client.logout()

    assert not LearnedWord.objects.exists()
    assert "2099:7 1 §" not in cited(ask(client, LATER))
    client.force_login(roles.member)
    answer = Answer.objects.filter(question__user=roles.member).get()
    assert "lär sig paragraferna" not in client.get(f"/kunskap/svar/{answer.pk}/").content.decode()


def teach_three(client: Client, roles: RoleSet) -> None:
    for person in (roles.member, roles.editor, roles.admin):
        teach(client, person)
    client.logout()


def test_those_who_edit_the_library_see_the_words_in_use_and_can_take_one_away_for_good(
    client: Client, roles: RoleSet, national: Library
) -> None:
    teach_three(client, roles)
    paragraph = Passage.objects.get(document__sfs_number="2099:7", section="1")
    url = f"/kunskap/bibliotek/{national.pk}/inlarda-ord/"
    client.force_login(roles.staff)

    page = client.get(url).content.decode()
    assert "hårdhänt" in page and "kollega" in page and paragraph.citation in page

    response = client.post(url, {"passage": paragraph.pk, "word": "hårdhänt"}, follow=True)
    assert "Ordet ”hårdhänt” är borttaget" in response.content.decode()
    assert "hårdhänt" not in client.get(url).content.decode().split("<table")[-1]
    event = AuditEvent.objects.get(action="knowledge.learned_word.rejected")
    assert event.after == {"word": "hårdhänt", "askers": 3} and event.actor_id == roles.staff.pk

    client.logout()  # *kollega* still finds the paragraph, *hårdhänt* no longer does
    assert "2099:7 1 §" in cited(ask(client, "Vad gäller för en kollega?"))
    assert "2099:7 1 §" not in cited(ask(client, "Vad gäller om någon var hårdhänt?"))

    teach(client, roles.outsider)  # taught again: not learnt again
    assert not LearnedWord.objects.filter(passage=paragraph, word="hårdhänt").exists()


def test_a_new_version_of_the_statute_keeps_what_its_paragraphs_learnt_and_were_refused(
    client: Client, roles: RoleSet, national: Library
) -> None:
    teach_three(client, roles)
    old = Passage.objects.get(document__sfs_number="2099:7", section="1")
    client.force_login(roles.staff)
    client.post(f"/kunskap/bibliotek/{national.pk}/inlarda-ord/", {"passage": old.pk, "word": "kollega"})
    amended = statute(
        "2099:7",
        "Lag om omsorg",
        [
            "Den som arbetar i omsorgen ska genast rapportera missförhållanden och risker för missförhållanden.",
            "Nämnden ska föra ett register över dem som bor i särskilt boende.",
            "Nämnden ska utreda rapporten utan dröjsmål.",
        ],
    )
    document = services.import_statute(national, amended, roles.staff, sync=True)
    client.logout()

    new = Passage.objects.get(document=document, section="1")
    assert new.pk != old.pk
    assert set(LearnedWord.objects.filter(passage=new).values_list("word", flat=True)) == {"hårdhänt"}
    assert "2099:7 1 §" in cited(ask(client, "Vad gäller om någon var hårdhänt?"))
    teach(client, roles.outsider)  # the refused word stays refused in the new version
    assert not LearnedWord.objects.filter(passage=new, word="kollega").exists()
    event = AuditEvent.objects.get(action="knowledge.document.superseded")
    assert event.after["learned_words_moved"] == 3


def test_words_fewer_people_taught_are_shown_to_no_one(client: Client, roles: RoleSet, national: Library) -> None:
    teach(client, roles.member)
    teach(client, roles.editor)
    client.force_login(roles.staff)

    page = client.get(f"/kunskap/bibliotek/{national.pk}/inlarda-ord/").content.decode()
    assert "hårdhänt" not in page and "Inga paragrafer i biblioteket har lärt sig några ord ännu." in page


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "editor", "admin", "other_admin"])
def test_only_those_who_edit_the_library_reach_its_learned_words(
    client: Client, roles: RoleSet, national: Library, role: str
) -> None:
    teach_three(client, roles)
    paragraph = Passage.objects.get(document__sfs_number="2099:7", section="1")
    url = f"/kunskap/bibliotek/{national.pk}/inlarda-ord/"
    person = roles.by_name(role)
    if person:
        client.force_login(person)

    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"passage": paragraph.pk, "word": "kollega"}).status_code in (302, 403)
    assert LearnedWord.objects.filter(passage=paragraph, word="kollega").count() == 3


def test_a_bad_request_to_take_a_word_away_is_refused(
    client: Client, roles: RoleSet, national: Library, private_library: Library
) -> None:
    url = f"/kunskap/bibliotek/{national.pk}/inlarda-ord/"
    client.force_login(roles.staff)
    other = Passage.objects.filter(library=private_library).first()
    assert other is not None

    assert client.post(url, {"passage": "x", "word": "kollega"}).status_code == 400
    assert client.post(url, {"passage": other.pk, "word": "kollega"}).status_code == 404
    assert client.post(url, {"passage": 1, "word": ""}).status_code == 400


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_learned_words_page_has_no_axe_violations(
    page: Any, client: Client, roles: RoleSet, national: Library, language: str
) -> None:
    teach_three(client, roles)
    login_in_browser(page, "personal")
    page.goto(f"/kunskap/bibliotek/{national.pk}/inlarda-ord/?lang={language}")
    page.wait_for_selector("text=hårdhänt")
    assert run_axe(page) == []


def test_words_learnt_by_a_private_paragraph_find_it_only_for_its_organisation(
    client: Client, roles: RoleSet, private_library: Library
) -> None:
    routine = Passage.objects.get(library=private_library)
    for person in (roles.member, roles.editor, roles.admin):
        client.force_login(person)
        answer = ask(client, "Vem ska godkänna kvastfeningen när det är bråttom?")
        assert str(routine.pk) in {str(s["passage_id"]) for s in answer["sources"]}, answer
        client.post(
            f"/api/v1/answers/{answer['id']}/feedback", json.dumps({"helpful": True}), content_type="application/json"
        )
    assert set(LearnedWord.objects.filter(passage=routine).values_list("word", flat=True)) == {"bråttom"}

    def found(person: Any) -> bool:
        client.logout()
        if person:
            client.force_login(person)
        hits = client.get("/api/v1/search/", {"q": "bråttom", "collection": "passages"}).json()["results"]
        return any(hit["key"] == str(routine.pk) for hit in hits)

    assert found(roles.member)
    assert not any(found(person) for person in (None, roles.outsider, roles.other_admin))


def test_a_paragraph_the_asker_can_no_longer_see_learns_nothing_from_their_feedback(
    client: Client, roles: RoleSet, private_library: Library
) -> None:
    routine = Passage.objects.get(library=private_library)
    client.force_login(roles.member)
    answer = ask(client, "Vem ska godkänna kvastfeningen när det är bråttom?")
    assert str(routine.pk) in {str(s["passage_id"]) for s in answer["sources"]}
    services.update_library(roles.editor, private_library, visibility=Library.Visibility.ORGANISATION)
    roles.organisation.memberships.filter(user=roles.member).delete()  # the asker leaves the organisation

    url = f"/api/v1/answers/{answer['id']}/feedback"
    assert client.post(url, json.dumps({"helpful": True}), content_type="application/json").status_code == 200
    assert not LearnedWord.objects.exists()


def test_the_source_the_asker_names_learns_the_words_instead_of_the_cited_ones(
    client: Client, roles: RoleSet, national: Library
) -> None:
    client.force_login(roles.member)
    answer = ask(client, TEACHING)
    cited_ids = {
        s["passage_id"]
        for s in answer["sources"]
        if s["number"] in {n for c in answer["claims"] for n in c["citations"]}
    }
    other = next(s for s in answer["sources"] if s["passage_id"] not in cited_ids)
    url = f"/api/v1/answers/{answer['id']}/feedback"

    response = client.post(
        url, json.dumps({"helpful": False, "source": other["number"]}), content_type="application/json"
    )

    assert response.status_code == 200 and response.json()["source"] == other["number"]
    learnt = set(LearnedWord.objects.values_list("passage_id", flat=True))
    assert learnt == {other["passage_id"]}


def test_a_source_the_answer_does_not_have_is_refused_with_the_reason(
    client: Client, roles: RoleSet, national: Library
) -> None:
    client.force_login(roles.member)
    answer = ask(client, TEACHING)
    url = f"/api/v1/answers/{answer['id']}/feedback"

    response = client.post(url, json.dumps({"helpful": True, "source": 99}), content_type="application/json")

    assert response.status_code == 400
    assert "Svaret har ingen källa med nummer 99." in json.dumps(response.json(), ensure_ascii=False)
    assert not AnswerFeedback.objects.exists() and not LearnedWord.objects.exists()


def test_the_answer_page_offers_its_sources_and_keeps_the_one_named(
    client: Client, roles: RoleSet, national: Library
) -> None:
    client.force_login(roles.member)
    answer = ask(client, TEACHING)
    second = answer["sources"][1]
    page = client.get(f"/kunskap/svar/{answer['id']}/").content.decode()
    assert "Vilken källa svarade på frågan?" in page and f"[{second['number']}] {second['label']}" in page

    response = client.post(
        f"/kunskap/svar/{answer['id']}/aterkoppling/", {"helpful": "1", "comment": "", "source": second["number"]}
    )
    assert response.status_code == 302
    assert AnswerFeedback.objects.get().source_number == second["number"]
    page = client.get(f"/kunskap/svar/{answer['id']}/").content.decode()
    assert f'<option value="{second["number"]}" selected>' in page

    refused = client.post(f"/kunskap/svar/{answer['id']}/aterkoppling/", {"helpful": "1", "source": "99"})
    assert refused.status_code == 400 and AnswerFeedback.objects.get().source_number == second["number"]
