"""Generated answers through a local OpenAI-compatible server: every citation verified, personal data withheld."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from kraft.knowledge import services
from kraft.knowledge.answers.results import CLAIMS_REMOVED, GENERATED, MODEL_FAILED, PERSONAL_DATA_FALLBACK
from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.models import Library
from kraft.llm.extractive import ExtractiveBackend
from kraft.llm.handler import get_backend
from tests.factories import RoleSet

QUESTION = "Hur snabbt måste kommunen lämna ut en allmän handling som någon begär?"


def number_of(request: dict[str, Any], words: str) -> int:
    """The marker number under which the server was offered the passage containing ``words``."""
    prompt = request["messages"][-1]["content"]
    for block in prompt.split("\n\n["):
        match = re.match(r"\[?(\d+)\]", block)
        if match and words in block:
            return int(match.group(1))
    raise AssertionError(f"{words!r} was not offered")


def test_fabricated_citation_is_removed_and_real_one_kept(statutes: Library, use_llm: Any) -> None:
    server = use_llm()

    def reply(request: dict[str, Any]) -> str:
        real = number_of(request, "genast eller så snart det är möjligt")
        return (
            f'Handlingen ska lämnas ut "genast eller så snart det är möjligt" [{real}]. '
            f'Kommunen har alltid "tio arbetsdagar på sig" [{real}]. '
            "Dessutom gäller en särskild regel om fax [99]."
        )

    server.reply = reply
    result = answer_question(None, QUESTION, library_ids=[statutes.pk], store=False)

    assert result.kind == GENERATED
    assert [c.quote for c in result.claims] == ["genast eller så snart det är möjligt"]
    assert result.has_notice(CLAIMS_REMOVED)
    assert "tio arbetsdagar" not in result.text and "fax" not in result.text
    assert server.headers[0].get("Authorization") == "Bearer test-key"


def test_model_saying_sources_do_not_answer_abstains(statutes: Library, use_llm: Any) -> None:
    use_llm().reply = lambda request: "KÄLLORNA SVARAR INTE."
    result = answer_question(None, QUESTION, library_ids=[statutes.pk], store=False)
    assert result.abstained


def test_unreachable_model_falls_back_to_quotes(statutes: Library, use_llm: Any) -> None:
    use_llm().status = 500
    result = answer_question(None, QUESTION, library_ids=[statutes.pk], store=False)
    assert result.has_notice(MODEL_FAILED)
    assert result.claims and all(c.quote for c in result.claims)


def test_personal_data_library_is_never_sent_to_an_unapproved_model(
    roles: RoleSet, private_library: Library, use_llm: Any
) -> None:
    services.update_library(roles.admin, private_library, holds_personal_data=True)
    server = use_llm(approved_for_personal_data=False)
    result = answer_question(roles.member, "Vem ska godkänna kvastfeningen?", store=False)

    assert "socialchefen" not in server.sent_text()
    assert result.has_notice(PERSONAL_DATA_FALLBACK)
    assert any("socialchefen" in c.quote for c in result.claims)  # answered by quoting instead


def test_personal_data_library_may_go_to_an_approved_model(
    roles: RoleSet, private_library: Library, use_llm: Any
) -> None:
    services.update_library(roles.admin, private_library, holds_personal_data=True)
    server = use_llm(approved_for_personal_data=True)
    server.reply = lambda request: (
        f'Kvastfeningen "ska alltid godkännas av socialchefen" [{number_of(request, "socialchefen")}].'
    )
    result = answer_question(roles.member, "Vem ska godkänna kvastfeningen?", store=False)

    assert "socialchefen" in server.sent_text()
    assert result.kind == GENERATED and not result.has_notice(PERSONAL_DATA_FALLBACK)


def test_no_model_configured_means_extractive(settings: Any) -> None:
    settings.LLM_BACKENDS = {}
    assert isinstance(get_backend(), ExtractiveBackend)


def test_badly_configured_model_fails_the_system_check(settings: Any) -> None:
    settings.LLM_BACKENDS = {"default": {"BACKEND": "kraft.llm.openai.OpenAIChatBackend", "OPTIONS": {"url": "x"}}}
    with pytest.raises(SystemCheckError, match="kraft.llm.E002"):
        call_command("check")
