"""The registry's pages as people use them: list, detail, forms, history, scaling."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kraft.initiatives import services
from kraft.initiatives.models import Initiative
from tests.initiatives.helpers import chatbot

NBSP = "\u00a0"


def _text(response) -> str:
    """The page's visible text (tags removed, whitespace collapsed)."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode()).replace(NBSP, " ")
    return re.sub(r"\s+", " ", text)


def test_detail_page_shows_the_hand_computed_roi_once_computed(client, roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    response = client.get(f"/initiativ/{initiative.pk}/")
    assert response.status_code == 200
    text = _text(response)
    assert "180 000 kr" in text  # annual value (measured)
    assert "240 000 kr" in text  # total cost over 3 years
    assert "125 %" in text  # ROI
    assert "Utvärderad" in text
    assert "156 000 kr" in text and "24 000 kr" in text  # each effect's annual value


def test_evaluated_badge_needs_a_measured_effect(client, roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    for effect in list(initiative.effects.filter(basis="measured")):
        services.delete_effect(roles.editor, effect)
    text = _text(client.get(f"/initiativ/{initiative.pk}/"))
    assert "Utvärderad" not in text
    assert "208 000 kr" in text


def test_list_filters_by_facets_and_counts_them(client, roles) -> None:
    chatbot(roles.editor, roles.organisation, publish=True)
    services.create_initiative(
        roles.other_admin,
        {"title": "Bildanalys av vägskador", "welfare_area": "samhallsbyggnad-och-stadsplanering", "stage": "pilot"},
        lead_organisation=roles.other_organisation,
        publish=True,
    )
    response = client.get("/initiativ/")
    text = _text(response)
    assert "Chattbot i växeln" in text and "Bildanalys av vägskador" in text
    assert "Medborgarservice (1)" in text
    response = client.get("/initiativ/?area=medborgarservice")
    text = _text(response)
    assert "Chattbot i växeln" in text and "Bildanalys av vägskador" not in text
    assert "1 initiativ" in text
    assert "Bildanalys" in _text(client.get("/initiativ/?county=22&q=vägskador"))
    assert "Chattbot" in _text(client.get("/initiativ/?municipality=2281"))
    assert "Bildanalys av vägskador" not in _text(client.get("/initiativ/?municipality=2281"))
    assert "Chattbot" not in _text(client.get("/initiativ/?evaluated=0"))
    assert "Chattbot" in _text(client.get("/initiativ/?sort=roi&page=1&page_size=10"))


def test_list_query_count_does_not_grow_with_page_size(client, roles) -> None:
    for number in range(30):
        initiative = chatbot(roles.editor, roles.organisation, publish=True, title=f"Initiativ {number}")
        if number % 2:
            services.set_partners(roles.editor, initiative, [roles.other_organisation])
    client.force_login(roles.member)
    counts = {}
    for size in (10, 50):
        client.get(f"/initiativ/?page_size={size}")  # warm caches (sessions, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/initiativ/?page_size={size}")
        assert response.status_code == 200
        counts[size] = len(queries)
    assert response.content.decode().count('class="initiative-item"') == 30
    assert counts[10] == counts[50], counts


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("other_admin", False),
        ("member", True),
        ("editor", True),
        ("staff", True),
    ],
)
def test_drafts_are_visible_only_to_members_of_the_lead_organisation(client, roles, role, sees) -> None:
    draft = chatbot(roles.editor, roles.organisation, title="Hemligt utkast")
    person = roles.by_name(role)
    if person is not None:
        client.force_login(person)
    assert (client.get(f"/initiativ/{draft.pk}/").status_code == 200) is sees
    assert ("Hemligt utkast" in _text(client.get("/initiativ/"))) is sees
    assert ("Hemligt utkast" in _text(client.get("/initiativ/?q=Hemligt"))) is sees
    assert (client.get(f"/initiativ/{draft.pk}/historik/").status_code == 200) is sees


