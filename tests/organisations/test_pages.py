"""The organisation list, editing with optimistic locking, and the data sources page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kraft.audit.models import AuditEvent
from kraft.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_list_filters_by_kind_county_and_text_and_paginates(client):
    page = client.get("/organisationer/?kind=kommun&county=22").content.decode()
    assert "7 organisationer" in page  # Västernorrlands län has seven municipalities
    assert "Sundsvalls kommun</a>" in page and "Region Västernorrland" not in page
    search = client.get("/organisationer/?q=sundsvall").content.decode()
    assert "1 organisation<" in search
    first = client.get("/organisationer/?kind=kommun").content.decode()
    assert "Sida 1 av 12" in first and "290 organisationer" in first
    assert "Sida 2 av 12" in client.get("/organisationer/?kind=kommun&page=2").content.decode()


def test_list_query_count_does_not_grow_with_the_page(client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/organisationer/?kind=kommun")
    assert len(queries) <= 8


def test_bad_filter_values_do_not_break_the_list(client):
    response = client.get("/organisationer/?kind=planet&county=99&page=abc")
    assert response.status_code == 200


def edit_data(organisation, **overrides):
    data = {
        "name": organisation.name,
        "official_name": organisation.official_name,
        "legal_form": organisation.legal_form,
        "county": organisation.county_id or "",
        "website": "",
        "email": "",
        "description": "",
        "version": organisation.version,
    }
    data.update(overrides)
    return data


def test_admin_edits_the_organisation_and_the_trail_shows_before_and_after(client, roles):
    client.force_login(roles.admin)
    organisation = roles.organisation
    url = f"/organisationer/{organisation.pk}/redigera/"
    assert client.get(url).status_code == 200
    response = client.post(url, edit_data(organisation, website="https://sundsvall.se", description="Norrlands kust"))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.website == "https://sundsvall.se" and organisation.version == 2
    event = AuditEvent.objects.get(action="organisation_updated")
    assert event.before["website"] == "" and event.after["website"] == "https://sundsvall.se"
    assert event.after["version"] == 2


def test_a_stale_edit_is_refused_and_shows_what_changed(client, roles):
    organisation = roles.organisation
    url = f"/organisationer/{organisation.pk}/redigera/"
    client.force_login(roles.admin)
    opened_version = organisation.version
    client.post(url, edit_data(organisation, website="https://forst.example"))
    response = client.post(url, edit_data(organisation, version=opened_version, website="https://sen.example"))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Någon annan har ändrat organisationen" in html
    assert "https://forst.example" in html  # what the other person saved
    assert 'value="https://sen.example"' in html  # what this person typed is kept
    organisation.refresh_from_db()
    assert organisation.website == "https://forst.example"


def test_municipality_names_come_from_the_official_register(client, roles):
    client.force_login(roles.admin)
    organisation = roles.organisation
    client.post(f"/organisationer/{organisation.pk}/redigera/", edit_data(organisation, name="Nytt namn"))
    organisation.refresh_from_db()
    assert organisation.name == "Sundsvalls kommun"


def test_editors_cannot_edit_the_organisation(client, roles):
    client.force_login(roles.editor)
    url = f"/organisationer/{roles.organisation.pk}/redigera/"
    assert client.get(url).status_code == 403
    assert client.post(url, edit_data(roles.organisation, website="https://x.example")).status_code == 403
    assert Organisation.objects.get(pk=roles.organisation.pk).website == ""


def test_sources_page_lists_the_reference_data_and_licences(client):
    html = client.get("/organisationer/kallor/").content.decode()
    assert "CC0" in html and "swedish-geodata" in html and "SCB" in html


def test_other_apps_can_add_sections_to_the_organisation_page(client, roles, monkeypatch):
    from kraft.organisations import extensions

    def sections(request, organisation):
        items = [{"url": "/initiativ/1/", "label": f"Chattbot i {organisation.name}", "meta": "pilot"}]
        return [extensions.Section("Initiativ", "organisations/_section_list.html", {"items": items}, id="initiativ")]

    monkeypatch.setattr(extensions, "organisation_sections", sections)
    html = client.get(f"/organisationer/{roles.organisation.pk}/").content.decode()
    assert 'id="initiativ"' in html and "Chattbot i Sundsvalls kommun" in html


def test_pages_and_messages_are_in_english_on_request(client, roles):
    client.force_login(roles.outsider)
    html = client.get(f"/organisationer/{roles.organisation.pk}/?lang=en").content.decode()
    assert '<html lang="en"' in html and "Ask to join" in html and "Municipality" in html
    client.post(f"/organisationer/{roles.organisation.pk}/ga-med/?lang=en")
    again = client.post(f"/organisationer/{roles.organisation.pk}/ga-med/?lang=en", follow=True)
    assert "You have already asked to join Sundsvalls kommun" in again.content.decode()
    api = client.get("/api/v1/organisations?status=pending&lang=en")
    assert api.json()["detail"] == "Only platform staff can filter by status."
