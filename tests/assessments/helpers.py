"""Builders for assessment tests, through the services as users would act."""

from __future__ import annotations

from typing import Any

from kraft.assessments import bank as banks
from kraft.assessments import services
from kraft.assessments.models import Assessment
from tests import factories


def answers(levels: dict[str, Any] | int, bank: banks.Bank | None = None) -> dict[str, str]:
    """Every question answered: ``levels`` is one level for all, or per dimension (a level or "vet_inte")."""
    bank = bank or banks.load()
    out = {}
    for dimension in bank.dimensions:
        value = levels if isinstance(levels, int) else levels.get(dimension.id, 3)
        for question in dimension.questions:
            out[question.id] = str(value)
    return out


def respond(assessment: Assessment, person: Any, role: str, levels: dict[str, Any] | int) -> None:
    services.invite_respondent("test", assessment, person, role)
    services.save_answers(person, assessment, answers(levels), submit=True)


def closed(organisation: Any, people: list[tuple[Any, str, dict[str, Any] | int]], **options: Any) -> Assessment:
    assessment = services.start_assessment("test", organisation, **options)
    for person, role, levels in people:
        factories.member(person, organisation)
        respond(assessment, person, role, levels)
    return services.close_assessment("test", assessment)


def peer_population(count: int, kind: str = "kommun", county: str = "22", level: int = 3) -> list[Assessment]:
    """``count`` closed assessments of municipalities in one county (Västernorrland = 22 has 7)."""
    from kraft.organisations.models import Organisation

    found = []
    for index, organisation in enumerate(
        Organisation.objects.filter(kind=kind, county__code=county).order_by("name")[:count]
    ):
        from django.contrib.auth import get_user_model

        name = f"peer{organisation.pk}"
        person = get_user_model().objects.filter(username=name).first() or factories.user(name)
        found.append(closed(organisation, [(person, "ledning", level + index % 2)], open_to_contact=True))
    return found
