"""Demo data for maturity assessments (``load(stdout)``, idempotent).

Twenty-four organisations have assessed themselves — every municipality in Västernorrland, so that Sundsvall's
county group passes the five-organisation rule, and municipalities of every size and five regions elsewhere (so
that neither the kommun group nor the region group differs from all organisations by fewer than five) — five of
them in two rounds. Answers are invented (seeded, so the demo is the same every time) and made through the
services, by demo respondents who are members of their organisations. Sundsvall's latest round has three
respondents who disagree, is published, and has a 90-day plan; Härnösand has a round open for its admin to answer.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kraft.accounts import services as account_services
from kraft.accounts.demo import PASSWORD
from kraft.assessments import bank as banks
from kraft.assessments import next_steps, services
from kraft.assessments.models import Assessment
from kraft.organisations import services as organisation_services
from kraft.organisations.models import Membership, Organisation

ACTOR = "demo"
ROLES = ("ledning", "it", "verksamhet")
VASTERNORRLAND = [
    "Sundsvalls kommun",
    "Timrå kommun",
    "Härnösands kommun",
    "Kramfors kommun",
    "Sollefteå kommun",
    "Örnsköldsviks kommun",
    "Ånge kommun",
]
OTHERS = [
    "Umeå kommun",
    "Luleå kommun",
    "Skellefteå kommun",
    "Östersunds kommun",
    "Gävle kommun",
    "Faluns kommun",
    "Uppsala kommun",
    "Västerås kommun",
    "Jönköpings kommun",
    "Växjö kommun",
    "Borås kommun",
    "Lunds kommun",
    "Region Västernorrland",
    "Region Jämtland Härjedalen",
    "Region Västerbotten",
    "Region Gävleborg",
    "Region Norrbotten",
]
TWO_ROUNDS = {"Sundsvalls kommun", "Timrå kommun", "Umeå kommun", "Gävle kommun", "Jönköpings kommun"}
# Sundsvall's story: management rates higher than IT, the business area lower (a spread worth talking about).
SUNDSVALL = {"strategi": 3, "styrning": 2, "data": 2, "teknik": 3, "kompetens": 2, "nytta": 3}
SUNDSVALL_PEOPLE = [
    ("sundsvall-admin", "ledning", 1),
    ("sundsvall-redaktor", "it", 0),
    ("sundsvall-medlem", "verksamhet", -1),
]


def load(stdout: Any) -> None:
    stdout.write("Mognadsbedömningar: demoorganisationer svarar …")
    if Assessment.objects.filter(organisation__name="Sundsvalls kommun").exists():
        stdout.write(f"  finns redan ({Assessment.objects.count()} bedömningar)")
        return
    with transaction.atomic():
        organisations = {o.name: o for o in Organisation.objects.filter(name__in=VASTERNORRLAND + OTHERS)}
        for name in VASTERNORRLAND[1:] + OTHERS:
            if name in organisations:
                _organisation(organisations[name])
        _sundsvall(organisations["Sundsvalls kommun"])
        _harnosand_open(organisations["Härnösands kommun"])
    closed = Assessment.objects.filter(status=Assessment.Status.CLOSED)
    stdout.write(
        f"  {closed.values('organisation').distinct().count()} organisationer, {closed.count()} stängda "
        f"omgångar, Sundsvalls 90-dagarsplan med {_plan_size()} steg"
    )


def _plan_size() -> int:
    from kraft.assessments.models import PlanItem

    return PlanItem.objects.filter(plan__assessment__organisation__name="Sundsvalls kommun").count()


def _staff() -> Any:
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("pk").first()


def _respondent(organisation: Organisation, role: str) -> Any:
    username = f"demo-{organisation.municipality_code or organisation.pk}-{role}"
    User = get_user_model()
    person = User.objects.filter(username=username).first()
    if person is None:
        person = account_services.sign_up(
            username=username,
            email=f"{username}@example.se",
            password=PASSWORD,
            first_name=role.title(),
            last_name=organisation.name.split()[0],
            verified_how="command",
        )
    membership = Membership.objects.filter(user=person, organisation=organisation).first()
    if membership is None:
        membership = organisation_services.request_membership(person, organisation)
    if membership.status == Membership.Status.PENDING:
        organisation_services.approve_membership(_staff() or ACTOR, membership, Membership.Role.MEMBER)
    return person


def _answers(levels: dict[str, int], rng: random.Random, bias: int = 0) -> dict[str, str]:
    out = {}
    for dimension in banks.load().dimensions:
        for question in dimension.questions:
            if rng.random() < 0.06:
                out[question.id] = services.DONT_KNOW
                continue
            value = levels[dimension.id] + bias + rng.choice((-1, 0, 0, 0, 1))
            out[question.id] = str(min(5, max(1, value)))
    return out


def _round(
    organisation: Organisation,
    people: list[tuple[Any, str, int]],
    levels: dict[str, int],
    rng: random.Random,
    **options: Any,
) -> Assessment:
    assessment = services.start_assessment(ACTOR, organisation, **options)
    for person, role, bias in people:
        services.invite_respondent(ACTOR, assessment, person, role)
        services.save_answers(person, assessment, _answers(levels, rng, bias), submit=True)
    return services.close_assessment(ACTOR, assessment)


def _organisation(organisation: Organisation) -> None:
    rng = random.Random(organisation.name)
    base = rng.choice((2, 2, 3, 3, 3, 4))
    levels = {d.id: min(5, max(1, base + rng.choice((-1, 0, 0, 1)))) for d in banks.load().dimensions}
    people = [(_respondent(organisation, role), role, 0) for role in ROLES[: rng.choice((1, 2, 3))]]
    contact = rng.random() < 0.7
    first = _round(organisation, people, levels, rng, open_to_contact=contact)
    if organisation.name in TWO_ROUNDS:
        for dimension in rng.sample(sorted(levels), 3):
            levels[dimension] = min(5, levels[dimension] + 1)
        _round(organisation, people, levels, rng, open_to_contact=contact)
    elif rng.random() < 0.4:
        services.set_publication(ACTOR, first, published=True, open_to_contact=contact)


def _sundsvall(organisation: Organisation) -> None:
    rng = random.Random("Sundsvall")
    User = get_user_model()
    people = [(User.objects.get(username=u), role, bias) for u, role, bias in SUNDSVALL_PEOPLE]
    _round(
        organisation,
        people[:2],
        {k: max(1, v - 1) for k, v in SUNDSVALL.items()},
        rng,
        title="Hösten 2025",
        open_to_contact=True,
    )
    latest = _round(organisation, people, SUNDSVALL, rng, title="Våren 2026", open_to_contact=True)
    latest = services.set_publication(ACTOR, latest, published=True, open_to_contact=True)
    today = timezone.localdate()
    owners = [p for p, _role, _bias in people]
    steps = next_steps.steps_for(latest, owners[0], detailed=False)
    for index, step in enumerate(steps[:4]):
        item = services.add_plan_item(
            ACTOR, latest, step.id, owner=owners[index % len(owners)], due_on=today + timedelta(days=20 + 20 * index)
        )
        if index == 0:
            services.update_plan_item(ACTOR, item, status="in_progress", owner=item.owner, due_on=item.due_on)


def _harnosand_open(organisation: Organisation) -> None:
    admin = get_user_model().objects.filter(username="harnosand-admin").first()
    if admin is None:
        return
    open_round = services.start_assessment(ACTOR, organisation, title="Våren 2026")
    services.invite_respondent(ACTOR, open_round, admin, "ledning")
