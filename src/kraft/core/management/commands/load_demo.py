"""Loads the demo data of every app that has a ``demo.py`` with ``load(stdout)``, in dependency order (idempotent)."""

from importlib import import_module

from django.core.management.base import BaseCommand

DEMO_MODULES = [
    "kraft.accounts.demo",
    "kraft.initiatives.demo",
    "kraft.knowledge.demo",
    "kraft.triage.demo",
    "kraft.assessments.demo",
    "kraft.portfolio.demo",
]


class Command(BaseCommand):
    help = "Läser in demodata (idempotent: en andra körning återanvänder det som finns)."

    def handle(self, *args: object, **options: object) -> None:
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            module.load(self.stdout)
