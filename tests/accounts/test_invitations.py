"""Invitations by e-mail (expire, revocable, accepted once) and e-mail verification before a join request."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from kraft.accounts.models import EmailAddress, Invitation
from kraft.audit.models import AuditEvent
from kraft.organisations.models import Membership

pytestmark = pytest.mark.django_db
User = get_user_model()
SIGNUP = {
    "username": "nora",
    "first_name": "Nora",
    "last_name": "Nyberg",
    "password1": "Ett-langt-losenord-42",
    "password2": "Ett-langt-losenord-42",
}


def _invite(client: Any, roles: Any, email: str = "nora@sundsvall.se", role: str = "editor") -> str:
    client.force_login(roles.admin)
    response = client.post(f"/konto/inbjudningar/organisation/{roles.organisation.pk}/", {"email": email, "role": role})
    assert response.status_code == 302, response.content.decode()
    link = re.search(r"https?://\S+/konto/inbjudan/\S+/", mail.outbox[-1].body)
    assert link and mail.outbox[-1].to == [email]
    client.logout()
    return urlsplit(link.group(0)).path


def test_invitee_creates_an_account_from_the_link_and_joins_with_the_role(client, roles):
    path = _invite(client, roles)
    page = client.get(path).content.decode()
    assert "nora@sundsvall.se" in page and "Skapa konto och gå med" in page
    response = client.post(path, {**SIGNUP, "email": "someone.else@example.se"})  # the address cannot be changed
    assert response.status_code == 302 and response["Location"] == "/mitt-arbete/"
    nora = User.objects.get(username="nora")
    assert nora.email == "nora@sundsvall.se"
    membership = Membership.objects.get(user=nora, organisation=roles.organisation)
    assert (membership.status, membership.role) == ("active", "editor")
    assert EmailAddress.objects.get(user=nora).verified_at is not None  # the link reached the address
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"invitation_sent", "invitation_accepted", "membership_joined_by_invitation"} <= actions
    assert "Redaktör" in client.get("/mitt-arbete/").content.decode()


def test_an_invitation_link_works_once(client, roles):
    path = _invite(client, roles)
    client.post(path, SIGNUP)
    client.logout()
    again = client.get(path)
    assert again.status_code == 410 and "Inbjudan är redan använd" in again.content.decode()
    second = client.post(path, {**SIGNUP, "username": "nora2"})
    assert second.status_code == 410 and not User.objects.filter(username="nora2").exists()


def test_expired_and_revoked_invitations_explain_and_change_nothing(client, roles):
    path = _invite(client, roles)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(path, SIGNUP)
    assert response.status_code == 410 and "Inbjudan har gått ut" in response.content.decode()
    assert not User.objects.filter(username="nora").exists()

    path = _invite(client, roles, email="olle@sundsvall.se")
    invitation = Invitation.objects.get(email="olle@sundsvall.se")
    client.force_login(roles.admin)
    client.post(f"/konto/inbjudningar/{invitation.pk}/aterkalla/")
    client.logout()
    response = client.get(path)
    assert response.status_code == 410 and "Inbjudan är återkallad" in response.content.decode()
    assert AuditEvent.objects.filter(action="invitation_revoked").exists()


def test_inviting_an_address_that_is_already_a_member_is_refused_in_swedish(client, roles):
    client.force_login(roles.admin)
    before = Invitation.objects.count()
    response = client.post(
        f"/konto/inbjudningar/organisation/{roles.organisation.pk}/", {"email": roles.member.email, "role": "admin"}
    )
    assert response.status_code == 400
    assert "är redan medlem i Sundsvalls kommun" in response.content.decode()
    assert Invitation.objects.count() == before and not mail.outbox


def test_a_bad_or_mistyped_invitation_link_is_explained(client, db):
    response = client.get("/konto/inbjudan/inte-en-riktig-nyckel/")
    assert response.status_code == 410 and "Inbjudningslänken är ogiltig" in response.content.decode()


def test_a_signed_in_person_with_another_address_cannot_take_someone_elses_invitation(client, roles):
    path = _invite(client, roles)
    client.force_login(roles.outsider)
    response = client.post(path, follow=True)
    assert "Inbjudan skickades till nora@sundsvall.se" in response.content.decode()
    assert not Membership.objects.filter(user=roles.outsider).exists()


def test_only_the_organisations_admins_may_invite(client, roles):
    for person in (roles.member, roles.editor, roles.other_admin):
        client.force_login(person)
        url = f"/konto/inbjudningar/organisation/{roles.organisation.pk}/"
        assert client.post(url, {"email": "x@example.se", "role": "admin"}).status_code == 403
    assert not Invitation.objects.exists()


def test_signing_up_requires_a_verified_address_before_asking_to_join(client, roles):
    client.post("/konto/skapa-konto/", {**SIGNUP, "email": "anna.berg@sundsvall.se"})
    url = f"/organisationer/{roles.organisation.pk}/ga-med/"
    response = client.post(url, {"message": "Hej"}, follow=True)
    assert "Bekräfta din e-postadress först" in response.content.decode()
    assert not Membership.objects.filter(user__username="nora").exists()

    link = re.search(r"https?://\S+/konto/bekrafta-e-post/\S+/", mail.outbox[-1].body)
    assert link
    path = urlsplit(link.group(0)).path
    assert client.get(path).status_code == 200  # a mail scanner opening the link changes nothing
    assert EmailAddress.objects.get(user__username="nora").verified_at is None
    client.post(path)
    assert EmailAddress.objects.get(user__username="nora").verified_at is not None
    client.post(url, {"message": "Hej"})
    assert Membership.objects.get(user__username="nora").status == "pending"


def test_a_tampered_or_foreign_verification_link_is_refused(client, roles):
    client.post("/konto/skapa-konto/", {**SIGNUP, "email": "anna.berg@sundsvall.se"})
    path = urlsplit(re.search(r"https?://\S+/konto/bekrafta-e-post/\S+/", mail.outbox[-1].body).group(0)).path
    response = client.post(path[:-3] + "xx/", follow=True)
    assert "Länken är ogiltig eller för gammal" in response.content.decode()
    client.force_login(roles.outsider)
    response = client.post(path, follow=True)
    assert "Länken hör till ett annat konto" in response.content.decode()
    assert EmailAddress.objects.get(user__username="nora").verified_at is None


def test_changing_the_address_needs_a_new_verification(client, roles):
    client.force_login(roles.outsider)
    client.post("/konto/profil/", {"first_name": "U", "last_name": "T", "email": "ny@example.se"})
    response = client.post(f"/organisationer/{roles.organisation.pk}/ga-med/", follow=True)
    assert "Bekräfta din e-postadress först" in response.content.decode()


def test_an_invitation_to_my_confirmed_address_waits_on_my_work_and_joins_with_one_button(client, roles):
    _invite(client, roles, email=roles.outsider.email, role="editor")
    invitation = Invitation.objects.get(email=roles.outsider.email)
    client.force_login(roles.outsider)
    page = client.get("/mitt-arbete/").content.decode()
    assert "Inbjudningar till dig" in page and f"/konto/inbjudningar/{invitation.pk}/anta/" in page

    response = client.post(f"/konto/inbjudningar/{invitation.pk}/anta/", follow=True)

    assert "Du är nu redaktör i" in response.content.decode()
    membership = Membership.objects.get(user=roles.outsider, organisation=roles.organisation)
    assert (membership.status, membership.role) == ("active", "editor")
    assert AuditEvent.objects.filter(action="invitation_accepted", actor=roles.outsider).exists()
    assert "Inbjudningar till dig" not in client.get("/mitt-arbete/").content.decode()  # used, gone
    again = client.post(f"/konto/inbjudningar/{invitation.pk}/anta/", follow=True)
    assert "Inbjudan finns inte längre" in again.content.decode()


def test_invitations_to_someone_else_or_to_an_unconfirmed_address_are_neither_shown_nor_accepted(client, roles):
    _invite(client, roles, email="nora@sundsvall.se")
    invitation = Invitation.objects.get(email="nora@sundsvall.se")
    client.force_login(roles.outsider)  # another address
    assert "Inbjudningar till dig" not in client.get("/mitt-arbete/").content.decode()
    client.post(f"/konto/inbjudningar/{invitation.pk}/anta/")
    assert not Membership.objects.filter(user=roles.outsider).exists()

    client.logout()  # someone signs up with the invited address but has not confirmed it yet
    client.post("/konto/skapa-konto/", {**SIGNUP, "email": "nora@sundsvall.se"})
    nora = User.objects.get(username="nora")
    client.force_login(nora)
    assert "Inbjudningar till dig" not in client.get("/mitt-arbete/").content.decode()
    client.post(f"/konto/inbjudningar/{invitation.pk}/anta/")
    assert not Membership.objects.filter(user=nora).exists()
    assert client.get(f"/konto/inbjudningar/{invitation.pk}/anta/").status_code == 405  # a GET changes nothing
