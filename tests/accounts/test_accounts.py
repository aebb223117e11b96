"""Signing up, logging in and out, rate limiting, password reset, profile and API tokens."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from kraft.accounts.models import ApiToken
from kraft.audit.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db
User = get_user_model()

SIGNUP = {
    "username": "anna",
    "first_name": "Anna",
    "last_name": "Andersson",
    "email": "anna@sundsvall.se",
    "password1": "Ett-langt-losenord-42",
    "password2": "Ett-langt-losenord-42",
}


def test_sign_up_creates_the_account_signs_in_and_is_audited(client):
    response = client.post("/konto/skapa-konto/", SIGNUP)
    assert response.status_code == 302
    person = User.objects.get(username="anna")
    assert person.email == "anna@sundsvall.se" and person.check_password(SIGNUP["password1"])
    assert client.get("/konto/profil/").status_code == 200
    assert AuditEvent.objects.filter(action="user_signed_up", actor=person).exists()


def test_invalid_sign_up_keeps_typed_values_but_not_passwords_and_explains_in_swedish(client):
    data = {**SIGNUP, "email": "inte-en-adress", "password2": "Något-annat-lösen-1"}
    response = client.post("/konto/skapa-konto/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ange en giltig e-postadress" in html
    assert "Lösenorden är inte likadana" in html
    assert 'value="Andersson"' in html and 'value="inte-en-adress"' in html
    assert SIGNUP["password1"] not in html
    assert not User.objects.filter(username="anna").exists()


def test_sign_up_refuses_weak_passwords_and_taken_usernames(client):
    factories.user("anna")
    weak = client.post("/konto/skapa-konto/", {**SIGNUP, "username": "bertil", "password1": "123", "password2": "123"})
    assert weak.status_code == 400 and "lösenordet är för kort" in weak.content.decode()
    taken = client.post("/konto/skapa-konto/", {**SIGNUP, "username": "Anna"})
    assert "Användarnamnet är upptaget" in taken.content.decode()
    assert User.objects.count() == 1


def test_login_form_has_the_expected_fields_and_logs_in(client):
    factories.user("anna")
    html = client.get("/konto/logga-in/").content.decode()
    assert 'class="login-form"' in html and 'name="username"' in html and 'name="password"' in html
    response = client.post("/konto/logga-in/", {"username": "anna", "password": factories.PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/mitt-arbete/"
    assert AuditEvent.objects.filter(action="login").exists()


def test_failed_logins_are_audited_and_lock_the_account_out_with_a_swedish_page(client, settings):
    factories.user("anna")
    wrong = client.post("/konto/logga-in/", {"username": "anna", "password": "fel"})
    assert wrong.status_code == 200 and "Fel användarnamn eller lösenord" in wrong.content.decode()
    event = AuditEvent.objects.get(action="login_failed")
    assert event.after == {"username": "anna"} and event.actor is None and event.actor_label == "anna"
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/konto/logga-in/", {"username": "anna", "password": "fel"})
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert "Försök igen om 15 minuter" in response.content.decode()
    blocked = client.post("/konto/logga-in/", {"username": "anna", "password": factories.PASSWORD})
    assert blocked.status_code == 429  # even the right password waits for the cool-off
    assert "_auth_user_id" not in client.session


def test_logout_needs_post(client):
    client.force_login(factories.user("anna"))
    assert client.get("/konto/logga-ut/").status_code == 405
    assert client.post("/konto/logga-ut/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_works_once(client):
    person = factories.user("anna")
    client.post("/konto/glomt-losenord/", {"email": "anna@example.se"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/konto/aterstall/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Välj nytt lösenord" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Nytt-hemligt-ord-77", "new_password2": "Nytt-hemligt-ord-77"}
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Nytt-hemligt-ord-77")
    assert AuditEvent.objects.filter(action="password_reset", target_id=str(person.pk)).exists()
    again = client.get(link, follow=True).content.decode()
    assert "Länken fungerar inte längre" in again


def test_an_expired_reset_link_gives_a_clear_message_and_changes_nothing(client, settings):
    person = factories.user("anna")
    client.post("/konto/glomt-losenord/", {"email": "anna@example.se"})
    link = re.search(r"http://testserver(/konto/aterstall/\S+/)", mail.outbox[0].body).group(1)
    settings.PASSWORD_RESET_TIMEOUT = -1
    response = client.get(link, follow=True)
    html = response.content.decode()
    assert "Länken fungerar inte längre" in html and "har gått ut" in html
    response = client.post(
        response.redirect_chain[-1][0] if response.redirect_chain else link,
        {"new_password1": "Nytt-hemligt-ord-77", "new_password2": "Nytt-hemligt-ord-77"},
    )
    person.refresh_from_db()
    assert person.check_password(factories.PASSWORD)


def test_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post("/konto/glomt-losenord/", {"email": "okand@example.se"})
    assert response.status_code == 302 and len(mail.outbox) == 0


def test_profile_edit_is_audited_with_before_and_after(client, roles):
    client.force_login(roles.member)
    page = client.get("/konto/profil/").content.decode()
    assert "Sundsvalls kommun" in page and "Medlem" in page
    client.post("/konto/profil/", {"first_name": "Maja", "last_name": "Medlem", "email": "maja@sundsvall.se"})
    roles.member.refresh_from_db()
    assert roles.member.email == "maja@sundsvall.se"
    event = AuditEvent.objects.get(action="profile_updated")
    assert event.before["email"] == "medlem@example.se" and event.after["email"] == "maja@sundsvall.se"


def test_api_token_is_shown_once_stored_as_a_hash_and_can_be_revoked(client, roles):
    client.force_login(roles.member)
    response = client.post("/konto/profil/api-nycklar/", {"name": "Rapportskript"})
    secret = re.search(r'value="(kraft_[^"]+)"', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=roles.member)
    assert token.key_hash == ApiToken.hash_key(secret) and secret not in token.key_hash
    assert secret not in client.get("/konto/profil/").content.decode()
    api = client.__class__()
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["username"] == "medlem"
    client.post(f"/konto/profil/api-nycklar/{token.pk}/aterkalla/")
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert {"api_token_created", "api_token_revoked"} <= set(AuditEvent.objects.values_list("action", flat=True))


def test_token_without_a_name_is_refused(client, roles):
    client.force_login(roles.member)
    response = client.post("/konto/profil/api-nycklar/", {"name": ""})
    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_nobody_can_revoke_someone_elses_token(client, roles):
    client.force_login(roles.member)
    client.post("/konto/profil/api-nycklar/", {"name": "Mitt"})
    token = ApiToken.objects.get()
    client.force_login(roles.admin)
    assert client.post(f"/konto/profil/api-nycklar/{token.pk}/aterkalla/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
