"""Draft → published → archived, versions on every public change, stale edits refused, copies that keep their origin."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kraft.audit.models import AuditEvent
from kraft.initiatives import services, versions
from kraft.initiatives.models import Initiative
from tests.initiatives.helpers import EXPECTED_ROI, chatbot


def test_publishing_stores_a_version_and_each_public_edit_another(roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation)
    assert initiative.status == Initiative.Status.DRAFT
    assert initiative.versions.count() == 0
    services.publish_initiative(roles.editor, initiative)
    assert initiative.status == Initiative.Status.PUBLISHED
    assert initiative.published_version == 1
    services.update_initiative(roles.editor, initiative, {"title": "Chattbot i växeln 2.0"}, initiative.version)
    numbers = list(initiative.versions.values_list("number", flat=True))
    assert numbers == [2, 1]
    old, new = (v.snapshot for v in initiative.versions.order_by("number"))
    changes = versions.diff(old, new)
    assert [c.name for c in changes] == ["title"]
    assert (changes[0].old, changes[0].new) == ("Chattbot i växeln", "Chattbot i växeln 2.0")
    assert new["figures"]["roi"] == str(EXPECTED_ROI)
    services.archive_initiative(roles.editor, initiative)
    assert Initiative.objects.get(pk=initiative.pk).status == Initiative.Status.ARCHIVED
    actions = set(AuditEvent.objects.filter(target_id=str(initiative.pk)).values_list("action", flat=True))
    assert {"initiative_created", "initiative_published", "initiative_updated", "initiative_archived"} <= actions


def test_a_stale_edit_is_refused_with_what_changed(roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation)
    opened_at = initiative.version
    services.update_initiative(roles.admin, initiative, {"summary": "Ny sammanfattning"}, opened_at)
    stale_copy = Initiative.objects.get(pk=initiative.pk)
    with pytest.raises(services.StaleEdit) as caught:
        services.update_initiative(roles.editor, stale_copy, {"summary": "Min text", "title": "Min titel"}, opened_at)
    assert caught.value.changes == {"summary": ("Ny sammanfattning", "Min text")}
    assert Initiative.objects.get(pk=initiative.pk).summary == "Ny sammanfattning"


@pytest.mark.parametrize("role", ["member", "outsider", "other_admin"])
def test_only_editors_of_the_lead_organisation_write(roles, role) -> None:
    initiative = chatbot(roles.editor, roles.organisation)
    person = roles.by_name(role)
    with pytest.raises(PermissionDenied):
        services.update_initiative(person, initiative, {"title": "x"}, initiative.version)
    with pytest.raises(PermissionDenied):
        services.publish_initiative(person, initiative)
    with pytest.raises(PermissionDenied):
        services.create_initiative(person, {"title": "x"}, lead_organisation=roles.organisation)


def test_invalid_values_are_refused_per_field(roles) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_initiative(
            roles.editor,
            {"title": "", "summary": "x" * 301, "start_date": "2026-02-01", "end_date": "2026-01-01"},
            lead_organisation=roles.organisation,
        )
    assert {"title", "summary", "end_date"} <= set(caught.value.message_dict)
    initiative = chatbot(roles.editor, roles.organisation)
    with pytest.raises(ValidationError) as caught:
        services.add_effect(
            roles.editor, initiative, {"dimension": "tidsbesparing", "unit": "hours", "basis": "measured"}
        )
    assert {"hours", "people", "hourly_cost", "baseline", "measured_on", "method"} <= set(caught.value.message_dict)


def test_copy_keeps_the_origin_and_turns_measurements_into_expectations(roles) -> None:
    original = chatbot(roles.editor, roles.organisation, publish=True)
    copy = services.copy_initiative(roles.other_admin, original, roles.other_organisation)
    assert copy.reused_from == original
    assert copy.status == Initiative.Status.DRAFT
    assert copy.lead_organisation == roles.other_organisation
    assert set(copy.effects.values_list("basis", flat=True)) == {"expected"}
    assert copy.is_evaluated is False
    assert copy.costs.count() == 2
    assert list(original.reuses.all()) == [copy]


def test_effect_changes_refresh_the_stored_figures(roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    for effect in list(initiative.effects.filter(basis="measured")):
        services.delete_effect(roles.editor, effect)
    initiative.refresh_from_db()
    assert initiative.is_evaluated is False
    assert str(initiative.annual_value) == "208000.00"
    assert initiative.versions.count() == 3


def test_stale_edit_names_classifications_and_partners_readably(roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation)
    opened_at = initiative.version
    services.update_initiative(
        roles.admin, initiative, {"welfare_area": "hr"}, opened_at, partners=[roles.other_organisation]
    )
    with pytest.raises(services.StaleEdit) as caught:
        services.update_initiative(
            roles.editor,
            Initiative.objects.get(pk=initiative.pk),
            {"welfare_area": "medborgarservice"},
            opened_at,
            partners=[],
        )
    labelled = {label: (theirs, yours) for label, theirs, yours in caught.value.labelled()}
    assert labelled["verksamhetsområde"] == ("HR", "Medborgarservice")
    assert labelled["partner"] == ("Timrå kommun", "–")


def test_a_supplier_template_can_be_started_from_and_shows_its_reuse(client, roles) -> None:
    template = services.create_initiative(
        "import:nl_templates",
        {"title": "Leverantörens taligenkänning", "record_type": "supplier_template", "country": "NL"},
        lead_organisation=None,
        source_name="NL leverantörsmallar",
        source_id="mall-1",
        publish=True,
    )
    copy = services.copy_initiative(roles.editor, template, roles.organisation)
    assert copy.record_type == Initiative.RecordType.INITIATIVE and copy.country == "SE"
    assert copy.reused_from == template and copy.source_id == ""
    services.publish_initiative(roles.editor, copy)
    page = client.get(f"/initiativ/{template.pk}/").content.decode()
    assert "Leverantörsmall" in page and f"/initiativ/{copy.pk}/" in page
