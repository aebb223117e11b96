"""Registering an organisation: the organisationsnummer is checked, duplicates refused, staff approve."""

import pytest

from kraft.audit.models import AuditEvent
from kraft.organisations.models import Membership, Organisation
from tests import factories

pytestmark = pytest.mark.django_db

VALID = "802481-5717"


def register(client, **overrides):
    data = {
        "name": "Föreningen Testkraft",
        "kind": "civilsamhalle",
        "legal_form": "ideell_forening",
        "org_number": VALID,
        "county": "",
        "website": "",
        "email": "",
        "description": "",
    }
    data.update(overrides)
    return client.post("/organisationer/registrera/", data)


def test_registered_organisation_waits_for_staff_and_registrant_becomes_admin_on_approval(client, roles):
    client.force_login(roles.outsider)
    response = register(client, org_number="8024815717")
    organisation = Organisation.objects.get(name="Föreningen Testkraft")
    assert response.status_code == 302 and response["Location"] == f"/organisationer/{organisation.pk}/"
    assert organisation.status == "pending" and organisation.org_number == VALID
    membership = Membership.objects.get(user=roles.outsider, organisation=organisation)
    assert (membership.role, membership.status) == ("admin", "pending")
    assert "Föreningen Testkraft</a>" not in client.get("/organisationer/?q=Testkraft").content.decode()

    client.force_login(roles.staff)
    queue = client.get("/organisationer/granska/")
    assert "Föreningen Testkraft" in queue.content.decode()
    assert client.post(f"/organisationer/granska/{organisation.pk}/godkann/").status_code == 302
    organisation.refresh_from_db()
    membership.refresh_from_db()
    assert organisation.status == "approved" and membership.status == "active"
    actions = set(AuditEvent.objects.filter(organisation=organisation).values_list("action", flat=True))
    assert {
        "organisation_registered",
        "organisation_approved",
        "membership_requested",
        "membership_approved",
    } <= actions


@pytest.mark.parametrize(
    ("number", "message"),
    [("802481-5718", "fel kontrollsiffra"), ("12345", "tio siffror"), ("abcdefghij", "tio siffror")],
)
def test_wrong_organisation_number_is_refused_with_a_swedish_message_and_nothing_saved(client, roles, number, message):
    client.force_login(roles.outsider)
    response = register(client, org_number=number)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="Föreningen Testkraft"' in html  # what was typed is kept
    assert not Organisation.objects.filter(name="Föreningen Testkraft").exists()


def test_duplicate_name_or_number_is_refused_with_a_clear_message(client, roles):
    client.force_login(roles.outsider)
    register(client)
    count = Organisation.objects.count()
    same_number = register(client, name="Annat namn")
    assert same_number.status_code == 400
    assert "redan en organisation med organisationsnumret 802481-5717" in same_number.content.decode()
    same_name = register(client, name="föreningen testkraft", org_number="212000-1355")
    assert same_name.status_code == 400
    assert "redan en organisation som heter" in same_name.content.decode()
    assert Organisation.objects.count() == count


def test_municipalities_cannot_be_registered(client, roles):
    client.force_login(roles.outsider)
    response = register(client, kind="kommun")
    assert response.status_code == 400
    assert not Organisation.objects.filter(name="Föreningen Testkraft").exists()


def test_staff_can_reject_and_registrants_membership_is_rejected(client, roles):
    client.force_login(roles.outsider)
    register(client)
    organisation = Organisation.objects.get(name="Föreningen Testkraft")
    client.force_login(roles.staff)
    client.post(f"/organisationer/granska/{organisation.pk}/avsla/", {"reason": "Okänd förening"})
    organisation.refresh_from_db()
    assert organisation.status == "rejected"
    assert Membership.objects.get(organisation=organisation).status == "rejected"
    event = AuditEvent.objects.get(action="organisation_rejected")
    assert event.after["reason"] == "Okänd förening" and event.actor == roles.staff


def test_only_staff_may_approve(client, roles):
    client.force_login(roles.outsider)
    register(client)
    organisation = Organisation.objects.get(name="Föreningen Testkraft")
    client.force_login(roles.admin)
    assert client.post(f"/organisationer/granska/{organisation.pk}/godkann/").status_code == 403
    organisation.refresh_from_db()
    assert organisation.status == "pending"


def test_pending_organisation_is_visible_to_its_registrant_only(client, roles):
    client.force_login(roles.outsider)
    register(client)
    organisation = Organisation.objects.get(name="Föreningen Testkraft")
    assert client.get(f"/organisationer/{organisation.pk}/").status_code == 200
    client.force_login(factories.user("nyfiken"))
    assert client.get(f"/organisationer/{organisation.pk}/").status_code == 404
