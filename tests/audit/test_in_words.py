"""History and audit in words: labels, sentences, no unchanged values, word diffs, names for ids, links."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from kraft.audit.labels import all_labels
from kraft.initiatives import services
from kraft.initiatives.models import Effect

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src" / "kraft"
LONG = "Chattboten svarar på frågor om bygglov dygnet runt och lämnar över till en handläggare när den inte vet."


def test_every_audit_action_in_the_code_has_a_readable_name():
    pattern = re.compile(r"""(?:record|_audit)\(\s*[\w."]+,\s*"([a-z_.]+)\"""")
    actions = {m for path in SRC.rglob("*.py") for m in pattern.findall(path.read_text(encoding="utf-8"))}
    actions |= {"welfarearea_created", "welfarearea_updated", "technique_created", "technique_updated"}
    assert len(actions) > 40
    labels = all_labels()
    assert sorted(a for a in actions if a not in labels) == []


def _published(roles):
    initiative = services.create_initiative(
        roles.editor,
        {"title": "Chattbot", "description": LONG, "stage": "pilot"},
        lead_organisation=roles.organisation,
        publish=True,
    )
    effect = services.add_effect(
        roles.editor,
        initiative,
        {
            "dimension": "tidsbesparing",
            "unit": "hours",
            "hours": Decimal(500),
            "people": Decimal(1),
            "periods_per_year": Decimal(1),
            "hourly_cost": Decimal(350),
        },
    )
    return initiative, effect


def test_version_diff_reads_as_words(client, roles):
    initiative, effect = _published(roles)
    initiative.refresh_from_db()
    services.update_initiative(
        roles.editor,
        initiative,
        {"stage": "i_drift", "description": LONG.replace("dygnet runt", "alla dagar")},
        initiative.version,
    )
    services.update_effect(roles.editor, Effect.objects.get(pk=effect.pk), {"hours": Decimal(600)})
    html = client.get(f"/initiativ/{initiative.pk}/historik/jamfor/?from=2&to=4").content.decode()
    assert "Pilot" in html and "I drift" in html and "i_drift" not in html
    assert "Timmar per person och period: 500 → 600" in html
    assert "<del>" in html and "dygnet" in html and "alla" in html  # word-level diff of the long text
    assert "unit:" not in html and "roi:" not in html
    assert "Årligt värde: 175\u00a0000\u00a0kr → 210\u00a0000\u00a0kr" in html


def test_audit_trail_is_in_words_with_links_and_names(client, roles):
    initiative, effect = _published(roles)
    services.update_effect(roles.editor, Effect.objects.get(pk=effect.pk), {"hours": Decimal(600)})
    client.force_login(roles.admin)
    html = client.get("/logg/").content.decode()
    for label in ("Initiativ skapat", "Effekt tillagd", "Effekt ändrad"):
        assert label in html
    for code in ("initiative_created", "effect_added", "effect_updated", "cost_added"):
        assert f">{code}<" not in html
    assert f'href="/initiativ/{initiative.pk}/"' in html
    assert (
        "timmar per person och period" in html.lower()
        and "500 → " not in html.replace("<del>", "").replace("</del>", "")[:0]
    )
    assert re.search(r"Effekt \d+ → \d+|>effect<", html) is None  # ids of sub-objects are not shown
    assert "Sundsvalls kommun" in html  # the organisation by name, not by id