def test_editor_creates_publishes_and_edits_and_history_shows_the_diff(client, roles) -> None:
    client.force_login(roles.editor)
    response = client.post(
        "/initiativ/nytt/",
        {
            "title": "Taligenkänning i hemtjänsten",
            "summary": "Dokumentation med rösten.",
            "lead_organisation": roles.organisation.pk,
            "stage": "pilot",
            "risk_class": "begransad",
            "horizon_years": "3",
            "tags": "tal, hemtjänst",
            "links": "Projektsida | https://example.se/tal",
            "welfare_area": "",
        },
    )
    assert response.status_code == 302, _text(response)[:3000]
    initiative = Initiative.objects.get(title="Taligenkänning i hemtjänsten")
    assert initiative.tags == ["tal", "hemtjänst"]
    assert initiative.links == [{"title": "Projektsida", "url": "https://example.se/tal"}]
    assert client.post(f"/initiativ/{initiative.pk}/publicera/").status_code == 302
    initiative.refresh_from_db()
    form = client.get(f"/initiativ/{initiative.pk}/andra/")
    assert f'name="version" value="{initiative.version}"' in form.content.decode()
    data = _form_data(initiative) | {"summary": "Dokumentation med rösten, nu i hela kommunen."}
    assert client.post(f"/initiativ/{initiative.pk}/andra/", data).status_code == 302
    history = _text(client.get(f"/initiativ/{initiative.pk}/historik/"))
    assert "Ändrat: sammanfattning" in history, history[history.index("Versioner") :][:400]
    diff = _text(client.get(f"/initiativ/{initiative.pk}/historik/jamfor/?from=1&to=2"))
    assert "Dokumentation med rösten." in diff and "nu i hela kommunen" in diff


def _form_data(initiative: Initiative, **changes) -> dict:
    data = {
        "version": initiative.version,
        "title": initiative.title,
        "summary": initiative.summary,
        "stage": initiative.stage,
        "risk_class": initiative.risk_class,
        "horizon_years": initiative.horizon_years,
        "tags": ", ".join(initiative.tags),
        "links": "\n".join(f"{link['title']} | {link['url']}" for link in initiative.links),
        "welfare_area": initiative.welfare_area_id or "",
        "technique": initiative.technique_id or "",
        "description": initiative.description,
    }
    return data | changes


