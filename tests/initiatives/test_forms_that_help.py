"""Forms that help: effect fields follow the unit (also without JavaScript), the default hourly cost, Swedish
numbers, the create flow that leads on, publishing with confirmation, and kommun reference data kept read-only."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from kraft.initiatives import services
from kraft.initiatives.models import Cost, Effect, Initiative
from kraft.organisations.models import Organisation
from tests.organisations.test_pages import edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(roles):
    return services.create_initiative(
        roles.editor, {"title": "Tolktjänst med AI"}, lead_organisation=roles.organisation
    )


def _effect(**values):
    base = {"effect-dimension": "tidsbesparing", "effect-unit": "sek", "effect-basis": "expected", "add_effect": "1"}
    return {**base, **{f"effect-{k}": v for k, v in values.items()}}


def _fieldset(html: str, unit: str) -> str:
    return re.search(rf'<fieldset class="unit-fields" data-shown-for="unit" data-value="{unit}"[^>]*>', html).group(0)


def test_create_leads_on_to_effects_and_costs(client, roles):
    client.force_login(roles.editor)
    html = client.get("/initiativ/nytt/").content.decode()
    assert "1. Beskriv initiativet" in html and "2. Effekter och kostnader" in html
    response = client.post(
        "/initiativ/nytt/",
        {
            "title": "Ny",
            "lead_organisation": roles.organisation.pk,
            "stage": "ide",
            "risk_class": "ej_bedomd",
            "horizon_years": 3,
        },
    )
    initiative = Initiative.objects.get(title="Ny")
    assert response["Location"] == f"/initiativ/{initiative.pk}/effekter/"


def test_only_the_chosen_units_fields_are_shown_and_the_default_hourly_cost_is_offered(client, roles, draft):
    client.force_login(roles.editor)
    html = client.get(f"/initiativ/{draft.pk}/effekter/").content.decode()
    assert " hidden" not in _fieldset(html, "sek") and " hidden" in _fieldset(html, "hours")
    assert 'name="effect-hourly_cost" value="350"' in html  # the national default, prefilled

    # Without JavaScript: choosing "hours" and pressing the button shows the hours fields, saves nothing
    response = client.post(
        f"/initiativ/{draft.pk}/effekter/",
        {"effect-dimension": "tidsbesparing", "effect-unit": "hours", "effect-basis": "expected", "change_unit": "1"},
    )
    html = response.content.decode()
    assert " hidden" in _fieldset(html, "sek") and " hidden" not in _fieldset(html, "hours")
    assert 'class="error"' not in html and not Effect.objects.exists()


def test_500_hours_a_year_is_accepted_with_the_default_hourly_cost_and_reads_well(client, roles, draft):
    client.force_login(roles.editor)
    response = client.post(
        f"/initiativ/{draft.pk}/effekter/",
        _effect(unit="hours", hours="500", people="1", periods_per_year="1", hourly_cost="350", amount="999"),
    )
    assert response.status_code == 302
    effect = Effect.objects.get()
    assert effect.hourly_cost == Decimal("350") and effect.amount is None  # the other unit's leftover is cleared
    html = client.get(f"/initiativ/{draft.pk}/").content.decode()
    assert "500 timmar × 1 person × 1 gång per år × 350 kr per timme" in html
    assert "personer × 1 perioder" not in html


def test_the_organisations_own_hourly_cost_is_offered(client, roles, draft):
    Organisation.objects.filter(pk=roles.organisation.pk).update(default_hourly_cost=Decimal("412.50"))
    client.force_login(roles.editor)
    html = client.get(f"/initiativ/{draft.pk}/effekter/").content.decode()
    assert 'name="effect-hourly_cost" value="412,5"' in html


def test_swedish_numbers_are_accepted_and_shown(client, roles, draft):
    client.force_login(roles.editor)
    client.post(f"/initiativ/{draft.pk}/effekter/", _effect(amount="1 234,5", periods_per_year="12"))
    effect = Effect.objects.get()
    assert effect.amount == Decimal("1234.5")
    html = client.get(f"/initiativ/{draft.pk}/effekter/{effect.pk}/").content.decode()
    assert 'value="1\u00a0234,5"' in html
    client.post(
        f"/initiativ/{draft.pk}/effekter/",
        {"cost-description": "Licens", "cost-kind": "recurring", "cost-amount": "12 000", "add_cost": "1"},
    )
    assert Cost.objects.get().amount == Decimal("12000")


@pytest.mark.parametrize(
    ("value", "message"),
    [("12abc", "Skriv ett tal med siffror, till exempel 1 234,5."), ("-5", "Värdet kan inte vara negativt.")],
)
def test_bad_numbers_get_a_swedish_message_and_nothing_is_saved(client, roles, draft, value, message):
    client.force_login(roles.editor)
    response = client.post(f"/initiativ/{draft.pk}/effekter/", _effect(amount=value))
    html = response.content.decode()
    assert message in html and f'value="{value}"' in html  # what was typed is kept
    assert not Effect.objects.exists()


def test_publish_asks_for_confirmation_and_shows_what_becomes_public(client, roles):
    initiative = services.create_initiative(
        roles.editor,
        {"title": "Chattbot", "contact_name": "Erik Holm", "contact_email": "erik@sundsvall.se"},
        lead_organisation=roles.organisation,
    )
    client.force_login(roles.editor)
    detail = client.get(f"/initiativ/{initiative.pk}/").content.decode()
    assert (
        f'href="/initiativ/{initiative.pk}/publicera/"' in detail
        and 'action="/initiativ/' + str(initiative.pk) + '/publicera/"' not in detail
    )
    page = client.get(f"/initiativ/{initiative.pk}/publicera/").content.decode()
    assert (
        "Det här blir offentligt" in page
        and "erik@sundsvall.se" in page
        and "Kontaktuppgifterna blir offentliga" in page
    )
    initiative.refresh_from_db()
    assert initiative.status == "draft"  # looking changes nothing
    client.post(f"/initiativ/{initiative.pk}/publicera/")
    initiative.refresh_from_db()
    assert initiative.status == "published"


def test_kommun_admins_cannot_change_reference_data_but_staff_can(client, roles, staff):
    organisation = roles.organisation
    url = f"/organisationer/{organisation.pk}/redigera/"
    other_county = Organisation.objects.get(name="Timrå kommun").county_id
    lulea = Organisation.objects.filter(kind="kommun", county__code="25").first()
    client.force_login(roles.admin)
    html = client.get(url).content.decode()
    assert re.search(r'<select name="legal_form"[^>]*disabled', html)
    client.post(
        url, edit_data(organisation, legal_form="ideell_forening", county=lulea.county_id, default_hourly_cost="400")
    )
    organisation.refresh_from_db()
    assert organisation.legal_form == "kommun" and organisation.county_id == other_county  # unchanged
    assert organisation.default_hourly_cost == Decimal("400")  # the admin's own figure is theirs to set
    client.force_login(staff)
    client.post(url, edit_data(organisation, official_name="Sundsvalls kommun (rättad)"))
    organisation.refresh_from_db()
    assert organisation.official_name == "Sundsvalls kommun (rättad)"


def test_a_negative_hourly_cost_for_the_organisation_is_refused(client, roles):
    client.force_login(roles.admin)
    url = f"/organisationer/{roles.organisation.pk}/redigera/"
    response = client.post(url, edit_data(roles.organisation, default_hourly_cost="-3"))
    assert "Ange timkostnaden i kronor" in response.content.decode()
    assert Organisation.objects.get(pk=roles.organisation.pk).default_hourly_cost is None
