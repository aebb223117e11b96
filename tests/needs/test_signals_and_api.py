"""Signals on needs and the /api/v1/needs endpoints, with the refusals the issue names."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kraft.audit.models import AuditEvent
from kraft.needs.models import Need, Signal
from tests.needs.helpers import PROBLEM, need

pytestmark = pytest.mark.django_db


def _api(person=None) -> Client:
    client = Client()
    if person is not None:
        from kraft.accounts.services import create_api_token

        token = create_api_token(person, "test")[1]
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def _post(client: Client, url: str, data: dict) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_another_organisation_signals_on_the_page_and_the_count_shows(roles) -> None:
    published = need(roles.other_admin, roles.other_organisation)
    client = Client()
    client.force_login(roles.member)
    response = client.post(
        f"/behov/{published.pk}/signal/", {"organisation": roles.organisation.pk, "kind": "same_need"}
    )
    assert response.status_code == 302
    page = Client().get(f"/behov/{published.pk}/").content.decode()
    assert "Sundsvalls kommun" in page
    listing = Client().get("/behov/").content.decode()
    assert "1 signal" in listing
    assert AuditEvent.objects.filter(action="signal_added", target_id=str(published.pk)).exists()


def test_a_signal_for_an_organisation_the_person_does_not_belong_to_is_refused(roles) -> None:
    published = need(roles.editor, roles.organisation)
    client = Client()
    client.force_login(roles.member)
    response = client.post(
        f"/behov/{published.pk}/signal/", {"organisation": roles.other_organisation.pk, "kind": "same_need"}
    )
    assert response.status_code == 400
    assert "Du kan bara signalera för en organisation där du har en roll" in response.content.decode()
    api = _post(
        _api(roles.member),
        f"/api/v1/needs/{published.pk}/signals",
        {"organisation": roles.other_organisation.pk, "kind": "follow"},
    )
    assert api.status_code == 403
    assert "roll" in api.json()["detail"]
    assert Signal.objects.count() == 0


def test_a_second_identical_signal_is_refused_and_nothing_changes(roles) -> None:
    published = need(roles.other_admin, roles.other_organisation)
    client = _api(roles.member)
    first = _post(
        client, f"/api/v1/needs/{published.pk}/signals", {"organisation": roles.organisation.pk, "kind": "follow"}
    )
    assert first.status_code == 201
    again = _post(
        client, f"/api/v1/needs/{published.pk}/signals", {"organisation": roles.organisation.pk, "kind": "follow"}
    )
    assert again.status_code == 400
    assert "har redan gett den signalen" in str(again.json()["detail"])
    assert Signal.objects.count() == 1


def test_solved_and_contribute_signals_need_their_details(roles) -> None:
    from kraft.initiatives import services as initiatives

    published = need(roles.other_admin, roles.other_organisation)
    client = _api(roles.editor)
    url = f"/api/v1/needs/{published.pk}/signals"
    assert _post(client, url, {"organisation": roles.organisation.pk, "kind": "solved"}).status_code == 400
    assert _post(client, url, {"organisation": roles.organisation.pk, "kind": "contribute"}).status_code == 400
    ours = initiatives.create_initiative(
        "test", {"title": "Vår chattbot"}, lead_organisation=roles.organisation, publish=True
    )
    solved = _post(client, url, {"organisation": roles.organisation.pk, "kind": "solved", "initiative": ours.pk})
    assert solved.status_code == 201 and solved.json()["initiative"] == ours.pk
    offer = _post(
        client,
        url,
        {"organisation": roles.organisation.pk, "kind": "contribute", "contributions": ["data", "pilot_site"]},
    )
    assert offer.status_code == 201
    counts = Client().get(f"/api/v1/needs/{published.pk}").json()["signals"]
    assert counts == {"same_need": 0, "solved": 1, "contribute": 1, "follow": 0}


def test_the_api_creates_lists_and_updates_needs_with_the_pages_permissions(roles) -> None:
    client = _api(roles.editor)
    empty = _post(client, "/api/v1/needs", {"organisation": roles.organisation.pk, "title": "Tomt", "problem": ""})
    assert empty.status_code == 400
    assert "får inte vara tom" in json.dumps(empty.json(), ensure_ascii=False)
    created = _post(
        client,
        "/api/v1/needs",
        {"organisation": roles.organisation.pk, "title": "Via API", "problem": PROBLEM, "publish": True},
    )
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "open" and body["version"] == 1
    listed = Client().get("/api/v1/needs").json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    patched = client.patch(
        f"/api/v1/needs/{body['id']}", json.dumps({"version": 1, "urgency": "high"}), content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["urgency"] == "high"
    stale = client.patch(
        f"/api/v1/needs/{body['id']}", json.dumps({"version": 1, "urgency": "low"}), content_type="application/json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    refused = _post(
        _api(roles.member), "/api/v1/needs", {"organisation": roles.organisation.pk, "title": "x", "problem": PROBLEM}
    )
    assert refused.status_code == 403
    assert Need.objects.count() == 1


def test_drafts_never_appear_in_the_api_for_other_organisations(roles) -> None:
    draft = need(roles.editor, roles.organisation, title="Utkast i API", publish=False)
    for person in (None, roles.outsider, roles.other_admin):
        client = Client()
        if person is not None:
            client.force_login(person)
        assert client.get(f"/api/v1/needs/{draft.pk}").status_code == 404
        assert draft.pk not in [row["id"] for row in client.get("/api/v1/needs").json()["results"]]
        assert client.get(f"/api/v1/needs/{draft.pk}/signals").status_code == 404


def test_the_needs_endpoints_are_in_the_openapi_schema() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/needs", "/api/v1/needs/{need_id}", "/api/v1/needs/{need_id}/signals"):
        assert path in paths
