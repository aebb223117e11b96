"""The triage journey on an initiative's pages: one question at a time, back and forward, vet inte, saving."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from kraft.audit.models import AuditEvent
from kraft.initiatives import services as initiative_services
from kraft.initiatives.models import Initiative
from kraft.triage import services
from kraft.triage.models import Obligation, Triage
from tests.triage import paths


def chatbot(roles: Any, **extra: Any) -> Initiative:
    return initiative_services.create_initiative(
        "test",
        {"title": "Chattbot i växeln", "summary": "Svarar på invånarnas frågor", **extra},
        lead_organisation=roles.organisation,
        publish=True,
    )


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def answer(client: Client, initiative: Initiative, question: str, choice: str, rationale: str = "") -> Any:
    return client.post(
        f"/ai-forordningen/initiativ/{initiative.pk}/fragor/",
        {"question": question, "answer": choice, "rationale": rationale},
    )


def walk_through(client: Client, initiative: Initiative, answers: dict[str, str]) -> None:
    for question, choice in answers.items():
        response = answer(client, initiative, question, choice)
        assert response.status_code == 302, (question, text(response)[:500])


def test_the_journey_asks_one_question_at_a_time_and_saves_the_result_on_the_initiative(
    client: Client, roles: Any
) -> None:
    initiative = chatbot(roles)
    client.force_login(roles.editor)
    first = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/")
    assert first.status_code == 200
    assert "Är lösningen ett AI-system?" in text(first)
    assert "AI-förordningen artikel 3.1" in text(first)
    assert "https://eur-lex.europa.eu/legal-content/SV/TXT/?uri=CELEX:32024R1689#art_3" in first.content.decode()
    response = answer(client, initiative, "ai_system", "ja", "Tolkar frågor med en språkmodell")
    assert response.status_code == 302 and response["Location"].endswith("/fragor/")
    assert "Hur förhåller sig er organisation till systemet?" in text(client.get(response["Location"]))
    walk_through(client, initiative, {k: v for k, v in paths.SWITCHBOARD_CHATBOT.items() if k != "ai_system"})
    summary = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/")
    assert "Transparenskrav (begränsad risk)" in text(summary)
    assert "AI-förordningen artikel 50.1" in text(summary)
    saved = client.post(f"/ai-forordningen/initiativ/{initiative.pk}/spara/", {"base_version": "0"})
    assert saved.status_code == 302
    initiative.refresh_from_db()
    assert initiative.risk_class == "begransad" and initiative.risk_class_confirmed
    assert initiative.ai_act_triage["roles"] == ["tillhandahallare"]
    triage = Triage.objects.get(initiative=initiative)
    assert triage.answers[0] == {
        "question": "ai_system",
        "answer": "ja",
        "rationale": "Tolkar frågor med en språkmodell",
    }
    assert Obligation.objects.filter(initiative=initiative, key="art50_1_tillhandahallare").exists()
    assert AuditEvent.objects.filter(action="triage_saved", target_id=str(initiative.pk)).exists()
    page = text(client.get(f"/initiativ/{initiative.pk}/"))
    assert "Transparenskrav (begränsad risk)" in page and "2026.1" in page


def test_going_back_and_changing_an_answer_drops_the_answers_no_longer_on_the_path(client: Client, roles: Any) -> None:
    initiative = chatbot(roles)
    client.force_login(roles.editor)
    walk_through(client, initiative, paths.SWITCHBOARD_CHATBOT)
    back = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/?fraga=ai_system")
    assert back.status_code == 200 and 'value="ja" checked' in back.content.decode()
    response = answer(client, initiative, "ai_system", "nej")
    follow = client.get(response["Location"], follow=True)
    assert "gäller inte längre" in text(follow)
    summary = text(client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/"))
    assert "Inte ett AI-system" in summary
    assert "Hur förhåller sig er organisation" not in summary
    client.post(f"/ai-forordningen/initiativ/{initiative.pk}/spara/", {"base_version": "0"})
    triage = Triage.objects.get(initiative=initiative)
    assert "roll" not in triage.answer_map() and triage.answer_map()["beslut"] == "nej"


def test_changing_an_early_answer_keeps_later_answers_that_still_apply(client: Client, roles: Any) -> None:
    initiative = chatbot(roles)
    client.force_login(roles.editor)
    walk_through(client, initiative, paths.SWITCHBOARD_CHATBOT)
    response = answer(client, initiative, "roll", "utvecklar_och_anvander")
    assert "fragor" in response["Location"] and "fraga=" not in response["Location"]  # the new question: gpai
    response = answer(client, initiative, "gpai", "nej")
    assert response["Location"].endswith("?fraga=anvandning")  # forward through kept answers, one at a time
    forward = client.get(response["Location"])
    assert 'value="i_drift" checked' in forward.content.decode()


def test_vet_inte_leads_to_oklart_with_what_to_find_out_and_a_question_for_the_knowledge_support(
    client: Client, roles: Any
) -> None:
    initiative = chatbot(roles)
    client.force_login(roles.editor)
    walk_through(client, initiative, {"ai_system": "ja", "roll": "kopt", "anvandning": "vet_inte"})
    summary = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/")
    page = text(summary)
    assert "Oklart" in page and "Det betyder inte att systemet uppfyller kraven" in page
    assert "i dag används i verkliga ärenden" in page  # what to find out
    assert 'action="/kunskap/"' in summary.content.decode()
    assert "Vi vet inte: Används systemet redan?" in summary.content.decode()
    client.post(f"/ai-forordningen/initiativ/{initiative.pk}/spara/", {"base_version": "0"})
    initiative.refresh_from_db()
    assert initiative.risk_class == "oklart" and initiative.ai_act_triage["open_question"] == "anvandning"
    assert Obligation.objects.get(initiative=initiative, key="ta_reda_pa").article == "AI-förordningen artikel 2.8"


def test_a_jump_to_a_question_off_the_path_or_a_foreign_answer_is_refused_and_changes_nothing(
    client: Client, roles: Any
) -> None:
    initiative = chatbot(roles)
    client.force_login(roles.editor)
    jump = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/?fraga=profilering")
    assert jump.status_code == 400 and "ligger inte på vägen" in text(jump)
    foreign = answer(client, initiative, "ai_system", "formaner", "min motivering")
    assert foreign.status_code == 400 and "Välj ett av svaren" in text(foreign)
    assert "min motivering" in foreign.content.decode()  # what was typed is kept
    off_path = answer(client, initiative, "profilering", "ja")
    assert off_path.status_code == 400 and "ligger inte på vägen" in text(off_path)
    assert client.session[f"triage:{initiative.pk}"]["answers"] == {}


def test_only_editors_of_the_lead_organisation_run_the_triage(client: Client, roles: Any) -> None:
    initiative = chatbot(roles)
    for person, status in ((roles.member, 403), (roles.other_admin, 403), (roles.outsider, 403)):
        client.force_login(person)
        assert client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/").status_code == status
        assert client.post(f"/ai-forordningen/initiativ/{initiative.pk}/spara/").status_code == status
    client.logout()
    assert client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/").status_code == 302
    assert client.get(f"/ai-forordningen/initiativ/{initiative.pk}/").status_code == 200  # the result is public
    assert not Triage.objects.exists()


def test_a_stale_triage_is_not_saved_over_a_newer_one(client: Client, roles: Any) -> None:
    initiative = chatbot(roles)
    client.force_login(roles.editor)
    walk_through(client, initiative, paths.SWITCHBOARD_CHATBOT)  # the editor's draft starts from "no triage"
    services.save_triage(roles.admin, initiative, paths.as_list(paths.ENERGY_FORECAST), 0)
    response = client.post(f"/ai-forordningen/initiativ/{initiative.pk}/spara/", {"base_version": "0"})
    assert response.status_code == 409 and "sparade en nyare triage" in text(response)
    initiative.refresh_from_db()
    assert initiative.risk_class == "minimal"  # the admin's triage stands
    again = client.post(f"/ai-forordningen/initiativ/{initiative.pk}/spara/", {"base_version": "1"})
    assert again.status_code == 302
    initiative.refresh_from_db()
    assert initiative.risk_class == "begransad"


def test_imported_guesses_are_shown_as_unconfirmed_until_someone_triages(client: Client, roles: Any) -> None:
    initiative = chatbot(roles, risk_class="hog")
    assert not initiative.risk_class_confirmed
    page = text(client.get(f"/initiativ/{initiative.pk}/"))
    assert "Hög risk ej bekräftad" in page
    assert "är en uppskattning" in text(client.get(f"/ai-forordningen/initiativ/{initiative.pk}/"))
    services.save_triage(roles.editor, initiative, paths.as_list(paths.SWITCHBOARD_CHATBOT), 0)
    assert "ej bekräftad" not in text(client.get(f"/initiativ/{initiative.pk}/"))


def test_the_edit_form_no_longer_overrides_a_triaged_risk_class(roles: Any) -> None:
    initiative = chatbot(roles)
    services.save_triage(roles.editor, initiative, paths.as_list(paths.SWITCHBOARD_CHATBOT), 0)
    initiative.refresh_from_db()
    try:
        initiative_services.update_initiative(roles.editor, initiative, {"risk_class": "minimal"}, initiative.version)
    except Exception as exc:  # noqa: BLE001 - the message is what matters
        assert "Gör om triagen" in str(exc)
    else:
        raise AssertionError("the triaged class was overwritten")


def test_registry_filters_by_risk_class_on_the_list_and_in_the_api(client: Client, roles: Any) -> None:
    high = chatbot(roles, title="Beslutsstöd ekonomiskt bistånd")
    services.save_triage(roles.editor, high, paths.as_list(paths.BISTAND_PROFILING), 0)
    chat = chatbot(roles)
    services.save_triage(roles.editor, chat, paths.as_list(paths.SWITCHBOARD_CHATBOT), 0)
    listing = text(client.get("/initiativ/?risk_class=hog"))
    assert "Beslutsstöd ekonomiskt bistånd" in listing and "Chattbot i växeln" not in listing
    api = client.get("/api/v1/initiatives?risk_class=hog").json()
    assert [r["id"] for r in api["results"]] == [high.pk] and api["results"][0]["risk_class_confirmed"] is True


def test_cited_articles_link_to_the_ai_act_passage_once_the_library_holds_it(client: Client, roles: Any) -> None:
    from kraft.knowledge.models import Document, Library, Passage

    initiative = chatbot(roles)
    client.force_login(roles.editor)
    page = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/").content.decode()
    assert "i biblioteket" not in page  # no AI Act in the library yet: EUR-Lex only, no broken link
    library = Library.objects.create(name="EU-rätt", visibility=Library.Visibility.PUBLIC)
    document = Document.objects.create(
        library=library, title="AI-förordningen", kind=Document.Kind.STATUTE, sha256="x", status=Document.Status.READY
    )
    passage = Passage.objects.create(
        document=document, library=library, ordinal=1, text="Definitioner …", citation="AI-förordningen artikel 3"
    )
    page = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/").content.decode()
    assert f'href="{passage.get_absolute_url()}"' in page  # "artikel 3.1" falls back to the article's passage


def test_an_importers_guess_never_overrides_a_triaged_class_but_the_rest_of_the_row_applies(roles: Any) -> None:
    initiative = chatbot(roles)
    services.save_triage(roles.editor, initiative, paths.as_list(paths.SWITCHBOARD_CHATBOT), 0)
    initiative.refresh_from_db()
    initiative_services.update_initiative(
        "import:pstw", initiative, {"risk_class": "minimal", "summary": "Ny text"}, initiative.version
    )
    initiative.refresh_from_db()
    assert initiative.risk_class == "begransad" and initiative.summary == "Ny text"


def test_the_map_filters_by_risk_class(client: Client, roles: Any) -> None:
    initiative = chatbot(roles)
    services.save_triage(roles.editor, initiative, paths.as_list(paths.BISTAND_PROFILING), 0)

    def sundsvall(query: str) -> int:
        features = client.get(f"/api/v1/map/municipalities?{query}").json()["features"]
        return next(f["properties"]["initiatives"] for f in features if f["properties"]["code"] == "2281")

    assert sundsvall("risk_class=hog") == 1 and sundsvall("risk_class=minimal") == 0
    assert 'name="risk_class"' in client.get("/initiativ/karta/?risk_class=hog").content.decode()


def test_in_english_the_questions_are_english_but_what_is_stored_stays_swedish(client: Client, roles: Any) -> None:
    from django.conf import settings

    initiative = chatbot(roles)
    client.force_login(roles.editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = text(client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/"))
    assert "Is the solution an AI system?" in page and "Yes, it is an AI system" in page
    walk_through(client, initiative, paths.SWITCHBOARD_CHATBOT)
    assert "Check that residents are told they are interacting with AI" in text(
        client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/")
    )
    client.post(f"/ai-forordningen/initiativ/{initiative.pk}/spara/", {"base_version": "0"})
    stored = Obligation.objects.get(initiative=initiative, key="art50_1_tillhandahallare")
    assert stored.title == "Kontrollera att invånarna får veta att de interagerar med AI"
    result_page = text(client.get(f"/ai-forordningen/initiativ/{initiative.pk}/"))
    assert "Check that residents are told they are interacting with AI" in result_page


def test_article_links_reach_the_ai_act_as_the_national_library_ingests_it(client: Client, roles: Any) -> None:
    from kraft.knowledge import services as knowledge_services
    from kraft.knowledge.models import Passage
    from tests.knowledge import files

    library = knowledge_services.create_library(roles.staff, name="Svensk lag", organisation=None)
    document = knowledge_services.import_statute(library, files.eu_regulation())
    definition = Passage.objects.get(document=document, citation="AI-förordningen artikel 3.1")
    exemption = Passage.objects.get(document=document, citation="AI-förordningen artikel 6.3")
    initiative = chatbot(roles)
    client.force_login(roles.editor)
    first = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/").content.decode()
    assert f'href="{definition.get_absolute_url()}"' in first
    walk_through(client, initiative, paths.BISTAND_SORTING)
    rules_page = client.get("/ai-forordningen/regler/").content.decode()
    assert f'href="{exemption.get_absolute_url()}"' in rules_page
