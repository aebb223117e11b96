"""Lets other apps add to the organisation pages without this app knowing them.

Convention: an app may have a module ``kraft.<app>.hooks`` with any of these functions:

- ``organisation_sections(request, organisation) -> list[Section]``: extra sections on the organisation page
  (the registry shows the organisation's initiatives this way);
- ``data_sources() -> list[DataSource]``: entries on the page of data sources and licences;
- ``audit_action_labels() -> dict[str, str]``: readable names of the app's actions in the audit trail;
- ``my_work_sections(request) -> list[Section]``: sections on the start page "Mitt arbete" (``kraft.workspace``).

Hooks are looked up on each call (no registry to reset in tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.http import HttpRequest

from kraft.organisations.models import Organisation


@dataclass
class Section:
    """A heading (h2) and a template, included with ``section`` (use ``section.context``), ``organisation``,
    ``request`` and ``user`` in its context. ``organisations/_section_list.html`` renders
    ``context["items"]`` (dicts with ``url``, ``label``, ``meta``) and ``context["empty"]`` for you."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    order: int = 100  # position among the sections of "Mitt arbete" (smaller first)


@dataclass
class DataSource:
    name: str
    description: str
    licence: str
    url: str = ""
    used_for: str = ""


def _hook_modules() -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("kraft."):
            continue
        try:
            yield import_module(f"{config.name}.hooks")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.hooks":
                raise


def hook_functions(name: str) -> list[Callable[..., Any]]:
    """The function ``name`` of every app's ``hooks`` module that defines it, in INSTALLED_APPS order."""
    return [getattr(module, name) for module in _hook_modules() if hasattr(module, name)]


def organisation_sections(request: HttpRequest, organisation: Organisation) -> list[Section]:
    sections: list[Section] = []
    for function in hook_functions("organisation_sections"):
        sections.extend(function(request, organisation))
    return sections


def data_sources() -> list[DataSource]:
    sources: list[DataSource] = []
    for function in hook_functions("data_sources"):
        sources.extend(function())
    return sources
