"""Obligations as work, rules versions that change, overviews, the API and the inventory export."""

from __future__ import annotations

import csv
import datetime
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kraft.initiatives import services as initiative_services
from kraft.initiatives.models import Initiative
from kraft.triage import rules, services
from kraft.triage.hooks import my_work_sections
from kraft.triage.models import Obligation, Triage
from tests.triage import paths

RULES = rules.RULES_DIR


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def system(roles: Any, title: str = "Beslutsstöd ekonomiskt bistånd", publish: bool = True) -> Initiative:
    return initiative_services.create_initiative(
        "test", {"title": title}, lead_organisation=roles.organisation, publish=publish
    )


def triaged(roles: Any, answers: dict[str, str], title: str = "Beslutsstöd ekonomiskt bistånd") -> Initiative:
    initiative = system(roles, title)
    services.save_triage(roles.editor, initiative, paths.as_list(answers), 0)
    initiative.refresh_from_db()
    return initiative


# ------------------------------------------------------------------ the API


def test_api_returns_the_stored_result_with_rules_version_class_roles_and_obligations(
    client: Client, roles: Any
) -> None:
    initiative = triaged(roles, paths.BISTAND_PROFILING)
    data = client.get(f"/api/v1/initiatives/{initiative.pk}/triage").json()
    assert data["rules_version"] == "2026.1" and data["risk_class"] == "hog" and data["confirmed"] is True
    assert data["roles"] == ["tillhandahallare"] and data["annex"] == ["Bilaga III punkt 5 a"]
    fria = next(o for o in data["obligations"] if o["key"] == "art27_fria")
    assert fria["article"] == "AI-förordningen artikel 27"
    assert fria["deadline"] == "2030-08-02" and fria["status"] == "att_gora"
    assert data["answers"] is None and "owner" not in fria or fria["owner"] is None  # anonymous: no details
    client.force_login(roles.member)
    assert client.get(f"/api/v1/initiatives/{initiative.pk}/triage").json()["answers"][0]["question"] == "ai_system"


