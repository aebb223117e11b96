"""Sections of the "Mitt arbete" page, contributed by any app.

Convention (as for ``organisation_sections``, see ``kraft.organisations.extensions``): an app's ``hooks`` module may
define ``my_work_sections(request) -> list[Section]``. Each section is shown with its heading (h2) and template,
included with ``section``, ``request`` and ``user`` in its context; ``organisations/_section_list.html`` renders
``context["items"]`` (dicts with ``url``, ``label``, ``meta``) and ``context["empty"]``. Return an empty list when
there is nothing for this person, so that the page stays short. Sections are ordered by ``Section.order`` (then
INSTALLED_APPS order); hooks are looked up on each request (no registry to reset in tests).
"""

from __future__ import annotations

from django.http import HttpRequest

from kraft.organisations.extensions import Section, hook_functions


def my_work_sections(request: HttpRequest) -> list[Section]:
    sections: list[Section] = []
    for function in hook_functions("my_work_sections"):
        sections.extend(function(request))
    return sorted(sections, key=lambda section: getattr(section, "order", 100))
