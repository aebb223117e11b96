"""The audit trail: who sees what, filters, readable changes, CSV export and the API."""

import csv
import io

import pytest

from kraft.audit.models import AuditEvent
from kraft.audit.services import record
from kraft.organisations.models import Membership
from kraft.organisations.services import change_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(roles):
    change_role(roles.admin, Membership.objects.get(user=roles.member), "editor")
    change_role(roles.other_admin, Membership.objects.get(user=roles.other_admin), "admin")  # no-op
    record(
        roles.other_admin,
        "organisation_updated",
        roles.other_organisation,
        before={"website": ""},
        after={"website": "https://timra.se"},
        organisation=roles.other_organisation,
    )
    record("anna", "login_failed", after={"username": "anna"})
    return roles


def test_admins_see_their_organisations_trail_only(client, trail):
    client.force_login(trail.admin)
    html = client.get("/logg/").content.decode()
    assert "Roll ändrad" in html and "medlem – Sundsvalls kommun" in html
    assert "timra.se" not in html and "Misslyckad inloggning" not in html.split("<tbody>")[-1]


def test_changes_are_shown_before_and_after(client, trail):
    client.force_login(trail.admin)
    html = client.get("/logg/").content.decode()
    assert "<dt>Roll</dt>" in html  # the field's name, not its code
    assert '<del><span class="visually-hidden">före: </span>Medlem</del>' in html
    assert "Redaktör</ins>" in html


def test_staff_see_everything_and_can_filter(client, trail):
    client.force_login(trail.staff)
    html = client.get("/logg/").content.decode()
    assert "timra.se" in html and "Misslyckad inloggning" in html
    assert "data-organisation-picker" in html  # staff choose among every organisation: the type-ahead picker
    filtered = client.get("/logg/?action=login_failed").content.decode()
    assert "1 händelse<" in filtered
    by_actor = client.get("/logg/?actor=annanadmin").content.decode()
    assert "timra.se" in by_actor and "medlem – Sundsvalls kommun" not in by_actor
    by_org = client.get(f"/logg/?organisation={trail.organisation.pk}").content.decode()
    assert "timra.se" not in by_org and "Roll ändrad" in by_org
    assert "0 händelser" in client.get("/logg/?since=2999-01-01").content.decode()


def test_people_without_an_admin_role_are_refused(client, trail):
    assert client.get("/logg/").status_code == 302
    for person in (trail.outsider, trail.member, trail.editor):
        client.force_login(person)
        assert client.get("/logg/").status_code == 403
        assert client.get("/logg/export.csv").status_code == 403


def test_admin_cannot_read_another_organisations_trail(client, trail):
    client.force_login(trail.admin)
    html = client.get(f"/logg/?organisation={trail.other_organisation.pk}").content.decode()
    assert "timra.se" not in html


def test_csv_export_has_the_same_filtered_rows(client, trail):
    client.force_login(trail.staff)
    response = client.get("/logg/export.csv?action=organisation_updated")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == AuditEvent.objects.filter(action="organisation_updated").count() == 1
    assert rows[0]["utford_av"] == "annanadmin" and "https://timra.se" in rows[0]["efter"]
    assert rows[0]["organisation"] == "Timrå kommun"


def test_api_staff_see_all_admins_their_own(client, trail):
    client.force_login(trail.staff)
    assert client.get("/api/v1/audit").json()["count"] == AuditEvent.objects.count()
    client.force_login(trail.admin)
    own = client.get(f"/api/v1/audit?organisation={trail.organisation.pk}").json()
    assert own["count"] >= 1 and {r["organisation_id"] for r in own["results"]} == {trail.organisation.pk}
    assert own["results"][0]["before"] == {"role": "member"}
    assert client.get(f"/api/v1/audit?organisation={trail.other_organisation.pk}").status_code == 403
    client.force_login(trail.member)
    assert client.get("/api/v1/audit").status_code == 403
    client.logout()
    assert client.get("/api/v1/audit").status_code == 401


@pytest.mark.parametrize("query", ["since=igår", "organisation=abc", "page=0"])
def test_api_malformed_filters_are_4xx(client, trail, query):
    client.force_login(trail.staff)
    response = client.get(f"/api/v1/audit?{query}")
    assert 400 <= response.status_code < 500


def test_other_apps_name_their_actions_through_hooks(client, trail, monkeypatch):
    from kraft.organisations import extensions

    real = extensions.hook_functions

    def hook_functions(name):
        extra = [lambda: {"initiative_created": "Initiativ skapat"}] if name == "audit_action_labels" else []
        return real(name) + extra

    monkeypatch.setattr(extensions, "hook_functions", hook_functions)
    record(
        trail.editor,
        "initiative_created",
        None,
        target_label="Chattbot",
        organisation=trail.organisation,
        after={f"fält{i}": i for i in range(8)},
    )
    client.force_login(trail.admin)
    html = client.get("/logg/").content.decode()
    assert "Initiativ skapat" in html and "initiative_created" not in html.split("<tbody>")[-1]
    assert "<summary>8 fält</summary>" in html  # long change lists fold away
    assert '<option value="initiative_created">Initiativ skapat</option>' in html


def test_audit_list_query_count_does_not_grow_with_the_events(client, trail):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(trail.staff)
    client.get("/logg/")
    with CaptureQueriesContext(connection) as few:
        client.get("/logg/")
    for i in range(30):
        record(trail.admin, "organisation_updated", trail.organisation, after={"n": i}, organisation=trail.organisation)
    with CaptureQueriesContext(connection) as many:
        client.get("/logg/")
    assert len(many) == len(few)


def test_a_formula_typed_as_a_username_is_stored_as_data_and_exported_inert(client, roles):
    client.post("/konto/logga-in/", {"username": '=HYPERLINK("http://x")', "password": "fel"})
    event = AuditEvent.objects.get(action="login_failed")
    assert event.after == {"username": '=HYPERLINK("http://x")'} and event.actor is None
    client.force_login(roles.staff)
    text = b"".join(client.get("/logg/export.csv").streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
