"""Demo accounts and a demo association, created through the services (idempotent) with printed credentials."""

from __future__ import annotations

from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.db import transaction

from kraft.accounts import services
from kraft.organisations import services as organisation_services
from kraft.organisations.models import Membership, Organisation

PASSWORD = "kraft-demo-2026"  # noqa: S105 - printed for the demo on purpose
ASSOCIATION = {
    "name": "Föreningsalliansen Västernorrland",
    "kind": Organisation.Kind.CIVIL_SOCIETY,
    "org_number": "802481-5717",  # fictitious, with a valid check digit
    "legal_form": Organisation.LegalForm.IDEELL_FORENING,
    "website": "https://example.org/foreningsalliansen",
    "description": "Paraplyorganisation för ideella föreningar i länet: äldreomsorg, ensamhet och integration.",
}
# username, first name, last name, organisation (None = none), role, description
PEOPLE = [
    ("personal", "Lina", "Lindqvist", None, None, "plattformens personal (godkänner organisationer)"),
    ("sundsvall-admin", "Anna", "Berg", "Sundsvalls kommun", Membership.Role.ADMIN, "administratör, Sundsvalls kommun"),
    ("sundsvall-redaktor", "Erik", "Holm", "Sundsvalls kommun", Membership.Role.EDITOR, "redaktör, Sundsvalls kommun"),
    ("sundsvall-medlem", "Sara", "Nyström", "Sundsvalls kommun", Membership.Role.MEMBER, "medlem, Sundsvalls kommun"),
    (
        "harnosand-admin",
        "Omar",
        "Haddad",
        "Härnösands kommun",
        Membership.Role.ADMIN,
        "administratör, Härnösands kommun",
    ),
    (
        "forening-admin",
        "Johan",
        "Sjöberg",
        ASSOCIATION["name"],
        Membership.Role.ADMIN,
        "administratör, Föreningsalliansen Västernorrland",
    ),
]


def _person(username: str, first: str, last: str, staff: bool = False) -> Any:
    User = get_user_model()
    person = User.objects.filter(username=username).first()
    if person is None:
        person = services.sign_up(
            username=username,
            email=f"{username}@example.se",
            password=PASSWORD,
            first_name=first,
            last_name=last,
            verified_how="command",
        )
    if staff and not person.is_staff:
        person.is_staff = True
        person.save(update_fields=["is_staff"])
    return person


def _association(registrant: Any, staff: Any) -> Organisation:
    organisation = Organisation.objects.filter(org_number=ASSOCIATION["org_number"]).first()
    if organisation is None:
        fields = {k: v for k, v in ASSOCIATION.items() if k not in ("name", "kind", "org_number")}
        organisation = organisation_services.register_organisation(
            registrant,
            name=ASSOCIATION["name"],
            kind=ASSOCIATION["kind"],
            org_number=ASSOCIATION["org_number"],
            county=Organisation.objects.get(name="Sundsvalls kommun").county,
            **fields,
        )
    if organisation.status == Organisation.Status.PENDING:
        organisation_services.approve_organisation(staff, organisation)
    return organisation


def _membership(actor: Any, person: Any, organisation: Organisation, role: str) -> None:
    membership = Membership.objects.filter(user=person, organisation=organisation).first()
    if membership is None:
        membership = organisation_services.request_membership(person, organisation)
    if membership.status == Membership.Status.PENDING:
        organisation_services.approve_membership(actor, membership, role)


@transaction.atomic
def load(stdout: TextIO) -> None:
    staff = _person("personal", "Lina", "Lindqvist", staff=True)
    people = {username: _person(username, first, last) for username, first, last, *_rest in PEOPLE[1:]}
    _association(people["forening-admin"], staff)
    for username, _first, _last, organisation_name, role, _desc in PEOPLE[1:]:
        organisation = Organisation.objects.get(name=organisation_name)
        if organisation.kind != Organisation.Kind.CIVIL_SOCIETY:
            _membership(staff, people[username], organisation, role or Membership.Role.MEMBER)
    stdout.write(f"\nDemokonton (lösenord för alla: {PASSWORD})\n")
    stdout.write(f"  {'användarnamn':<22} {'lösenord':<18} roll\n")
    for username, *_rest, description in PEOPLE:
        stdout.write(f"  {username:<22} {PASSWORD:<18} {description}\n")
    stdout.write("\n")