def test_api_saves_a_triage_and_refuses_bad_answers_stale_versions_and_outsiders(client: Client, roles: Any) -> None:
    initiative = system(roles)
    url = f"/api/v1/initiatives/{initiative.pk}/triage"
    body = {"answers": paths.as_list(paths.SWITCHBOARD_CHATBOT), "version": 0}
    client.force_login(roles.member)
    assert client.post(url, body, content_type="application/json").status_code == 403
    client.force_login(roles.editor)
    wrong = {"answers": [{"question": "ai_system", "answer": "kanske"}], "version": 0}
    response = client.post(url, wrong, content_type="application/json")
    assert response.status_code == 400 and "hör inte till frågan" in str(response.json()["detail"])
    off_path = dict(body, answers=paths.as_list(paths.SWITCHBOARD_CHATBOT | {"profilering": "ja"}))
    response = client.post(url, off_path, content_type="application/json")
    assert response.status_code == 400 and "ligger inte på vägen" in str(response.json()["detail"])
    unfinished = dict(body, answers=paths.as_list({"ai_system": "ja"}))
    assert "återstår" in str(client.post(url, unfinished, content_type="application/json").json()["detail"])
    assert not Triage.objects.exists()
    saved = client.post(url, body, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["risk_class"] == "begransad" and saved.json()["version"] == 1
    stale = client.post(url, body, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current_version"] == 1


def test_api_updates_an_obligation_with_optimistic_locking(client: Client, roles: Any) -> None:
    initiative = triaged(roles, paths.SWITCHBOARD_CHATBOT)
    obligation = Obligation.objects.get(initiative=initiative, key="art4_ai_kunnighet")
    url = f"/api/v1/initiatives/{initiative.pk}/triage/obligations/{obligation.pk}"
    client.force_login(roles.editor)
    done = {"version": obligation.version, "status": "klar", "owner": roles.admin.pk, "evidence_url": "https://x.se/p"}
    response = client.patch(url, done, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "klar"
    assert client.patch(url, done, content_type="application/json").status_code == 409


# ------------------------------------------------------------------ obligations as work


def test_checklist_items_take_an_owner_status_deadline_and_evidence(client: Client, roles: Any) -> None:
    initiative = triaged(roles, paths.BISTAND_PROFILING)
    item = Obligation.objects.get(initiative=initiative, key="art27_fria")
    client.force_login(roles.editor)
    url = f"/ai-forordningen/initiativ/{initiative.pk}/skyldigheter/{item.pk}/"
    form = {"version": item.version, "status": "ej_tillamplig", "owner": "", "owner_role": "Socialchef"}
    refused = client.post(url, form)
    assert refused.status_code == 400 and "Skriv varför" in refused.content.decode()
    ok = client.post(
        url, form | {"not_applicable_reason": "Gjord av regionen för hela länet", "owner": roles.member.pk}
    )
    assert ok.status_code == 302
    item.refresh_from_db()
    assert item.status == "ej_tillamplig" and item.owner == roles.member and item.version == 2
    outsider = client.post(url, form | {"version": 2, "owner": roles.other_admin.pk, "not_applicable_reason": "x"})
    assert outsider.status_code == 400  # only members are offered
    api = client.patch(
        f"/api/v1/initiatives/{initiative.pk}/triage/obligations/{item.pk}",
        {"version": 2, "owner": roles.other_admin.pk},
        content_type="application/json",
    )
    assert api.status_code == 400 and "måste vara medlem" in str(api.json()["detail"])
    item.refresh_from_db()
    assert item.owner == roles.member
    stale = client.post(url, form | {"not_applicable_reason": "y"})
    assert stale.status_code == 409
    client.force_login(roles.member)
    assert client.get(url).status_code == 403
    page = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/").content.decode()
    assert "Gjord av regionen för hela länet" in page
    client.logout()
    assert (
        "Gjord av regionen för hela länet"
        not in client.get(f"/ai-forordningen/initiativ/{initiative.pk}/").content.decode()
    )


def test_overdue_and_near_obligations_show_on_the_organisation_page_and_my_work(client: Client, roles: Any) -> None:
    initiative = triaged(roles, paths.SWITCHBOARD_CHATBOT)
    literacy = Obligation.objects.get(initiative=initiative, key="art4_ai_kunnighet")
    services.update_obligation(roles.editor, literacy, {"owner": roles.member.pk}, literacy.version)
    assert literacy.deadline < timezone.localdate()  # AI literacy applies since 2 February 2025
    client.force_login(roles.member)
    page = client.get(f"/organisationer/{roles.organisation.pk}/").content.decode()
    assert "Försenade skyldigheter" in page and "Se till att personalen har tillräcklig AI-kunnighet" in page
    overview = client.get(f"/ai-forordningen/organisation/{roles.organisation.pk}/").content.decode()
    assert "Transparenskrav (begränsad risk)" in overview and "Tillhandahållare" in overview
    request = type("R", (), {"user": roles.member})()
    items = my_work_sections(request)[0].context["items"]
    assert items[0]["meta"].startswith("Försenad sedan 2025-02-02")
    client.logout()
    public = client.get(f"/organisationer/{roles.organisation.pk}/").content.decode()
    assert "Försenade skyldigheter" not in public  # the organisation's work is its own


def test_national_overview_counts_published_triaged_initiatives_by_class(client: Client, roles: Any) -> None:
    triaged(roles, paths.BISTAND_PROFILING)
    triaged(roles, paths.SWITCHBOARD_CHATBOT, title="Chattbot")
    draft = system(roles, "Hemligt utkast", publish=False)
    services.save_triage(roles.editor, draft, paths.as_list(paths.BISTAND_PROFILING), 0)
    page = client.get("/ai-forordningen/").content.decode()
    assert "2 publicerade initiativ är triagerade enligt AI-förordningen (från 1 organisation)" in text(page)
    assert "Hemligt utkast" not in page


def test_the_inventory_export_lists_the_ai_systems_with_their_triage(client: Client, roles: Any) -> None:
    triaged(roles, paths.BISTAND_PROFILING)
    system(roles, "Otriagerat system")
    client.force_login(roles.member)
    response = client.get(f"/ai-forordningen/organisation/{roles.organisation.pk}/inventering/?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    by_title = {r["title"]: r for r in rows}
    assert by_title["Beslutsstöd ekonomiskt bistånd"]["risk_class"] == "hog"
    assert by_title["Beslutsstöd ekonomiskt bistånd"]["roles"] == "tillhandahallare"
    assert int(by_title["Beslutsstöd ekonomiskt bistånd"]["open_obligations"]) > 5
    assert by_title["Otriagerat system"]["risk_class_confirmed"] == "nej"
    xlsx = client.get(f"/ai-forordningen/organisation/{roles.organisation.pk}/inventering/?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert (
        client.get(f"/ai-forordningen/organisation/{roles.organisation.pk}/inventering/?format=pdf").status_code == 400
    )


def test_registry_export_and_pdf_carry_the_triage_result(client: Client, roles: Any) -> None:
    initiative = triaged(roles, paths.BISTAND_PROFILING)
    response = client.get("/api/v1/initiatives/export?format=csv")
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    row = next(r for r in csv.DictReader(io.StringIO(body)) if r["id"] == str(initiative.pk))
    assert row["risk_class"] == "hog" and row["risk_class_confirmed"] == "true"  # the standard CSV's booleans
    assert row["ai_act_annex"] == "Bilaga III punkt 5 a" and row["ai_act_rules_version"] == "2026.1"
    assert client.get(f"/initiativ/{initiative.pk}/pdf/").status_code == 200


# ------------------------------------------------------------------ a new rules version


@pytest.fixture
def rules_dir(tmp_path: Path, settings: Any) -> Path:
    shutil.copy(RULES / "ai-act-2025.1.yaml", tmp_path)
    settings.TRIAGE_RULES_DIR = str(tmp_path)
    return tmp_path


def _publish_with_new_question(directory: Path) -> None:
    raw = yaml.safe_load((RULES / "ai-act-2026.1.yaml").read_text(encoding="utf-8"))
    raw["version"] = "2026.2"
    anvandning = next(q for q in raw["questions"] if q["id"] == "anvandning")
    for answer in anvandning["answers"]:
        if answer["next"] == {"question": "undantag"}:
            answer["next"] = {"question": "avtal"}
    new = dict(anvandning, id="avtal", text="Finns ett skriftligt avtal med leverantören?")
    new["answers"] = [
        {"id": "ja", "text": "Ja", "next": {"question": "undantag"}},
        {"id": "nej", "text": "Nej", "next": {"question": "undantag"}},
        {"id": "vet_inte", "text": "Vet inte", "unknown": True, "next": {"conclusion": "oklart"}},
    ]
    raw["questions"].insert(raw["questions"].index(anvandning) + 1, new)
    (directory / "ai-act-2026.2.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), "utf-8")


def test_a_new_rules_version_reruns_stored_triages_and_shows_new_dates(
    client: Client, roles: Any, rules_dir: Path
) -> None:
    initiative = triaged(roles, paths.PUPIL_ASSESSMENT_IN_DEVELOPMENT, title="Bedömning av elevers texter")
    assert initiative.ai_act_triage["rules_version"] == "2025.1"
    assert Obligation.objects.get(initiative=initiative, key="art26_anvandning").applies_from == datetime.date(
        2026, 8, 2
    )
    shutil.copy(RULES / "ai-act-2026.1.yaml", rules_dir)
    out = io.StringIO()
    call_command("rerun_triages", stdout=out)
    assert "Bedömning av elevers texter" in out.getvalue()
    initiative.refresh_from_db()
    assert initiative.ai_act_triage["rules_version"] == "2026.1" and initiative.risk_class == "hog"
    item = Obligation.objects.get(initiative=initiative, key="art26_anvandning")
    assert item.applies_from == item.deadline == datetime.date(2027, 12, 2)
    page = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/").content.decode()
    assert "Omprövad mot regelversion 2026.1" in page and "2027-12-02 (tidigare 2026-08-02)" in page


def test_a_new_question_in_a_new_version_is_reported_missing_and_the_class_becomes_unclear(
    client: Client, roles: Any, rules_dir: Path
) -> None:
    shutil.copy(RULES / "ai-act-2026.1.yaml", rules_dir)
    initiative = triaged(roles, paths.SWITCHBOARD_CHATBOT, title="Chattbot")
    _publish_with_new_question(rules_dir)
    outcomes = services.rerun_triages("rules")
    assert outcomes[0].missing == ["avtal"] and outcomes[0].new_class == "oklart"
    initiative.refresh_from_db()
    assert initiative.risk_class == "oklart"
    assert Triage.objects.get(initiative=initiative).needs_review
    page = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/").content.decode()
    assert "Svar saknas: Finns ett skriftligt avtal med leverantören?" in page
    client.force_login(roles.editor)
    step = client.get(f"/ai-forordningen/initiativ/{initiative.pk}/fragor/").content.decode()
    assert "Finns ett skriftligt avtal med leverantören?" in step  # the journey resumes at the missing answer


def test_other_apps_read_obligation_counts_through_the_selectors(roles: Any) -> None:
    from kraft.portfolio.candidates import _open_obligations
    from kraft.triage import selectors

    initiative = triaged(roles, paths.BISTAND_PROFILING)
    count = selectors.open_obligation_count(initiative)
    assert count == Obligation.objects.filter(initiative=initiative, status="att_gora", voluntary=False).count() > 5
    assert _open_obligations([initiative.pk]) == {initiative.pk: count}  # the portfolio's adapter finds it
    summary = selectors.organisation_summary(roles.member, roles.organisation)
    assert summary["triaged"] == 1 and summary["open_obligations"] == count
    assert "open_obligations" not in selectors.organisation_summary(roles.outsider, roles.organisation)


def test_a_system_not_yet_in_use_has_duties_due_before_go_live_not_overdue_since_they_took_effect(
    client: Client, roles: Any
) -> None:
    planned = paths.SWITCHBOARD_CHATBOT | {"anvandning": "under_utveckling"}
    initiative = triaged(roles, planned, title="Chattbot som upphandlas")
    literacy = Obligation.objects.get(initiative=initiative, key="art4_ai_kunnighet")
    assert literacy.applies_from < timezone.localdate() and literacy.deadline is None
    assert not literacy.is_overdue()
    client.force_login(roles.member)
    page = text(client.get(f"/ai-forordningen/initiativ/{initiative.pk}/").content.decode())
    assert "före driftstart" in page and "försenad" not in page
    assert "Försenade skyldigheter" not in client.get(f"/organisationer/{roles.organisation.pk}/").content.decode()

    services.save_triage(roles.editor, initiative, paths.as_list(paths.SWITCHBOARD_CHATBOT), 1)  # now in use
    literacy.refresh_from_db()
    assert literacy.deadline == literacy.applies_from and literacy.is_overdue()
