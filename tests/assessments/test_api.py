"""/api/v1/assessments: own organisations' and published ones, with results, next steps and (for members) the
plan; CSV/XLSX exports; the same privacy as the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from kraft.assessments import services
from tests.assessments.helpers import closed

pytestmark = pytest.mark.django_db


def _client(person=None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def test_members_see_their_assessments_and_everyone_sees_published_ones(roles) -> None:
    private = closed(roles.organisation, [(roles.member, "ledning", 3)])
    from kraft.organisations.models import Organisation
    from tests import factories

    timra = Organisation.objects.get(name="Timrå kommun")
    public = closed(timra, [(factories.user("t1"), "it", 4)])
    services.set_publication("test", public, published=True, open_to_contact=False)
    ids = {row["id"] for row in _client(roles.member).get("/api/v1/assessments").json()["results"]}
    assert ids == {private.pk, public.pk}
    ids = {row["id"] for row in _client(roles.outsider).get("/api/v1/assessments").json()["results"]}
    assert ids == {public.pk}
    assert _client().get(f"/api/v1/assessments/{private.pk}").status_code == 404
    detail = _client().get(f"/api/v1/assessments/{public.pk}").json()
    assert detail["plan"] is None  # the plan stays inside the organisation
    strategy = next(r for r in detail["results"] if r["dimension"] == "strategi")
    assert strategy["level"] == 4 and strategy["confidence"] == "lag" and strategy["respondents"] == 1
    assert "score" not in {k for k in detail if k not in ("results",)}  # no headline score at the top level


def test_detail_has_next_steps_with_sources_and_members_get_the_plan(roles) -> None:
    assessment = closed(roles.organisation, [(roles.member, "ledning", 2)])
    data = _client(roles.member).get(f"/api/v1/assessments/{assessment.pk}").json()
    assert data["bank_version"] == assessment.bank_version
    steps = {s["id"]: s for s in data["next_steps"]}
    assert "strategi.beslut" in steps and steps["styrning.kunnighet"]["sources"][0]["url"].endswith("#art_4")
    assert data["plan"] == []


def test_assessment_export_as_csv_and_xlsx(roles) -> None:
    assessment = closed(roles.organisation, [(roles.member, "ledning", 3)])
    member = _client(roles.member)
    csv = member.get(f"/api/v1/assessments/{assessment.pk}/export?format=csv")
    assert csv.status_code == 200
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("dimension,dimension_name,score,level") and len(lines) == 7
    xlsx = member.get(f"/mognad/{assessment.pk}/export.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert member.get(f"/api/v1/assessments/{assessment.pk}/export?format=pdf").status_code == 400
    still_open = services.start_assessment("test", roles.organisation)
    assert member.get(f"/api/v1/assessments/{still_open.pk}/export").status_code == 409
