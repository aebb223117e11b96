"""Needs: drafts private to their organisation, publishing with versions, stale edits, statuses, audit."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from kraft.audit.models import AuditEvent
from kraft.needs import services
from kraft.needs.models import Need
from kraft.search import service as search
from kraft.search.documents import SearchQuery
from tests.needs.helpers import PROBLEM, need

pytestmark = pytest.mark.django_db


def _client(person=None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def test_an_editor_writes_a_draft_on_the_page_and_publishes_it(roles) -> None:
    client = _client(roles.editor)
    response = client.post(
        "/behov/nytt/",
        {
            "organisation": roles.organisation.pk,
            "title": "Snabbare svar i växeln",
            "problem": PROBLEM,
            "urgency": "high",
            "visibility": "public",
            "contact_role": "editor",
        },
    )
    assert response.status_code == 302
    created = Need.objects.get(title="Snabbare svar i växeln")
    assert created.status == Need.Status.DRAFT
    assert _client().get(f"/behov/{created.pk}/").status_code == 404
    assert _client(roles.member).get(f"/behov/{created.pk}/").status_code == 200
    assert client.post(f"/behov/{created.pk}/publicera/").status_code == 302
    created.refresh_from_db()
    assert created.status == Need.Status.OPEN and created.published_version == 1
    page = _client().get(f"/behov/{created.pk}/")
    assert page.status_code == 200 and "Snabbare svar i växeln" in page.content.decode()
    actions = set(AuditEvent.objects.filter(target_id=str(created.pk)).values_list("action", flat=True))
    assert {"need_created", "need_published"} <= actions


def test_a_need_with_an_empty_problem_is_refused_in_swedish_and_nothing_is_saved(roles) -> None:
    response = _client(roles.editor).post(
        "/behov/nytt/",
        {
            "organisation": roles.organisation.pk,
            "title": "Tomt problem",
            "problem": "   ",
            "urgency": "medium",
            "visibility": "public",
            "contact_role": "editor",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tomt problem" in html  # the form keeps what was typed
    assert not Need.objects.filter(title="Tomt problem").exists()
    with pytest.raises(ValidationError) as caught:
        services.create_need(roles.editor, {"title": "x", "problem": ""}, organisation=roles.organisation)
    assert "får inte vara tom" in caught.value.message_dict["problem"][0]
    assert Need.objects.count() == 0


@pytest.mark.parametrize("role", ["member", "outsider", "other_admin"])
def test_only_editors_of_the_organisation_write_needs(roles, role) -> None:
    draft = need(roles.editor, roles.organisation, publish=False)
    person = roles.by_name(role)
    with pytest.raises(PermissionDenied):
        services.update_need(person, draft, {"title": "x"}, draft.version)
    with pytest.raises(PermissionDenied):
        services.publish_need(person, draft)
    with pytest.raises(PermissionDenied):
        services.create_need(person, {"title": "x", "problem": PROBLEM}, organisation=roles.organisation)


def test_every_public_change_stores_a_version_and_a_stale_edit_is_refused(roles) -> None:
    published = need(roles.editor, roles.organisation)
    opened = published.version
    services.update_need(roles.admin, published, {"target_group": "Invånare som ringer"}, opened)
    assert list(published.versions.values_list("number", flat=True)) == [2, 1]
    with pytest.raises(services.StaleEdit) as caught:
        services.update_need(roles.editor, Need.objects.get(pk=published.pk), {"target_group": "Handläggare"}, opened)
    assert caught.value.changes == {"target_group": ("Invånare som ringer", "Handläggare")}
    assert Need.objects.get(pk=published.pk).target_group == "Invånare som ringer"


def test_the_edit_page_keeps_what_the_editor_typed_when_someone_saved_first(roles) -> None:
    published = need(roles.editor, roles.organisation)
    services.update_need(roles.admin, published, {"target_group": "Först"}, published.version)
    response = _client(roles.editor).post(
        f"/behov/{published.pk}/andra/",
        {
            "title": published.title,
            "problem": PROBLEM,
            "target_group": "Min text",
            "urgency": "medium",
            "visibility": "public",
            "contact_role": "editor",
            "version": 1,
        },
    )
    assert response.status_code == 200
    assert "Någon annan har sparat behovet" in response.content.decode()
    assert "Min text" in response.content.decode()
    assert Need.objects.get(pk=published.pk).target_group == "Först"


def test_the_lifecycle_refuses_impossible_steps_and_solving_needs_an_initiative(roles) -> None:
    from kraft.initiatives import services as initiatives

    published = need(roles.editor, roles.organisation)
    with pytest.raises(ValidationError):
        services.set_need_status(roles.editor, published, Need.Status.SOLVED)
    solution = initiatives.create_initiative(
        "test", {"title": "Chattbot i drift"}, lead_organisation=roles.organisation, publish=True
    )
    services.set_need_status(roles.editor, published, Need.Status.FORMING)
    services.set_need_status(roles.editor, published, Need.Status.SOLVED, solved_by=solution)
    published.refresh_from_db()
    assert published.status == Need.Status.SOLVED and published.solved_by == solution
    services.set_need_status(roles.editor, published, Need.Status.CLOSED)
    with pytest.raises(ValidationError):
        services.set_need_status(roles.editor, published, Need.Status.IN_PROGRESS)


def test_members_only_needs_are_hidden_from_anonymous_visitors_search_and_open_data(roles) -> None:
    hidden = need(roles.editor, roles.organisation, title="Inloggade ser detta", visibility="members")
    draft = need(roles.editor, roles.organisation, title="Hemligt utkast om växeln", publish=False)
    public = need(roles.editor, roles.organisation, title="Publikt behov om växeln")
    assert _client().get(f"/behov/{hidden.pk}/").status_code == 404
    assert _client(roles.outsider).get(f"/behov/{hidden.pk}/").status_code == 200
    assert _client(roles.outsider).get(f"/behov/{draft.pk}/").status_code == 404
    listing = _client().get("/behov/").content.decode()
    assert "Publikt behov" in listing and "Inloggade ser detta" not in listing and "Hemligt utkast" not in listing
    exported = json.loads(_client().get("/behov/export.json").content)
    assert [row["id"] for row in exported] == [public.pk]
    csv_text = _client().get("/behov/export.csv").content.decode("utf-8-sig")
    assert "Publikt behov" in csv_text and "Hemligt utkast" not in csv_text
    viewer = search.viewer_for(roles.outsider)
    keys = [h.key for h in search.search(SearchQuery("needs", "växeln", viewer=viewer)).hits]
    assert keys == [str(public.pk)]
    own = [h.key for h in search.search(SearchQuery("needs", "växeln", viewer=search.viewer_for(roles.member))).hits]
    assert str(draft.pk) in own


def test_needs_appear_on_the_organisation_page(roles) -> None:
    need(roles.editor, roles.organisation, title="Behov på organisationssidan")
    need(roles.editor, roles.organisation, title="Utkast på organisationssidan", publish=False)
    html = _client().get(f"/organisationer/{roles.organisation.pk}/").content.decode()
    assert "Behov på organisationssidan" in html and "Utkast på organisationssidan" not in html
    html = _client(roles.member).get(f"/organisationer/{roles.organisation.pk}/").content.decode()
    assert "Utkast på organisationssidan" in html


def test_list_map_and_statistics_filter_by_area_county_and_status(roles) -> None:
    need(roles.editor, roles.organisation, title="Äldreomsorgens behov", welfare_area="vard-och-omsorg")
    need(roles.other_admin, roles.other_organisation, title="Skolans behov", welfare_area="skola-och-utbildning")
    html = _client().get("/behov/?area=vard-och-omsorg").content.decode()
    assert "Äldreomsorgens behov" in html and "Skolans behov" not in html
    county = roles.organisation.county.code
    assert "Äldreomsorgens behov" in _client().get(f"/behov/?county={county}").content.decode()
    assert "Äldreomsorgens behov" not in _client().get("/behov/?status=solved").content.decode()
    map_html = _client().get("/behov/karta/").content.decode()
    assert "Västernorrlands län: 2 behov" in map_html
    assert _client().get("/behov/statistik/").status_code == 200


def test_the_dcat_catalogue_describes_public_needs(roles) -> None:
    need(roles.editor, roles.organisation)
    catalogue = json.loads(_client().get("/behov/dcat.jsonld").content)
    urls = [d["dcat:downloadURL"]["@id"] for d in catalogue["dcat:dataset"][0]["dcat:distribution"]]
    assert any(u.endswith("/behov/export.csv") for u in urls)


def test_the_registry_catalogue_lists_the_needs_dataset_only_when_a_need_is_public(roles) -> None:
    def datasets() -> list[str]:
        return [d["@id"] for d in json.loads(_client().get("/initiativ/dcat.jsonld").content)["dcat:dataset"]]

    need(roles.editor, roles.organisation, publish=False)
    assert not any("/behov/" in d for d in datasets())  # a draft is not open data
    need(roles.editor, roles.organisation, title="Ett publicerat behov")
    assert any("/behov/" in d for d in datasets())