def test_a_stale_edit_on_the_page_is_refused_and_shows_what_changed(client, roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    opened = _form_data(initiative)
    services.update_initiative(roles.admin, initiative, {"title": "Växelbotten"}, initiative.version)
    client.force_login(roles.editor)
    response = client.post(f"/initiativ/{initiative.pk}/andra/", opened | {"summary": "Min nya text"})
    assert response.status_code == 200
    text = _text(response)
    assert "Någon annan har sparat initiativet" in text
    assert "Växelbotten" in text
    assert "Min nya text" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.title == "Växelbotten"
    assert initiative.summary != "Min nya text"


def test_effects_page_adds_effects_and_costs_and_refuses_bad_ones(client, roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation)
    client.force_login(roles.editor)
    url = f"/initiativ/{initiative.pk}/effekter/"
    response = client.post(
        url,
        {
            "add_effect": "1",
            "effect-dimension": "kvalitet",
            "effect-unit": "hours",
            "effect-basis": "expected",
            "effect-periods_per_year": "1",
        },
    )
    assert response.status_code == 200
    assert "Behövs för den valda enheten" in _text(response)
    response = client.post(
        url,
        {
            "add_effect": "1",
            "effect-dimension": "kvalitet",
            "effect-unit": "sek",
            "effect-basis": "expected",
            "effect-periods_per_year": "12",
            "effect-amount": "1000",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url, {"add_cost": "1", "cost-description": "Utbildning", "cost-kind": "one_off", "cost-amount": "5000"}
    )
    assert response.status_code == 302
    assert initiative.effects.count() == 4 and initiative.costs.count() == 3
    assert client.get(url).status_code == 200


def test_scaled_impact_page_shows_assumptions(client, roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    text = _text(client.get(f"/initiativ/{initiative.pk}/skalning/?n=10&adoption=0.5&replication_cost=50000"))
    assert "900 000 kr" in text and "700 000 kr" in text
    assert "Andel som faktiskt inför det" in text


def test_copy_creates_a_draft_that_links_both_ways(client, roles) -> None:
    original = chatbot(roles.editor, roles.organisation, publish=True)
    client.force_login(roles.other_admin)
    response = client.post(
        f"/initiativ/{original.pk}/utga-fran/", {"organisation": roles.other_organisation.pk, "title": "Vår chattbot"}
    )
    assert response.status_code == 302
    copy = Initiative.objects.get(title="Vår chattbot")
    assert "Chattbot i växeln" in _text(client.get(f"/initiativ/{copy.pk}/"))
    text = _text(client.get(f"/initiativ/{original.pk}/"))
    assert "1 organisation" in text and "Vår chattbot" in text


def test_staff_edit_welfare_areas_and_others_may_not(client, roles) -> None:
    from kraft.audit.models import AuditEvent
    from kraft.initiatives.models import WelfareArea

    area = WelfareArea.objects.get(slug="hr")
    client.force_login(roles.admin)
    assert client.get("/initiativ/klassificering/").status_code == 403
    client.force_login(roles.staff)
    assert "Räddningstjänst" in _text(client.get("/initiativ/klassificering/"))
    response = client.post(
        f"/initiativ/klassificering/omraden/{area.pk}/",
        {"name": "HR och kompetensförsörjning", "name_en": "HR", "slug": "hr", "order": 5},
    )
    assert response.status_code == 302
    assert WelfareArea.objects.get(pk=area.pk).name == "HR och kompetensförsörjning"
    assert AuditEvent.objects.filter(action="welfarearea_updated").exists()
    response = client.post("/initiativ/klassificering/tekniker/ny/", {"name": "Robotik", "slug": "robotik", "order": 1})
    assert response.status_code == 302
    response = client.post("/initiativ/klassificering/tekniker/ny/", {"name": "Robotik", "slug": "robotik", "order": 1})
    assert response.status_code == 200 and "finns redan" in _text(response)


def test_organisation_page_lists_its_initiatives_and_drafts_only_to_members(client, roles) -> None:
    chatbot(roles.editor, roles.organisation, publish=True, title="Publicerad chattbot")
    chatbot(roles.editor, roles.organisation, title="Hemligt utkast")
    partner = services.create_initiative(
        roles.other_admin, {"title": "Gemensam tolktjänst"}, lead_organisation=roles.other_organisation, publish=True
    )
    services.set_partners(roles.other_admin, partner, [roles.organisation])
    text = _text(client.get(f"/organisationer/{roles.organisation.pk}/"))
    assert "Publicerad chattbot" in text and "Gemensam tolktjänst" in text
    assert "Hemligt utkast" not in text
    client.force_login(roles.member)
    assert "Hemligt utkast" in _text(client.get(f"/organisationer/{roles.organisation.pk}/"))


@pytest.mark.parametrize(
    "url",
    [
        "/initiativ/?page=abc&page_size=-3&sort=nonsense&evaluated=kanske&organisation=x&municipality=%00",
        "/initiativ/?q=" + "ä" * 500,
        "/initiativ/999999/",
        "/initiativ/{pk}/historik/jamfor/?from=abc&to=999",
        "/initiativ/{pk}/skalning/?n=abc&adoption=7",
        "/api/v1/initiatives?page=abc",
        "/api/v1/initiatives/{pk}/scaled?n=-1",
        "/api/v1/initiatives/{pk}/versions/999",
    ],
)
def test_malformed_input_gives_4xx_or_a_page_never_5xx(client, roles, url) -> None:
    initiative = chatbot(roles.editor, roles.organisation, publish=True)
    response = client.get(url.replace("{pk}", str(initiative.pk)))
    assert response.status_code < 500


def test_malformed_writes_are_refused_without_5xx(client, roles) -> None:
    initiative = chatbot(roles.editor, roles.organisation)
    client.force_login(roles.editor)
    bad_form = {"version": "x", "title": "", "horizon_years": "-1", "links": "inte en länk", "partners": ["abc"]}
    assert client.post(f"/initiativ/{initiative.pk}/andra/", bad_form).status_code == 200
    bad_effect = {"add_effect": "1", "effect-dimension": "?", "effect-unit": "hours", "effect-hours": "många"}
    assert client.post(f"/initiativ/{initiative.pk}/effekter/", bad_effect).status_code == 200
    bad_json = client.patch(f"/api/v1/initiatives/{initiative.pk}", "{not json", content_type="application/json")
    assert 400 <= bad_json.status_code < 500
    wrong_types = client.post(
        "/api/v1/initiatives",
        '{"title": "x", "lead_organisation": "Sundsvall", "effects": [{"dimension": "kvalitet", "hours": "x"}]}',
        content_type="application/json",
    )
    assert 400 <= wrong_types.status_code < 500
    unknown_area = client.post(
        "/api/v1/initiatives",
        f'{{"title": "x", "lead_organisation": {roles.organisation.pk}, "welfare_area": "finns-inte"}}',
        content_type="application/json",
    )
    assert unknown_area.status_code == 400 and "welfare_area" in unknown_area.json()["detail"]


def test_nul_characters_are_refused_not_stored(client, roles) -> None:
    from kraft.accounts.services import create_api_token

    _token, secret = create_api_token(roles.editor, "nul")
    body = f'{{"title": "Nul\\u0000titel", "lead_organisation": {roles.organisation.pk}, "tags": ["a\\u0000"]}}'
    response = client.post(
        "/api/v1/initiatives", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 400 and {"title", "tags"} <= set(response.json()["detail"])
