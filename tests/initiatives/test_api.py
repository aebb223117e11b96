"""/api/v1/initiatives through tokens and sessions, with the same permissions and figures as the pages."""

from __future__ import annotations

import json

import pytest

from kraft.accounts.services import create_api_token
from kraft.initiatives import services
from kraft.initiatives.models import Initiative
from tests.initiatives.helpers import CHATBOT_COSTS, CHATBOT_EFFECTS, chatbot


def _bearer(person) -> dict:
    _token, secret = create_api_token(person, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _jsonable(rows: list[dict]) -> list[dict]:
    return [{k: (str(v) if not isinstance(v, str | int | float | None) else v) for k, v in row.items()} for row in rows]


def test_detail_carries_the_hand_computed_roi(client, roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    data = client.get(f"/api/v1/initiatives/{initiative.pk}").json()
    assert data["roi"] == 1.25
    assert data["annual_value"] == 180000.0
    assert data["total_cost"] == 240000.0
    assert data["figures"]["roi"] == 1.25
    assert data["figures"]["roi_percent"] == 125.0
    assert data["figures"]["payback_years"] == 1.0
    assert data["is_evaluated"] is True
    assert [e["annual_value"] for e in data["effects"]] == [208000.0, 156000.0, 24000.0]
    assert data["versions"][0]["number"] == 1


def test_list_filters_paginates_and_counts(client, roles) -> None:
    for number in range(3):
        chatbot(roles.editor, roles.organisation, publish=True, title=f"Chattbot {number}")
    services.create_initiative(
        roles.other_admin,
        {
            "title": "Prognos av elevantal",
            "welfare_area": "skola-och-utbildning",
            "technique": "prognos-och-prediktion",
        },
        lead_organisation=roles.other_organisation,
        publish=True,
    )
    page = client.get("/api/v1/initiatives?page_size=2").json()
    assert page["count"] == 4 and page["pages"] == 2 and len(page["results"]) == 2
    only_school = client.get("/api/v1/initiatives?area=skola-och-utbildning").json()
    assert [r["title"] for r in only_school["results"]] == ["Prognos av elevantal"]
    assert client.get("/api/v1/initiatives?municipality=2262").json()["count"] == 1
    assert client.get("/api/v1/initiatives?evaluated=1").json()["count"] == 3
    assert client.get("/api/v1/initiatives?q=elevantal").json()["count"] == 1
    by_roi = client.get("/api/v1/initiatives?sort=roi").json()["results"]
    assert by_roi[-1]["title"] == "Prognos av elevantal"
    assert client.get("/api/v1/initiatives?page=0").status_code == 422  # bounds are in the schema
    assert client.get(f"/api/v1/initiatives?page={2**63}").status_code == 422
    assert client.get("/api/v1/initiatives?page_size=100000").status_code == 422
    assert client.get("/api/v1/initiatives?sort=bogus").status_code == 422


def test_create_publish_patch_and_stale_patch_with_a_token(client, roles) -> None:
    headers = _bearer(roles.editor)
    payload = {
        "title": "Chattbot i växeln",
        "lead_organisation": roles.organisation.pk,
        "welfare_area": "medborgarservice",
        "stage": "pilot",
        "partners": [roles.other_organisation.pk],
        "tags": ["chattbot"],
        "effects": _jsonable(CHATBOT_EFFECTS),
        "costs": _jsonable(CHATBOT_COSTS),
    }
    response = client.post("/api/v1/initiatives", json.dumps(payload), content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft" and created["roi"] == 1.25
    assert created["partners"][0]["id"] == roles.other_organisation.pk
    pk, version = created["id"], created["version"]
    assert client.get(f"/api/v1/initiatives/{pk}").status_code == 404  # a draft is not public
    assert client.post(f"/api/v1/initiatives/{pk}/publish", **headers).json()["status"] == "published"
    assert client.get(f"/api/v1/initiatives/{pk}").status_code == 200

    patch = {"version": version, "summary": "Svarar dygnet runt."}
    response = client.patch(f"/api/v1/initiatives/{pk}", json.dumps(patch), content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "Svarar dygnet runt."
    assert response.json()["title"] == "Chattbot i växeln"  # untouched by PATCH
    assert [v["number"] for v in response.json()["versions"]] == [2, 1]

    stale = {"version": version, "summary": "Gammal text"}
    response = client.patch(f"/api/v1/initiatives/{pk}", json.dumps(stale), content_type="application/json", **headers)
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale" and body["current_version"] == version + 1
    assert body["changes"] == {"summary": {"theirs": "Svarar dygnet runt.", "yours": "Gammal text"}}
    assert Initiative.objects.get(pk=pk).summary == "Svarar dygnet runt."

    missing_version = client.patch(
        f"/api/v1/initiatives/{pk}", json.dumps({"summary": "x"}), content_type="application/json", **headers
    )
    assert missing_version.status_code == 422


def test_put_replaces_fields_and_effects_endpoints_recompute(client, roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation, contact_name="Anna")
    headers = _bearer(roles.editor)
    body = {"version": initiative.version, "title": "Ny titel"}
    response = client.put(
        f"/api/v1/initiatives/{initiative.pk}", json.dumps(body), content_type="application/json", **headers
    )
    assert response.status_code == 200, response.content
    assert response.json()["contact_name"] == "" and response.json()["stage"] == "ide"
    measured = [e for e in response.json()["effects"] if e["basis"] == "measured"]
    for effect in measured:
        url = f"/api/v1/initiatives/{initiative.pk}/effects/{effect['id']}"
        assert client.delete(url, **headers).status_code == 200
    data = client.get(f"/api/v1/initiatives/{initiative.pk}", **headers).json()
    assert data["is_evaluated"] is False and data["annual_value"] == 208000.0
    bad = {"dimension": "kvalitet", "unit": "hours", "basis": "measured"}
    response = client.post(
        f"/api/v1/initiatives/{initiative.pk}/effects", json.dumps(bad), content_type="application/json", **headers
    )
    assert response.status_code == 400 and "hours" in response.json()["detail"]


def test_copy_through_the_api_keeps_the_origin(client, roles) -> None:
    original = chatbot(roles.editor, roles.organisation, publish=True)
    response = client.post(
        f"/api/v1/initiatives/{original.pk}/copy",
        json.dumps({"organisation": roles.other_organisation.pk}),
        content_type="application/json",
        **_bearer(roles.other_admin),
    )
    assert response.status_code == 201
    assert response.json()["reused_from"] == original.pk
    assert client.get(f"/api/v1/initiatives/{original.pk}").json()["reused_by"] == []  # the copy is a draft
    services.publish_initiative(roles.other_admin, Initiative.objects.get(pk=response.json()["id"]))
    assert client.get(f"/api/v1/initiatives/{original.pk}").json()["reused_by"] == [response.json()["id"]]


def test_scaled_endpoint_returns_assumptions(client, roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    data = client.get(f"/api/v1/initiatives/{initiative.pk}/scaled?n=10&adoption=0.5&replication_cost=50000").json()
    assert data["annual_value"] == "900000.00" and data["total_cost"] == "700000.00"
    assert {a["key"] for a in data["assumptions"]} >= {"n_organisations", "adoption_rate", "replication_cost"}
    assert client.get(f"/api/v1/initiatives/{initiative.pk}/scaled?adoption=2").status_code == 422


@pytest.mark.parametrize(
    ("role", "can_read_draft", "can_write"),
    [
        ("anonymous", False, False),
        ("outsider", False, False),
        ("other_admin", False, False),
        ("member", True, False),
        ("editor", True, True),
        ("admin", True, True),
        ("staff", True, True),
    ],
)
def test_role_matrix_for_drafts(client, roles, role, can_read_draft, can_write) -> None:
    draft = chatbot(roles.editor, roles.organisation, title="Hemligt utkast")
    person = roles.by_name(role)
    headers = _bearer(person) if person is not None else {}
    assert (client.get(f"/api/v1/initiatives/{draft.pk}", **headers).status_code == 200) is can_read_draft
    titles = [r["title"] for r in client.get("/api/v1/initiatives?q=Hemligt", **headers).json()["results"]]
    assert ("Hemligt utkast" in titles) is can_read_draft
    patch = json.dumps({"version": draft.version, "title": "Ändrad"})
    status = client.patch(f"/api/v1/initiatives/{draft.pk}", patch, content_type="application/json", **headers)
    expected = 200 if can_write else (401 if person is None else (403 if can_read_draft else 404))
    assert status.status_code == expected
    publish = client.post(f"/api/v1/initiatives/{draft.pk}/publish", **headers).status_code
    assert publish == (200 if can_write else expected)


def test_api_list_query_count_does_not_grow_with_page_size(client, roles) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(12):
        initiative = chatbot(roles.editor, roles.organisation, publish=True, title=f"Initiativ {number}")
        services.set_partners(roles.editor, initiative, [roles.other_organisation])
    counts = {}
    for size in (3, 12):
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get(f"/api/v1/initiatives?page_size={size}").json()["results"]) == size
        counts[size] = len(queries)
    assert counts[3] == counts[12], counts
