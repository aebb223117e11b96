"""Finding organisations goes through the Swedish search port and follows approvals and edits."""

import pytest

from kraft.organisations.models import Organisation
from tests.organisations.test_registration import register

pytestmark = pytest.mark.django_db


def _names(client, query: str) -> list[str]:
    data = client.get("/api/v1/organisations", {"q": query, "page_size": 50}).json()
    return [row["name"] for row in data["results"]]


def test_search_understands_swedish_word_forms_and_ranks_the_best_match_first(client):
    assert _names(client, "sundsvall")[0] == "Sundsvalls kommun"
    assert "Region Västernorrland" in _names(client, "västernorrlands")


def test_an_organisation_becomes_findable_once_staff_approve_it(client, roles):
    client.force_login(roles.outsider)
    register(client, name="Föreningen Äldrekraft", description="Vi arbetar mot ensamhet bland äldre.")
    organisation = Organisation.objects.get(name="Föreningen Äldrekraft")
    assert "Föreningen Äldrekraft" not in _names(client, "ensamhet")

    client.force_login(roles.staff)
    client.post(f"/organisationer/granska/{organisation.pk}/godkann/")
    assert _names(client, "ensamheten") == ["Föreningen Äldrekraft"]
    assert "Föreningen Äldrekraft" in _names(client, "äldrekraft")
