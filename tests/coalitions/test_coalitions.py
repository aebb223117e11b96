"""Coalitions from a need: invitations answered once, commitments and decisions, milestones, unlocks at three
organisations, a shared library, the joint initiative; and each refusal the issue names, in Swedish."""

from __future__ import annotations

import io
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client

from kraft.audit.models import AuditEvent
from kraft.coalitions import services
from kraft.coalitions.models import Coalition, CoalitionMember, Invitation
from kraft.needs.models import Need
from tests import factories
from tests.coalitions.helpers import coalition_with_invitation, municipality
from tests.needs.helpers import need

pytestmark = pytest.mark.django_db


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_a_coalition_grows_from_a_need_through_the_pages(roles) -> None:
    shared = need(roles.editor, roles.organisation)
    editor = _client(roles.editor)
    assert "Bilda en samverkan" in editor.get(f"/behov/{shared.pk}/").content.decode()
    response = editor.post(
        f"/samverkan/ny/?behov={shared.pk}",
        {"lead": roles.organisation.pk, "title": "Växelchattbot", "visibility": "public"},
    )
    coalition = Coalition.objects.get(title="Växelchattbot")
    assert response.status_code == 302
    assert Need.objects.get(pk=shared.pk).status == Need.Status.FORMING
    editor.post(
        f"/samverkan/{coalition.pk}/bjud-in/", {"organisation": roles.other_organisation.pk, "role": "pilot_site"}
    )
    invitation = Invitation.objects.get(coalition=coalition)
    timra = _client(roles.other_admin)
    answer = timra.post(
        f"/samverkan/inbjudan/{invitation.pk}/",
        {
            "answer": "accept",
            "decision_reference": "KS 2026-03-01 § 12",
            "decision_file": SimpleUploadedFile("beslut.pdf", b"%PDF-1.4 beslut", content_type="application/pdf"),
        },
    )
    assert answer.status_code == 302
    member = CoalitionMember.objects.get(coalition=coalition, organisation=roles.other_organisation)
    assert member.role == "pilot_site" and member.decision_reference == "KS 2026-03-01 § 12"
    page = Client().get(f"/samverkan/{coalition.pk}/").content.decode()
    assert "Timrå kommun" in page and "KS 2026-03-01 § 12" in page and "Beslutet som fil" not in page
    assert timra.get(f"/samverkan/{coalition.pk}/medlem/{member.pk}/beslut/").status_code == 200
    assert _client(roles.outsider).get(f"/samverkan/{coalition.pk}/medlem/{member.pk}/beslut/").status_code == 404
    timra.post(
        f"/samverkan/{coalition.pk}/medlem/{member.pk}/ataganden/",
        {"hours": "120", "kronor": "50000", "data_offered": "Samtalsloggar"},
    )
    member.refresh_from_db()
    assert (member.hours, int(member.kronor), member.data) == (120, 50000, "Samtalsloggar")
    editor.post(f"/samverkan/{coalition.pk}/milstolpar/", {"title": "Förstudie klar", "due_date": "2026-06-30"})
    assert coalition.milestones.get().title == "Förstudie klar"
    started = editor.post(f"/samverkan/{coalition.pk}/initiativ/")
    coalition.refresh_from_db()
    assert started.status_code == 302 and coalition.initiative is not None
    assert coalition.status == Coalition.Status.ACTIVE
    assert set(coalition.initiative.partners.values_list("pk", flat=True)) == {roles.other_organisation.pk}
    assert Need.objects.get(pk=shared.pk).status == Need.Status.IN_PROGRESS
    assert "Vad resultatet är värt för alla i samverkan" in Client().get(f"/samverkan/{coalition.pk}/").content.decode()
    actions = set(
        AuditEvent.objects.filter(target_id=str(coalition.pk), target_type="coalitions.coalition").values_list(
            "action", flat=True
        )
    )
    assert {
        "coalition_created",
        "coalition_invited",
        "coalition_invitation_accepted",
        "coalition_commitment_changed",
        "coalition_milestone_added",
        "coalition_initiative_started",
    } <= actions


def test_three_organisations_unlock_the_agreement_template_and_facilitators(roles) -> None:
    coalition, invitation = coalition_with_invitation(roles)
    assert Client().get(f"/samverkan/{coalition.pk}/avtalsmall/").status_code == 404
    services.respond(roles.other_admin, invitation, accept=True)
    harnosand = municipality("Härnösands kommun")
    third = services.invite(roles.editor, coalition, harnosand, "co_funder")
    services.respond("test", third, accept=True)
    page = Client().get(f"/samverkan/{coalition.pk}/").content.decode()
    assert "Mall för samverkansavtal" in page and "Region Västernorrland" in page
    agreement = Client().get(f"/samverkan/{coalition.pk}/avtalsmall/").content.decode()
    assert "Härnösands kommun" in agreement and "Medfinansiär" in agreement


