"""/api/v1/organisations and /api/v1/me: filters, counts, registration, joining, and 4xx for bad input."""

import json

import pytest

from kraft.organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def post_json(client, url, data, **extra):
    return client.post(url, json.dumps(data), content_type="application/json", **extra)


def test_list_reports_the_total_count_per_kind(client):
    assert client.get("/api/v1/organisations?kind=kommun").json()["count"] == 290
    assert client.get("/api/v1/organisations?kind=region").json()["count"] == 20
    county = client.get("/api/v1/organisations?kind=kommun&county=22&page_size=10").json()
    assert county["count"] == 7 and len(county["results"]) == 7
    assert {r["county"]["code"] for r in county["results"]} == {"22"}
    search = client.get("/api/v1/organisations?q=Sundsvall").json()
    assert [r["name"] for r in search["results"]] == ["Sundsvalls kommun"]
    assert search["results"][0]["kind_label"] == "Kommun"


def test_pagination_and_detail(client, roles):
    page = client.get("/api/v1/organisations?kind=kommun&page=3&page_size=100").json()
    assert page["pages"] == 3 and len(page["results"]) == 90
    detail = client.get(f"/api/v1/organisations/{roles.organisation.pk}").json()
    assert detail["municipality_code"] == "2281" and detail["population"] > 90000


@pytest.mark.parametrize(
    "query",
    ["kind=planet", "county=abc", "page=0", "page_size=100000", "page=x", "status=approved"],
)
def test_malformed_list_queries_get_4xx_json(client, query):
    response = client.get(f"/api/v1/organisations?{query}")
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_unknown_organisation_is_a_json_404(client):
    response = client.get("/api/v1/organisations/999999")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_members_need_sign_in_and_emails_are_for_admins(client, roles):
    url = f"/api/v1/organisations/{roles.organisation.pk}/members"
    assert client.get(url).status_code == 401
    client.force_login(roles.member)
    members = client.get(url).json()
    assert {m["role"] for m in members} == {"member", "editor", "admin"}
    assert all(m["email"] is None for m in members)
    client.force_login(roles.admin)
    assert all(m["email"] for m in client.get(url).json())


def test_register_through_the_api(client, roles):
    client.force_login(roles.outsider)
    response = post_json(
        client,
        "/api/v1/organisations",
        {"name": "API-föreningen", "kind": "civilsamhalle", "org_number": "8024815717", "county": "22"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending" and body["org_number"] == "802481-5717" and body["county"]["code"] == "22"


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"name": "X", "kind": "civilsamhalle", "org_number": "802481-5718"}, 400),
        ({"name": "X", "kind": "kommun", "org_number": "802481-5717"}, 422),
        ({"name": "X", "kind": "civilsamhalle"}, 422),
        ({"name": "X", "kind": "civilsamhalle", "org_number": "802481-5717", "county": "77"}, 400),
        ({"name": "Sundsvalls kommun", "kind": "civilsamhalle", "org_number": "802481-5717"}, 400),
    ],
)
def test_bad_registrations_get_4xx_and_save_nothing(client, roles, payload, status):
    client.force_login(roles.outsider)
    count = Organisation.objects.count()
    response = post_json(client, "/api/v1/organisations", payload)
    assert response.status_code == status and response.json()["detail"]
    assert Organisation.objects.count() == count


def test_malformed_json_body_is_a_4xx(client, roles):
    client.force_login(roles.outsider)
    response = client.post("/api/v1/organisations", "{inte json", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_writes_need_authentication(client):
    response = post_json(client, "/api/v1/organisations", {"name": "X", "kind": "annan", "org_number": "8024815717"})
    assert response.status_code == 401


def test_join_through_the_api_twice_is_a_conflict(client, roles):
    client.force_login(roles.outsider)
    url = f"/api/v1/organisations/{roles.organisation.pk}/join"
    first = post_json(client, url, {"message": "Hej"})
    assert first.status_code == 201 and first.json()["status"] == "pending"
    second = post_json(client, url, {})
    assert second.status_code == 409 and "redan begärt" in second.json()["detail"]
    assert Membership.objects.filter(user=roles.outsider).count() == 1


def test_me_shows_profile_and_memberships(client, roles):
    assert client.get("/api/v1/me").status_code == 401
    client.force_login(roles.editor)
    me = client.get("/api/v1/me").json()
    assert me["username"] == "redaktor"
    assert [(m["organisation_name"], m["role"]) for m in me["memberships"]] == [("Sundsvalls kommun", "editor")]


def test_token_management_through_the_api(client, roles):
    client.force_login(roles.member)
    created = post_json(client, "/api/v1/me/tokens", {"name": "Skript"})
    assert created.status_code == 201
    key = created.json()["key"]
    other = client.__class__()
    assert other.get("/api/v1/me/tokens", HTTP_AUTHORIZATION=f"Bearer {key}").json()[0]["name"] == "Skript"
    assert "key" not in other.get("/api/v1/me/tokens", HTTP_AUTHORIZATION=f"Bearer {key}").json()[0]
    token_id = created.json()["id"]
    assert client.delete(f"/api/v1/me/tokens/{token_id}").json()["revoked_at"]
    assert other.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert post_json(client, "/api/v1/me/tokens", {"name": ""}).status_code == 422


def test_a_bad_token_is_a_401(client):
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer kraft_fel").status_code == 401


def test_admin_manages_requests_and_roles_through_the_api(client, roles):
    client.force_login(roles.outsider)
    joined = post_json(client, f"/api/v1/organisations/{roles.organisation.pk}/join", {"message": "Hej"}).json()
    client.force_login(roles.admin)
    base = f"/api/v1/organisations/{roles.organisation.pk}"
    assert [r["username"] for r in client.get(f"{base}/requests").json()] == ["utomstaende"]
    approved = post_json(client, f"{base}/requests/{joined['id']}/approve", {"role": "editor"})
    assert approved.status_code == 200 and approved.json()["role"] == "editor"
    again = post_json(client, f"{base}/requests/{joined['id']}/approve", {})
    assert again.status_code == 400 and "redan behandlad" in again.json()["detail"][0]
    admin_membership = Membership.objects.get(user=roles.admin)
    demote = client.put(
        f"{base}/members/{admin_membership.pk}/role", json.dumps({"role": "member"}), content_type="application/json"
    )
    assert demote.status_code == 400 and "enda administratören" in demote.json()["detail"][0]
    bad_role = client.put(
        f"{base}/members/{admin_membership.pk}/role", json.dumps({"role": "kung"}), content_type="application/json"
    )
    assert bad_role.status_code == 422
    assert client.delete(f"{base}/members/{admin_membership.pk}").status_code == 400
    assert Membership.objects.get(user=roles.admin).role == "admin"
    assert client.delete(f"{base}/members/{joined['id']}").status_code == 204
    assert not Membership.objects.filter(user=roles.outsider).exists()


def test_staff_approve_registrations_through_the_api(client, roles):
    client.force_login(roles.outsider)
    created = post_json(client, "/api/v1/organisations", {"name": "F", "kind": "annan", "org_number": "8024815717"})
    organisation_id = created.json()["id"]
    client.force_login(roles.staff)
    assert post_json(client, f"/api/v1/organisations/{organisation_id}/approve", {}).json()["status"] == "approved"
    assert post_json(client, f"/api/v1/organisations/{organisation_id}/reject", {}).status_code == 400
    assert Membership.objects.get(user=roles.outsider).status == "active"
