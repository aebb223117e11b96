"""``kraft manage rerun_triages``: walk stored triages again after a new rules version is published."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kraft.triage import rules, services


class Command(BaseCommand):
    help = (
        "Omprövar sparade triager som gjordes efter en äldre regelversion, med de sparade svaren, och visar per "
        "initiativ vad som ändrades (riskklass, skyldigheter, datum) och vilka svar som saknas."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        current = rules.current()
        outcomes = services.rerun_triages("rules")
        self.stdout.write(f"Regelversion {current.version}: {len(outcomes)} triager omprövade.")
        for outcome in outcomes:
            parts = []
            if outcome.old_class != outcome.new_class:
                parts.append(f"riskklass {outcome.old_class} → {outcome.new_class}")
            if outcome.added:
                parts.append(f"nya skyldigheter: {', '.join(outcome.added)}")
            if outcome.removed:
                parts.append(f"gäller inte längre: {', '.join(outcome.removed)}")
            if outcome.dates:
                parts.append("nya datum: " + ", ".join(f"{d['key']} {d['from']} → {d['to']}" for d in outcome.dates))
            if outcome.missing:
                parts.append(f"svar saknas: {', '.join(outcome.missing)}")
            summary = "; ".join(parts) or "ingen ändring"
            self.stdout.write(f"  {outcome.title} ({outcome.from_version} → {outcome.to_version}): {summary}")
