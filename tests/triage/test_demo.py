"""The demo: at least twelve triaged systems across the outcomes, with owners and overdue work."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone

from kraft.accounts import demo as accounts_demo
from kraft.initiatives.models import Initiative
from kraft.triage import demo
from kraft.triage.models import Obligation, Triage


def test_the_demo_triages_twelve_systems_across_the_outcomes_with_owners_and_overdue_items(db: Any) -> None:
    accounts_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    triaged = Initiative.objects.filter(source_name=demo.SOURCE, risk_class_confirmed=True)
    assert triaged.count() >= 12
    classes = set(triaged.values_list("risk_class", flat=True))
    assert {"hog", "oklart", "begransad", "minimal", "utanfor", "oacceptabel"} <= classes
    work = Obligation.objects.filter(initiative__in=triaged, active=True)
    assert work.filter(owner__isnull=False).count() >= 8
    assert work.filter(status="klar").exists() and work.filter(status="ej_tillamplig").exists()
    overdue = work.filter(status__in=Obligation.OPEN, voluntary=False, deadline__lt=timezone.localdate())
    assert overdue.count() >= 5
    rerun = Triage.objects.exclude(rerun={})
    assert rerun.count() == 2 and all(t.rules_version == "2026.1" for t in rerun)
    assert any(t.rerun["dates"] for t in rerun)
    demo.load(io.StringIO())  # idempotent
    assert Initiative.objects.filter(source_name=demo.SOURCE).count() == len(demo.SYSTEMS)
