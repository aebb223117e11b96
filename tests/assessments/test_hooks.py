"""What the assessments add to other pages: the organisation page section and the "Mitt arbete" sections."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from kraft.assessments import hooks, services
from kraft.audit.labels import action_label
from tests.assessments.helpers import closed

pytestmark = pytest.mark.django_db


def test_organisation_page_shows_published_rounds_to_all_and_the_portfolio_to_members(roles) -> None:
    assessment = closed(roles.organisation, [(roles.member, "ledning", 3)])
    url = f"/organisationer/{roles.organisation.pk}/"
    anonymous = Client().get(url).content.decode()
    assert "AI-mognad" in anonymous and f"/mognad/{assessment.pk}/" not in anonymous
    services.set_publication("test", assessment, published=True, open_to_contact=False)
    assert f"/mognad/{assessment.pk}/" in Client().get(url).content.decode()
    admin = Client()
    admin.force_login(roles.admin)
    page = admin.get(url).content.decode()
    assert "/mognad/ny/?organisation=" in page and f"/portfolj/{roles.organisation.pk}/" in page


def test_my_work_sections_list_assessments_to_answer_and_plan_steps_i_own(roles) -> None:
    done = closed(roles.organisation, [(roles.editor, "it", 2)])
    services.add_plan_item(
        "test", done, "strategi.beslut", owner=roles.member, due_on=timezone.localdate() + timedelta(days=5)
    )
    open_round = services.start_assessment("test", roles.organisation)
    services.invite_respondent("test", open_round, roles.member, "ledning")
    request = RequestFactory().get("/")
    request.user = roles.member
    answer, plan = hooks.my_work_sections(request)
    assert [i["url"] for i in answer.context["items"]] == [f"/mognad/{open_round.pk}/svara/"]
    assert plan.context["items"][0]["label"] == "Ta fram ett ledningsbeslut om mål och ansvar för AI"
    request.user = roles.outsider
    assert hooks.my_work_sections(request) == []  # nothing to do: no sections, the page stays short
    assert action_label("assessment.submit") == "Svar inskickade"
