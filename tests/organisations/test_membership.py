"""Joining an organisation and managing its members: requests, approval, roles and the last-admin rule."""

import pytest

from kraft.audit.models import AuditEvent
from kraft.organisations.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def members_url(roles, membership=None, action=""):
    base = f"/organisationer/{roles.organisation.pk}/medlemmar/"
    return f"{base}{membership.pk}/{action}/" if membership else base


def test_a_person_asks_to_join_and_an_admin_approves_with_a_role(client, roles):
    client.force_login(roles.outsider)
    response = client.post(f"/organisationer/{roles.organisation.pk}/ga-med/", {"message": "Jag jobbar med AI"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=roles.outsider, organisation=roles.organisation)
    assert membership.status == "pending" and membership.message == "Jag jobbar med AI"

    client.force_login(roles.admin)
    page = client.get(members_url(roles)).content.decode()
    assert "Jag jobbar med AI" in page
    client.post(members_url(roles, membership, "godkann"), {"role": "editor"})
    membership.refresh_from_db()
    assert (membership.status, membership.role, membership.decided_by) == ("active", "editor", roles.admin)
    event = AuditEvent.objects.get(action="membership_approved")
    assert event.organisation == roles.organisation
    assert event.before == {"role": "member", "status": "pending"}
    assert event.after == {"role": "editor", "status": "active"}


def test_asking_to_join_twice_gives_a_clear_message_and_changes_nothing(client, roles):
    client.force_login(roles.outsider)
    url = f"/organisationer/{roles.organisation.pk}/ga-med/"
    client.post(url)
    events = AuditEvent.objects.count()
    response = client.post(url, follow=True)
    assert "Du har redan begärt medlemskap i Sundsvalls kommun" in response.content.decode()
    assert Membership.objects.filter(user=roles.outsider).count() == 1
    assert AuditEvent.objects.count() == events


def test_a_member_asking_to_join_again_is_told_they_already_are(client, roles):
    client.force_login(roles.member)
    response = client.post(f"/organisationer/{roles.organisation.pk}/ga-med/", follow=True)
    assert "Du är redan medlem i Sundsvalls kommun" in response.content.decode()
    assert Membership.objects.get(user=roles.member).role == "member"


def test_admin_can_reject_a_request(client, roles):
    person = factories.user("sokande")
    membership = Membership.objects.create(user=person, organisation=roles.organisation)
    client.force_login(roles.admin)
    client.post(members_url(roles, membership, "avsla"))
    membership.refresh_from_db()
    assert membership.status == "rejected"


def test_admin_changes_roles_and_removes_members_with_audit(client, roles):
    client.force_login(roles.admin)
    member = Membership.objects.get(user=roles.member)
    client.post(members_url(roles, member, "roll"), {"role": "admin"})
    member.refresh_from_db()
    assert member.role == "admin"
    editor = Membership.objects.get(user=roles.editor)
    client.post(members_url(roles, editor, "ta-bort"))
    assert not Membership.objects.filter(user=roles.editor).exists()
    assert AuditEvent.objects.filter(action="membership_role_changed", organisation=roles.organisation).exists()
    removed = AuditEvent.objects.get(action="membership_removed")
    assert removed.before == {"role": "editor", "status": "active"} and "redaktor" in removed.target_label


def test_the_last_admin_cannot_be_demoted_or_removed(client, roles):
    client.force_login(roles.admin)
    admin = Membership.objects.get(user=roles.admin)
    events = AuditEvent.objects.count()
    response = client.post(members_url(roles, admin, "roll"), {"role": "member"}, follow=True)
    assert "den enda administratören för Sundsvalls kommun" in response.content.decode()
    response = client.post(members_url(roles, admin, "ta-bort"), follow=True)
    assert "den enda administratören" in response.content.decode()
    leave = client.post(f"/organisationer/{roles.organisation.pk}/lamna/", follow=True)
    assert "den enda administratören" in leave.content.decode()
    admin.refresh_from_db()
    assert (admin.role, admin.status) == ("admin", "active")
    assert AuditEvent.objects.count() == events


def test_an_admin_can_step_down_once_another_admin_exists(client, roles):
    client.force_login(roles.admin)
    client.post(members_url(roles, Membership.objects.get(user=roles.editor), "roll"), {"role": "admin"})
    admin = Membership.objects.get(user=roles.admin)
    client.post(members_url(roles, admin, "roll"), {"role": "member"})
    admin.refresh_from_db()
    assert admin.role == "member"


def test_admins_of_other_organisations_cannot_manage_members(client, roles):
    client.force_login(roles.other_admin)
    member = Membership.objects.get(user=roles.member)
    assert client.post(members_url(roles, member, "roll"), {"role": "admin"}).status_code == 403
    member.refresh_from_db()
    assert member.role == "member"


def test_unknown_role_is_refused(client, roles):
    client.force_login(roles.admin)
    member = Membership.objects.get(user=roles.member)
    response = client.post(members_url(roles, member, "roll"), {"role": "kung"}, follow=True)
    assert "Välj en roll" in response.content.decode()
    member.refresh_from_db()
    assert member.role == "member"


def test_a_member_can_leave(client, roles):
    client.force_login(roles.member)
    client.post(f"/organisationer/{roles.organisation.pk}/lamna/")
    assert not Membership.objects.filter(user=roles.member).exists()
    assert AuditEvent.objects.filter(action="membership_left", actor=roles.member).exists()


def test_organisation_page_shows_facts_and_members_with_roles(client, roles):
    anonymous = client.get(f"/organisationer/{roles.organisation.pk}/").content.decode()
    assert "2281" in anonymous and "Västernorrlands län" in anonymous
    assert "Redaktör" not in anonymous  # members are shown to people signed in
    client.force_login(roles.outsider)
    page = client.get(f"/organisationer/{roles.organisation.pk}/").content.decode()
    assert "Medlem" in page and "Redaktör" in page and "Administratör" in page
    assert "Begär medlemskap" in page
    assert "admin@example.se" not in page  # e-mail addresses only for the organisation's admins


def test_members_page_query_count_does_not_grow_with_the_members(client, roles):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(roles.admin)
    url = members_url(roles)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        factories.member(factories.user(f"extra{i}"), roles.organisation)
        Membership.objects.create(user=factories.user(f"sokare{i}"), organisation=roles.organisation)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
