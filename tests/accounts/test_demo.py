"""The demo accounts: created through the services, printed, and idempotent."""

import io

import pytest
from django.contrib.auth import get_user_model

from kraft.accounts import demo
from kraft.organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_created_once_and_printed(client):
    out = io.StringIO()
    demo.load(out)
    users, memberships = get_user_model().objects.count(), Membership.objects.count()
    demo.load(io.StringIO())
    assert (get_user_model().objects.count(), Membership.objects.count()) == (users, memberships)
    printed = out.getvalue()
    for username, *_rest in demo.PEOPLE:
        assert username in printed
    assert demo.PASSWORD in printed
    association = Organisation.objects.get(org_number="802481-5717")
    assert association.status == "approved"
    assert Membership.objects.get(organisation=association).user.username == "forening-admin"
    assert get_user_model().objects.get(username="personal").is_staff
    roles = dict(
        Membership.objects.filter(organisation__name="Sundsvalls kommun").values_list("user__username", "role")
    )
    assert roles == {"sundsvall-admin": "admin", "sundsvall-redaktor": "editor", "sundsvall-medlem": "member"}
    response = client.post("/konto/logga-in/", {"username": "sundsvall-admin", "password": demo.PASSWORD})
    assert response.status_code == 302
