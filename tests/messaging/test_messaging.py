"""Messages between organisations go to the contact role, never to a personal address; notifications in the page
and by e-mail at the chosen frequency; nothing private leaks; a 1 MB message is refused in Swedish."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from kraft.coalitions import services as coalitions
from kraft.messaging import services
from kraft.messaging.email import send_digests
from kraft.messaging.models import Conversation, Message, Notification
from tests import factories
from tests.needs.helpers import need

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "ingest"]}
}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings) -> None:
    settings.TASKS = IMMEDIATE_TASKS


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_a_message_about_a_need_reaches_its_contact_role_without_showing_addresses(
    roles, django_capture_on_commit_callbacks
) -> None:
    shared = need(roles.editor, roles.organisation)
    timra = _client(roles.other_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = timra.post(
            "/meddelanden/nytt/",
            {
                "behov": shared.pk,
                "sender_organisation": roles.other_organisation.pk,
                "subject": "Vi har samma problem",
                "body": "Ska vi ses?",
            },
        )
    assert response.status_code == 302
    conversation = Conversation.objects.get()
    assert conversation.to_organisation == roles.organisation
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert notified == {"redaktor", "admin"}  # the contact role: editors and admins, not plain members
    assert {m.to[0] for m in mail.outbox} == {"redaktor@example.se", "admin@example.se"}
    assert all("annanadmin@example.se" not in m.body for m in mail.outbox)
    page = _client(roles.editor).get(f"/meddelanden/{conversation.pk}/").content.decode()
    assert "Ska vi ses?" in page and "Timrå kommun" in page
    assert "@example.se" not in page
    _client(roles.editor).post(f"/meddelanden/{conversation.pk}/", {"body": "Gärna!"})
    assert Message.objects.count() == 2
    assert Notification.objects.filter(user=roles.other_admin, read_at__isnull=True).count() == 1


@pytest.mark.parametrize("role", ["member", "outsider", "staff", "anonymous"])
def test_a_conversation_is_invisible_to_everyone_outside_it(roles, role) -> None:
    shared = need(roles.other_admin, roles.other_organisation)
    conversation = services.start_conversation(
        roles.editor, sender_organisation=roles.organisation, subject="Privat", body="Hemlig text", need=shared
    )
    client = Client()
    person = roles.by_name(role)
    if person is not None:
        client.force_login(person)
    response = client.get(f"/meddelanden/{conversation.pk}/")
    if role == "member":  # a member of the sending organisation takes part
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 404)
        assert "Hemlig text" not in client.get("/meddelanden/").content.decode()


def test_a_one_megabyte_message_is_refused_in_swedish_and_nothing_is_sent(roles) -> None:
    shared = need(roles.editor, roles.organisation)
    response = _client(roles.other_admin).post(
        "/meddelanden/nytt/",
        {
            "behov": shared.pk,
            "sender_organisation": roles.other_organisation.pk,
            "subject": "Stort",
            "body": "x" * 1_000_000,
        },
    )
    assert response.status_code == 400
    assert "Meddelandet är för långt: högst 10000 tecken" in response.content.decode().replace("\xa0", "").replace(
        " 000", "000"
    )
    assert Conversation.objects.count() == 0 and Notification.objects.count() == 0


def test_nobody_can_write_about_a_draft_or_for_someone_elses_organisation(roles) -> None:
    draft = need(roles.editor, roles.organisation, publish=False)
    assert _client(roles.other_admin).get(f"/meddelanden/nytt/?behov={draft.pk}").status_code == 404
    public = need(roles.editor, roles.organisation, title="Publikt")
    response = _client(roles.other_admin).post(
        "/meddelanden/nytt/",
        {"behov": public.pk, "sender_organisation": roles.organisation.pk, "subject": "x", "body": "y"},
    )
    assert response.status_code == 400 and "där du har en roll" in response.content.decode()
    assert Conversation.objects.count() == 0


def test_coalition_messages_go_to_the_lead_and_invitations_notify_the_invited(roles) -> None:
    coalition = coalitions.create_coalition(
        roles.editor, lead=roles.organisation, title="Gemensam chattbot", need=need(roles.editor, roles.organisation)
    )
    coalitions.invite(roles.editor, coalition, roles.other_organisation, "pilot_site")
    invited = Notification.objects.get(user=roles.other_admin)
    assert invited.kind == "invitation" and "Timrå kommun är inbjuden till Gemensam chattbot" in invited.text
    services.start_conversation(
        roles.other_admin,
        sender_organisation=roles.other_organisation,
        subject="Fråga",
        body="Hur går det?",
        coalition=coalition,
    )
    assert Notification.objects.filter(user=roles.editor, kind="message").exists()


def test_email_frequency_is_a_personal_setting_and_digests_collect_the_rest(
    roles, django_capture_on_commit_callbacks
) -> None:
    assert _client(roles.editor).post("/meddelanden/installningar/", {"frequency": "daily"}).status_code == 302
    shared = need(roles.editor, roles.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_conversation(
            roles.other_admin, sender_organisation=roles.other_organisation, subject="Hej", body="Text", need=shared
        )
    assert [m.to for m in mail.outbox] == [["admin@example.se"]]  # the editor waits for the digest
    mail.outbox.clear()
    assert send_digests("daily") == 1
    assert mail.outbox[0].to == ["redaktor@example.se"] and "1 nya notiser" in mail.outbox[0].subject
    assert send_digests("daily") == 0


def test_unread_messages_and_open_invitations_are_offered_to_my_work(roles) -> None:
    from django.test import RequestFactory

    from kraft.coalitions.hooks import my_work_sections as invitations
    from kraft.messaging.hooks import my_work_sections as unread
    from kraft.needs.hooks import my_work_sections as followed

    coalition = coalitions.create_coalition(
        roles.editor, lead=roles.organisation, title="Samverkan X", need=need(roles.editor, roles.organisation)
    )
    coalitions.invite(roles.editor, coalition, roles.other_organisation, "pilot_site")
    request = RequestFactory().get("/")
    request.user = roles.other_admin
    assert invitations(request)[0].context["items"][0]["label"] == "Samverkan X"
    assert unread(request)[0].context["items"]
    assert followed(request)[0].context["items"] == []
    stranger = factories.user("frammande")
    request.user = stranger
    assert invitations(request)[0].context["items"] == [] and unread(request)[0].context["items"] == []
