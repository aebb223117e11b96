"""An organisation listed as partner by someone else is shown as unconfirmed until its own editor says yes."""

from __future__ import annotations

from typing import Any

from kraft.audit.models import AuditEvent
from kraft.initiatives import services
from kraft.initiatives.models import PartnerConfirmation


def _listed_by_other(roles: Any) -> Any:
    from tests import factories

    timra_editor = factories.user("timraredaktor")
    factories.member(timra_editor, roles.other_organisation, "editor")
    return services.create_initiative(
        timra_editor,
        {"title": "Gemensam chattbot", "summary": "Timrå listar Sundsvall"},
        lead_organisation=roles.other_organisation,
        partners=[roles.organisation],
        publish=True,
    )


def test_a_partner_named_by_another_organisation_is_shown_unconfirmed_until_it_confirms(
    client: Any, roles: Any
) -> None:
    initiative = _listed_by_other(roles)
    page = client.get(f"/initiativ/{initiative.pk}/").content.decode()
    assert "ej bekräftad" in page
    api = client.get(f"/api/v1/initiatives/{initiative.pk}").json()
    assert api["partners"] == [{**api["partners"][0], "confirmed": False}]

    client.force_login(roles.editor)
    assert "Bekräfta att" in client.get(f"/initiativ/{initiative.pk}/").content.decode()
    response = client.post(f"/initiativ/{initiative.pk}/partner/{roles.organisation.pk}/bekrafta/")
    assert response.status_code == 302
    client.logout()
    assert "ej bekräftad" not in client.get(f"/initiativ/{initiative.pk}/").content.decode()
    assert client.get(f"/api/v1/initiatives/{initiative.pk}").json()["partners"][0]["confirmed"] is True
    assert AuditEvent.objects.filter(action="initiative_partner_confirmed").exists()


def test_a_partner_that_declines_is_taken_off_and_others_cannot_answer_for_it(client: Any, roles: Any) -> None:
    initiative = _listed_by_other(roles)
    client.force_login(roles.member)
    assert client.post(f"/initiativ/{initiative.pk}/partner/{roles.organisation.pk}/avboj/").status_code == 403
    client.force_login(roles.other_admin)
    assert client.post(f"/initiativ/{initiative.pk}/partner/{roles.organisation.pk}/bekrafta/").status_code == 403
    client.force_login(roles.admin)
    assert client.post(f"/initiativ/{initiative.pk}/partner/{roles.organisation.pk}/avboj/").status_code == 302
    assert not initiative.partners.exists()
    assert AuditEvent.objects.filter(action="initiative_partner_declined").exists()


def test_an_editor_of_both_organisations_confirms_by_naming_the_partner(roles: Any) -> None:
    from tests import factories

    factories.member(roles.editor, roles.other_organisation, "editor")
    initiative = services.create_initiative(
        roles.editor,
        {"title": "Båda", "summary": "Samma redaktör"},
        lead_organisation=roles.other_organisation,
        partners=[roles.organisation],
    )
    assert PartnerConfirmation.objects.filter(initiative=initiative, organisation=roles.organisation).exists()
