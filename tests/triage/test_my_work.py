"""The triage's section on "Mitt arbete" (issue 12's start page, app ``kraft.workspace``).

The hook ``kraft.triage.hooks.my_work_sections`` is tested on its own in ``test_work.py``; these tests go through the
page itself and run as soon as the workspace app is installed.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.utils import timezone

from kraft.initiatives import services as initiative_services
from kraft.triage import services
from kraft.triage.models import Obligation
from tests.triage import paths

pytestmark = pytest.mark.skipif(
    not apps.is_installed("kraft.workspace"), reason="Mitt arbete (kraft.workspace, issue 12) is not installed"
)


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_my_overdue_obligations_are_listed_on_mitt_arbete_for_their_owner_only(client: Client, roles: Any) -> None:
    initiative = initiative_services.create_initiative(
        "test", {"title": "Chattbot i växeln"}, lead_organisation=roles.organisation, publish=True
    )
    services.save_triage(roles.editor, initiative, paths.as_list(paths.SWITCHBOARD_CHATBOT), 0)
    literacy = Obligation.objects.get(initiative=initiative, key="art4_ai_kunnighet")
    services.update_obligation(roles.editor, literacy, {"owner": roles.member.pk}, literacy.version)
    assert literacy.deadline is not None and literacy.deadline < timezone.localdate()

    client.force_login(roles.member)
    page = text(client.get("/mitt-arbete/"))
    assert "Mina skyldigheter enligt AI-förordningen" in page
    assert "Se till att personalen har tillräcklig AI-kunnighet – Chattbot i växeln" in page
    assert "Försenad sedan 2025-02-02" in page
    link = f"/ai-forordningen/initiativ/{initiative.pk}/skyldigheter/{literacy.pk}/"
    assert link in client.get("/mitt-arbete/").content.decode()

    client.force_login(roles.editor)  # a colleague who owns nothing sees no such section
    assert "Mina skyldigheter enligt AI-förordningen" not in text(client.get("/mitt-arbete/"))
    client.force_login(roles.other_admin)
    assert "Chattbot i växeln" not in text(client.get("/mitt-arbete/"))


def test_mitt_arbete_shows_the_obligations_in_english(client: Client, roles: Any) -> None:
    initiative = initiative_services.create_initiative(
        "test", {"title": "Chattbot i växeln"}, lead_organisation=roles.organisation, publish=True
    )
    services.save_triage(roles.editor, initiative, paths.as_list(paths.SWITCHBOARD_CHATBOT), 0)
    literacy = Obligation.objects.get(initiative=initiative, key="art4_ai_kunnighet")
    services.update_obligation(roles.editor, literacy, {"owner": roles.member.pk}, literacy.version)
    client.force_login(roles.member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = text(client.get("/mitt-arbete/"))
    assert "My obligations under the AI Act" in page
    assert "Make sure staff have sufficient AI literacy – Chattbot i växeln" in page
    assert "Overdue since 2025-02-02" in page