def test_an_invitation_to_an_organisation_already_in_the_coalition_is_refused(roles) -> None:
    coalition, invitation = coalition_with_invitation(roles)
    with pytest.raises(ValidationError, match="har redan en obesvarad inbjudan"):
        services.invite(roles.editor, coalition, roles.other_organisation, "co_funder")
    services.respond(roles.other_admin, invitation, accept=True)
    response = _client(roles.editor).post(
        f"/samverkan/{coalition.pk}/bjud-in/",
        {"organisation": roles.other_organisation.pk, "role": "co_funder"},
        follow=True,
    )
    assert "Timrå kommun är redan med i samverkan." in response.content.decode()
    assert Invitation.objects.filter(coalition=coalition).count() == 1


def test_the_last_lead_cannot_leave(roles) -> None:
    coalition, _invitation = coalition_with_invitation(roles)
    lead = coalition.members.get(organisation=roles.organisation)
    response = _client(roles.editor).post(f"/samverkan/{coalition.pk}/medlem/{lead.pk}/lamna/", follow=True)
    assert "Samverkan behöver en ledande organisation" in response.content.decode()
    assert coalition.members.filter(pk=lead.pk).exists()


def test_only_the_invited_organisation_answers_and_only_once(roles) -> None:
    coalition, invitation = coalition_with_invitation(roles)
    with pytest.raises(PermissionDenied):
        services.respond(roles.editor, invitation, accept=True)  # Sundsvall cannot answer for Timrå
    assert _client(roles.outsider).get(f"/samverkan/inbjudan/{invitation.pk}/").status_code == 404
    services.respond(roles.other_admin, invitation, accept=False)
    with pytest.raises(ValidationError, match="redan besvarad"):
        services.respond(roles.other_admin, invitation, accept=True)
    assert not coalition.members.filter(organisation=roles.other_organisation).exists()


def test_a_signal_for_another_organisation_cannot_lead_a_coalition(roles) -> None:
    shared = need(roles.editor, roles.organisation)
    with pytest.raises(ValidationError):
        services.create_coalition(roles.other_admin, lead=roles.other_organisation, title="x", need=shared)
    with pytest.raises(PermissionDenied):
        services.create_coalition(roles.member, lead=roles.organisation, title="x", need=shared)
    draft = need(roles.editor, roles.organisation, title="Utkast", publish=False)
    with pytest.raises(ValidationError):
        services.create_coalition(roles.editor, lead=roles.organisation, title="x", need=draft)


def test_the_shared_library_is_shared_with_the_members_only(roles) -> None:
    coalition, invitation = coalition_with_invitation(roles)
    services.respond(roles.other_admin, invitation, accept=True)
    _client(roles.editor).post(f"/samverkan/{coalition.pk}/bibliotek/")
    coalition.refresh_from_db()
    library = coalition.library
    assert library is not None and list(library.shared_with.all()) == [roles.other_organisation]
    assert _client(roles.other_admin).get(f"/kunskap/bibliotek/{library.pk}/").status_code == 200
    assert _client(roles.outsider).get(f"/kunskap/bibliotek/{library.pk}/").status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_accepting_the_same_invitation_at_once_produce_one_membership() -> None:
    """Two threads, two connections, one invitation: really concurrent on PostgreSQL (SQLite's in-memory test
    database serialises writers and refuses a second writer outright, so the race is run where it can happen)."""
    from kraft.initiatives.reference import ensure_classifications

    if connection.vendor != "postgresql":
        pytest.skip("Kapplöpningen körs på PostgreSQL (KRAFT_DATABASE_URL=postgres://…).")
    # a transactional test's database may have been flushed by an earlier one: put the reference data back
    call_command("load_reference", stdout=io.StringIO())
    ensure_classifications()
    roles = factories.role_set()
    second_editor = factories.user("andraredaktor")
    factories.member(second_editor, roles.other_organisation, "editor")
    coalition, invitation = coalition_with_invitation(roles)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(person) -> None:
        try:
            barrier.wait(timeout=10)
            services.respond(person, Invitation.objects.get(pk=invitation.pk), accept=True)
            outcomes.append("accepted")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(p,)) for p in (roles.other_admin, second_editor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == 2 and outcomes.count("accepted") == 1, outcomes
    assert any("Inbjudan är redan besvarad" in outcome for outcome in outcomes), outcomes
    assert CoalitionMember.objects.filter(coalition=coalition, organisation=roles.other_organisation).count() == 1


def test_coalitions_api_lists_members_roles_and_milestones(roles) -> None:
    coalition, invitation = coalition_with_invitation(roles)
    services.respond(roles.other_admin, invitation, accept=True)
    services.add_milestone(roles.editor, coalition, "Avtal undertecknat")
    body = Client().get("/api/v1/coalitions").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert {(m["organisation"], m["role"]) for m in row["members"]} == {
        ("Sundsvalls kommun", "lead"),
        ("Timrå kommun", "pilot_site"),
    }
    assert row["milestones"] == [{"title": "Avtal undertecknat", "due_date": None, "done": False}]
    assert Client().get(f"/api/v1/coalitions/{coalition.pk}").json()["title"] == "Chattbot tillsammans"
