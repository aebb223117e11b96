"""The assessment journey through the pages: start, invite by role, answer alone, save and return, close,
results with spread and confidence, re-assessment, next steps and the 90-day plan — and every refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kraft.assessments import bank as banks
from kraft.assessments import services
from kraft.assessments.models import Assessment, Invitation, PlanItem, Response
from kraft.audit.models import AuditEvent
from tests.assessments.helpers import answers, closed, respond

pytestmark = pytest.mark.django_db


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _form(levels) -> dict[str, str]:
    return {f"q-{q}": v for q, v in answers(levels).items()}


def test_admin_starts_invites_by_role_respondents_answer_alone_and_the_result_has_no_headline_score(roles) -> None:
    admin = _client(roles.admin)
    response = admin.post("/mognad/ny/", {"organisation": roles.organisation.pk, "title": "Våren 2026"})
    assessment = Assessment.objects.get(organisation=roles.organisation)
    assert response.status_code == 302 and response["Location"] == f"/mognad/{assessment.pk}/"
    assert assessment.bank_version == banks.current_version() and assessment.round == 1
    for person, role in ((roles.member, "ledning"), (roles.editor, "it")):
        assert (
            admin.post(f"/mognad/{assessment.pk}/bjud-in/", {"respondent": person.pk, "role": role}).status_code == 302
        )

    member = _client(roles.member)
    page = member.get(f"/mognad/{assessment.pk}/svara/")
    assert page.status_code == 200 and "Vet inte" in page.content.decode()
    half = {k: v for k, v in _form(4).items() if k.startswith("q-strategi")}
    assert member.post(f"/mognad/{assessment.pk}/svara/", {**half, "save": "1"}).status_code == 302
    assert Invitation.objects.get(respondent=roles.member).status == "started"
    again = member.get(f"/mognad/{assessment.pk}/svara/").content.decode()
    assert 'value="4" checked' in again  # saved answers come back
    assert member.post(f"/mognad/{assessment.pk}/svara/", {**_form(4), "submit": "1"}).status_code == 302
    _client(roles.editor).post(f"/mognad/{assessment.pk}/svara/", {**_form(2), "submit": "1"})
    assert set(Response.objects.values_list("bank_version", flat=True)) == {assessment.bank_version}

    assert admin.post(f"/mognad/{assessment.pk}/stang/", {"version": assessment.version}).status_code == 302
    result = admin.get(f"/mognad/{assessment.pk}/").content.decode()
    assert "<svg" in result and 'role="img"' in result  # the radar, drawn on the server
    assert '<table class="results">' in result  # … with its table alternative
    assert "3,0" in result and "2,0 (2,0–4,0)" in result  # mean 3.0, spread 2 between the two respondents
    assert "Låg" in result  # a spread of two levels lowers the confidence
    assert "Ledning 4,0" in result and "IT och digitalisering 2,0" in result
    assert "totalpoäng" in result  # says there is deliberately none
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "assessment.start",
        "assessment.invite",
        "assessment.answers_save",
        "assessment.submit",
        "assessment.close",
    } <= actions


def test_a_second_round_shows_the_change_since_the_first(roles) -> None:
    closed(roles.organisation, [(roles.member, "ledning", 2)])
    second = closed(roles.organisation, [(roles.editor, "it", 3)])
    page = _client(roles.member).get(f"/mognad/{second.pk}/").content.decode()
    assert second.round == 2
    assert "+1,0" in page and "Föregående omgång" in page


def test_an_answer_outside_the_scale_is_refused_in_swedish_and_nothing_is_saved(roles) -> None:
    assessment = services.start_assessment("test", roles.organisation)
    services.invite_respondent("test", assessment, roles.member, "ledning")
    form = _form(3)
    first, second = list(form)[:2]
    form[second] = "7"
    response = _client(roles.member).post(f"/mognad/{assessment.pk}/svara/", {**form, "save": "1"})
    assert response.status_code == 400
    assert "Svaret måste vara en nivå mellan 1 och 5 eller ”vet inte”." in response.content.decode()
    assert not Response.objects.exists()  # not even the valid answers before it
    assert 'value="3" checked' in response.content.decode()  # what was chosen is still there


def test_a_respondent_who_is_not_invited_is_refused(roles) -> None:
    assessment = services.start_assessment("test", roles.organisation)
    response = _client(roles.editor).post(f"/mognad/{assessment.pk}/svara/", {**_form(3), "submit": "1"})
    assert response.status_code == 403
    assert not Response.objects.exists()


def test_answers_after_closing_are_refused_and_the_stored_ones_stay(roles) -> None:
    assessment = closed(roles.organisation, [(roles.member, "ledning", 3)])
    response = _client(roles.member).post(f"/mognad/{assessment.pk}/svara/", {**_form(5), "submit": "1"})
    assert response.status_code == 400
    assert "Bedömningen är stängd. Svar kan inte längre lämnas eller ändras." in response.content.decode()
    assert set(Response.objects.values_list("value", flat=True)) == {3}
    again = _client(roles.admin).post(f"/mognad/{assessment.pk}/stang/", {"version": assessment.version})
    assert again.status_code == 400 and "Bedömningen är redan stängd." in again.content.decode()


def test_submitting_with_unanswered_questions_is_refused_but_dont_know_counts_apart(roles) -> None:
    assessment = services.start_assessment("test", roles.organisation)
    services.invite_respondent("test", assessment, roles.member, "ledning")
    client = _client(roles.member)
    partial = dict(list(_form(3).items())[:5])
    response = client.post(f"/mognad/{assessment.pk}/svara/", {**partial, "submit": "1"})
    assert response.status_code == 400 and "Svara på alla frågor" in response.content.decode()
    assert not Response.objects.exists()
    form = _form({"data": "vet_inte"})
    assert client.post(f"/mognad/{assessment.pk}/svara/", {**form, "submit": "1"}).status_code == 302
    services.close_assessment("test", assessment)
    rows = {row["dimension"]: row for row in Assessment.objects.get(pk=assessment.pk).results["dimensions"]}
    assert rows["data"]["score"] is None and rows["data"]["dont_know"] == 4 and rows["data"]["confidence"] == "ingen"
    assert rows["strategi"]["level"] == 3 and rows["strategi"]["dont_know"] == 0


def test_only_members_can_be_invited_and_only_admins_invite(roles) -> None:
    assessment = services.start_assessment("test", roles.organisation)
    outsider = _client(roles.admin).post(
        f"/mognad/{assessment.pk}/bjud-in/", {"respondent": roles.outsider.pk, "role": "it"}
    )
    assert outsider.status_code == 400 and "Bara medlemmar i organisationen" in outsider.content.decode()
    refused = _client(roles.editor).post(
        f"/mognad/{assessment.pk}/bjud-in/", {"respondent": roles.member.pk, "role": "it"}
    )
    assert refused.status_code == 403
    assert not Invitation.objects.exists()


def test_an_open_assessment_and_unpublished_results_stay_inside_the_organisation(roles) -> None:
    assessment = closed(roles.organisation, [(roles.member, "ledning", 3)])
    for person in (roles.outsider, roles.other_admin):
        assert _client(person).get(f"/mognad/{assessment.pk}/").status_code == 404
        assert _client(person).get(f"/mognad/{assessment.pk}/export.csv").status_code == 404
    assert Client().get(f"/mognad/{assessment.pk}/").status_code == 404
    _client(roles.admin).post(
        f"/mognad/{assessment.pk}/publicering/", {"version": assessment.version, "is_published": "on"}
    )
    page = Client().get(f"/mognad/{assessment.pk}/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    assert 'id="respondenter"' not in page.content.decode()  # who answered stays private
    assert "90-dagarsplan" not in page.content.decode()


def test_next_steps_become_a_90_day_plan_with_owners_and_dates(roles) -> None:
    assessment = closed(roles.organisation, [(roles.member, "ledning", 2)])
    page = _client(roles.editor).get(f"/mognad/{assessment.pk}/").content.decode()
    assert "Ta fram ett ledningsbeslut om mål och ansvar för AI" in page
    assert "eur-lex.europa.eu" in page and "samling=passages" in page  # sources: AI Act and knowledge
    today = timezone.localdate()
    client = _client(roles.editor)
    bad = client.post(
        f"/mognad/{assessment.pk}/plan/",
        {"step": "strategi.beslut", "owner": roles.member.pk, "due_on": (today + timedelta(days=120)).isoformat()},
    )
    assert bad.status_code == 400 and "inom planens 90 dagar" in bad.content.decode()
    assert not PlanItem.objects.exists()
    ok = client.post(
        f"/mognad/{assessment.pk}/plan/",
        {"step": "strategi.beslut", "owner": roles.member.pk, "due_on": (today + timedelta(days=30)).isoformat()},
    )
    assert ok.status_code == 302
    item = PlanItem.objects.get()
    assert item.owner == roles.member and item.plan.ends_on == today + timedelta(days=90)
    owner = _client(roles.member)  # the owner moves their own step forward
    prefix = f"item-{item.pk}"
    moved = owner.post(
        f"/mognad/{assessment.pk}/plan/{item.pk}/",
        {
            f"{prefix}-version": item.version,
            f"{prefix}-status": "in_progress",
            f"{prefix}-owner": roles.member.pk,
            f"{prefix}-due_on": item.due_on.isoformat(),
        },
    )
    assert moved.status_code == 302 and PlanItem.objects.get().status == "in_progress"
    stale = owner.post(
        f"/mognad/{assessment.pk}/plan/{item.pk}/",
        {
            f"{prefix}-version": item.version,
            f"{prefix}-status": "done",
            f"{prefix}-owner": roles.member.pk,
            f"{prefix}-due_on": item.due_on.isoformat(),
        },
    )
    assert stale.status_code == 400 and PlanItem.objects.get().status == "in_progress"
    assert "Mina åtgärder i 90-dagarsplaner" in owner.get("/mognad/").content.decode()


def test_the_question_bank_page_shows_every_cell(client) -> None:
    page = client.get("/mognad/fragor/").content.decode()
    bank = banks.load()
    for dimension in bank.dimensions:
        for level in banks.LEVELS:
            assert dimension.level_text(level).sv in page


def test_respond_helper_is_not_needed_twice(roles) -> None:
    assessment = services.start_assessment("test", roles.organisation)
    respond(assessment, roles.member, "ledning", 3)
    with pytest.raises(Exception, match="redan inbjuden"):
        services.invite_respondent("test", assessment, roles.member, "it")


def test_evidence_links_are_stored_and_shown_to_members_only(roles) -> None:
    assessment = services.start_assessment("test", roles.organisation)
    services.invite_respondent("test", assessment, roles.member, "ledning")
    form = {**_form(3), "url-strategi.styrdokument": "https://sundsvall.se/ai-plan", "submit": "1"}
    assert _client(roles.member).post(f"/mognad/{assessment.pk}/svara/", form).status_code == 302
    bad = {**_form(3), "url-data.kvalitet": "javascript:alert(1)", "submit": "1"}
    refused = _client(roles.member).post(f"/mognad/{assessment.pk}/svara/", bad)
    assert refused.status_code == 400 and "webbadress som börjar med http" in refused.content.decode()
    assert Response.objects.get(question_id="strategi.styrdokument").evidence_url == "https://sundsvall.se/ai-plan"
    services.close_assessment("test", assessment)
    assert "https://sundsvall.se/ai-plan" in _client(roles.editor).get(f"/mognad/{assessment.pk}/").content.decode()
    services.set_publication("test", assessment, published=True, open_to_contact=False)
    assert "https://sundsvall.se/ai-plan" not in Client().get(f"/mognad/{assessment.pk}/").content.decode()
