"""The start page "Mitt arbete": what each person sees after signing in, and the hook other apps use."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kraft.initiatives import services
from kraft.initiatives.models import Effect
from kraft.organisations.extensions import Section
from tests import factories

pytestmark = pytest.mark.django_db


def test_signing_in_leads_to_my_work(client, roles):
    response = client.post("/konto/logga-in/", {"username": "redaktor", "password": factories.PASSWORD})
    assert response["Location"] == "/mitt-arbete/"


def test_my_work_needs_sign_in(client, db):
    response = client.get("/mitt-arbete/")
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_first_time_person_gets_one_clear_next_step(client, roles):
    client.force_login(roles.outsider)
    html = client.get("/mitt-arbete/").content.decode()
    assert "Nästa steg" in html and "Hitta din organisation" in html
    client.force_login(roles.editor)
    html = client.get("/mitt-arbete/").content.decode()
    assert "Lägg till ett initiativ" in html and "Redaktör" in html and "Sundsvalls kommun" in html


def test_my_drafts_recent_edits_and_effects_due_are_listed_for_my_organisations_only(client, roles):
    draft = services.create_initiative(
        roles.editor, {"title": "Chattbot i växeln"}, lead_organisation=roles.organisation
    )
    services.add_effect(
        roles.editor,
        draft,
        {
            "dimension": "tidsbesparing",
            "unit": "sek",
            "amount": 1000,
            "follow_up_on": timezone.localdate() - timedelta(days=1),
        },
    )
    other = services.create_initiative(
        roles.other_admin, {"title": "Timrås hemliga utkast"}, lead_organisation=roles.other_organisation
    )
    client.force_login(roles.editor)
    html = client.get("/mitt-arbete/").content.decode()
    assert "Utkast i mina organisationer" in html and "Chattbot i växeln" in html
    assert "Dags att mäta effekter" in html and "Senast ändrade av mig" in html
    assert other.title not in html
    client.force_login(roles.member)  # sees the draft and the reminder, but has edited nothing
    html = client.get("/mitt-arbete/").content.decode()
    assert "Dags att mäta effekter" in html and "Senast ändrade av mig" not in html
    assert Effect.objects.count() == 1


def test_admin_sees_join_requests_waiting(client, roles):
    from kraft.organisations.services import request_membership

    request_membership(roles.outsider, roles.organisation, "Hej")
    client.force_login(roles.admin)
    html = client.get("/mitt-arbete/").content.decode()
    assert "Medlemskap att besluta om" in html and "1 begäran väntar" in html


def test_admin_sees_invitations_not_yet_accepted_and_others_do_not(client, roles):
    from kraft.accounts import invitations

    invitations.invite(roles.admin, roles.organisation, "ny.kollega@sundsvall.se", "editor")
    revoked, _key = invitations.invite(roles.admin, roles.organisation, "fel.adress@sundsvall.se", "member")
    invitations.revoke(roles.admin, revoked)
    client.force_login(roles.admin)
    html = client.get("/mitt-arbete/").content.decode()
    assert "Inbjudningar som inte har antagits" in html and "1 inbjudan väntar" in html
    assert f'href="/konto/inbjudningar/organisation/{roles.organisation.pk}/"' in html
    for person in (roles.editor, roles.other_admin):
        client.force_login(person)
        assert "Inbjudningar som inte har antagits" not in client.get("/mitt-arbete/").content.decode()


def test_other_apps_add_sections_through_the_hook(client, roles, monkeypatch):
    from kraft.initiatives import hooks

    def my_work_sections(request):
        return [
            Section(
                title="Från en annan app",
                template="organisations/_section_list.html",
                context={"items": [{"url": "/x/", "label": "Uppgift", "meta": "i dag"}]},
                order=1,
            )
        ]

    monkeypatch.setattr(hooks, "my_work_sections", my_work_sections, raising=True)
    client.force_login(roles.member)
    html = client.get("/mitt-arbete/").content.decode()
    assert "Från en annan app" in html and "Uppgift" in html


def test_my_work_in_english(client, roles):
    client.force_login(roles.editor)
    html = client.get("/mitt-arbete/?lang=en").content.decode()
    assert "My work" in html
