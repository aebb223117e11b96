"""With the AI Act triage installed, the self-assessment's evidence and the portfolio's risk use its results:
triaged systems, open obligations (members only), and unconfirmed guesses said to be so."""

from __future__ import annotations

import pytest
from django.test import Client

from kraft.initiatives import services as initiative_services
from kraft.triage import services as triage_services
from tests.assessments.helpers import closed
from tests.triage import paths

pytestmark = pytest.mark.django_db


def _client(person=None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def test_triage_results_reach_the_evidence_and_the_portfolio_risk(roles) -> None:
    triaged = initiative_services.create_initiative(
        "test",
        {"title": "Beslutsstöd ekonomiskt bistånd", "stage": "i_drift"},
        lead_organisation=roles.organisation,
        publish=True,
    )
    triage_services.save_triage(roles.editor, triaged, paths.as_list(paths.BISTAND_PROFILING), 0)
    guessed = initiative_services.create_initiative(
        "test",
        {"title": "Bildanalys av gatubelysning", "stage": "pilot", "risk_class": "minimal"},
        lead_organisation=roles.organisation,
        publish=True,
    )
    triaged.refresh_from_db()
    assert triaged.risk_class_confirmed and triaged.risk_class == "hog"

    assessment = closed(roles.organisation, [(roles.member, "ledning", 3)])
    page = _client(roles.member).get(f"/mognad/{assessment.pk}/").content.decode()
    assert "AI-system triagerade enligt AI-förordningen" in page and "1 / 2" in page
    assert "Öppna skyldigheter" in page  # members see the open obligations …
    public = _client(roles.outsider)
    from kraft.assessments import services

    services.set_publication("test", assessment, published=True, open_to_contact=False)
    assert "Öppna skyldigheter" not in public.get(f"/mognad/{assessment.pk}/").content.decode()  # … others not

    rows = {
        r["title"]: r
        for r in _client(roles.member).get(f"/api/v1/portfolio?organisation={roles.organisation.pk}").json()["items"]
    }
    high = [r["text"] for r in rows[triaged.title]["reasons"] if r["criterion"] == "risk"]
    assert any("öppna skyldigheter enligt AI-förordningen" in text for text in high)
    assert not any("ej bekräftad" in text for text in high)
    guess = [r["text"] for r in rows[guessed.title]["reasons"] if r["criterion"] == "risk"]
    assert any("ej bekräftad genom triage" in text for text in guess)
    assert rows[triaged.title]["score_risk"] > rows[guessed.title]["score_risk"]
