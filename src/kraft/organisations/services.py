"""The only write path for organisations and memberships. Every function records its audit event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

from kraft.accounts import permissions
from kraft.audit.models import AuditEvent
from kraft.audit.services import changed, record, snapshot
from kraft.organisations import reference
from kraft.organisations.models import County, Membership, Organisation
from kraft.search import service as search

# Fields a person may edit on an organisation (the official codes of kommuner/regioner are not among them).
EDITABLE_FIELDS = [
    "name",
    "official_name",
    "legal_form",
    "county",
    "website",
    "email",
    "description",
    "default_hourly_cost",
]
# What official registers say about a kommun or region: only platform staff may correct it.
REFERENCE_FIELDS = ["name", "official_name", "legal_form", "county"]
AUDITED_FIELDS = [*EDITABLE_FIELDS, "kind", "org_number", "status", "version"]
MEMBERSHIP_FIELDS = ["role", "status"]


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    created = renamed = 0
    county_by_code = {}
    for row in reference.counties():
        county, _ = County.objects.update_or_create(
            code=row["county_code"], defaults={"name": row["county_name"], "short_name": row["county_name_short"]}
        )
        county_by_code[county.code] = county
    names_before = dict(
        Organisation.objects.filter(kind=Organisation.Kind.KOMMUN).values_list("municipality_code", "name")
    )
    for row in reference.municipalities():
        _, was_created = Organisation.objects.update_or_create(
            municipality_code=row["kommunkod"],
            defaults={
                "name": row["kommun_officiellt"],
                "official_name": row["kommun_officiellt"],
                "kind": Organisation.Kind.KOMMUN,
                "legal_form": Organisation.LegalForm.KOMMUN,
                "county": county_by_code[row["lanskod"]],
                "population": int(row["folkmangd_2019"] or 0) or None,
                "latitude": float(row["lat"]),
                "longitude": float(row["lon"]),
                "status": Organisation.Status.APPROVED,
                "source": reference.SOURCE,
            },
        )
        created += was_created
        renamed += not was_created and names_before.get(row["kommunkod"]) != row["kommun_officiellt"]
    for code, name in reference.REGION_NAMES.items():
        county = county_by_code[code]
        population = sum(int(r["folkmangd_2019"] or 0) for r in reference.municipalities() if r["lanskod"] == code)
        _, was_created = Organisation.objects.update_or_create(
            kind=Organisation.Kind.REGION,
            name=name,
            defaults={
                "official_name": name,
                "legal_form": Organisation.LegalForm.REGION,
                "county": county,
                "population": population,
                "status": Organisation.Status.APPROVED,
                "source": reference.SOURCE,
            },
        )
        created += was_created
    renamed += _drop_unused_duplicate_region(county_by_code[reference.COUNTY_WITHOUT_REGION])
    counts = {
        "counties": County.objects.count(),
        "municipalities": Organisation.objects.filter(kind=Organisation.Kind.KOMMUN).count(),
        "regions": Organisation.objects.filter(kind=Organisation.Kind.REGION).count(),
        "created": created,
    }
    if created or renamed:
        record("system", "reference_loaded", after={**counts, "renamed": renamed})
        search.reindex("organisations")
    return counts


def _drop_unused_duplicate_region(county: County) -> int:
    """Earlier versions loaded Gotland twice (as kommun and as region). The region row goes when nothing uses it;
    one that members or initiatives already point at is kept for an administrator to merge by hand."""
    from django.db.models.deletion import Collector, ProtectedError, RestrictedError

    removed = 0
    for duplicate in Organisation.objects.filter(kind=Organisation.Kind.REGION, county=county):
        collector = Collector(using="default")
        try:
            collector.collect([duplicate])
        except (ProtectedError, RestrictedError):  # something uses it: keep it
            continue
        if (
            sum(len(objects) for objects in collector.data.values()) > 1
            or collector.fast_deletes
            and any(qs.exists() for qs in collector.fast_deletes)
        ):
            continue
        duplicate.delete()
        removed += 1
    return removed


# ---------------------------------------------------------------- organisations


class StaleEditError(Exception):
    """Someone else saved the organisation after the person opened the form."""

    def __init__(self, current: Organisation, changes: list[dict[str, Any]]) -> None:
        super().__init__(_("Organisationen har ändrats av någon annan sedan du öppnade formuläret."))
        self.current = current
        self.changes = changes


def normalise_org_number(value: str) -> str:
    """A Swedish organisationsnummer as ``NNNNNN-NNNN`` after checking its format and check digit."""
    try:
        compact = orgnr.validate(value or "")
    except InvalidChecksum as exc:
        raise ValidationError(
            _("Organisationsnumret %(value)s har fel kontrollsiffra. Kontrollera numret mot Bolagsverkets uppgifter."),
            code="checksum",
            params={"value": value},
        ) from exc
    except (InvalidFormat, InvalidLength, StdnumError) as exc:
        raise ValidationError(
            _("Organisationsnumret ska vara tio siffror, till exempel 802012-3456."), code="format"
        ) from exc
    return orgnr.format(compact)


def _check_not_duplicate(name: str, org_number: str | None, exclude: int | None = None) -> None:
    others = Organisation.objects.exclude(pk=exclude) if exclude else Organisation.objects.all()
    if org_number and others.filter(org_number=org_number).exists():
        raise ValidationError(
            {
                "org_number": _("Det finns redan en organisation med organisationsnumret %(number)s.")
                % {"number": org_number}
            }
        )
    if others.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("Det finns redan en organisation som heter ”%(name)s”.") % {"name": name}})


@transaction.atomic
def register_organisation(actor: Any, *, name: str, kind: str, org_number: str, **fields: Any) -> Organisation:
    """A new organisation waits for platform staff; the person who registers it becomes its admin on approval."""
    if not permissions.can_register_organisation(actor):
        raise PermissionDenied(_("Logga in för att registrera en organisation."))
    if kind in Organisation.PRELOADED_KINDS or kind not in Organisation.Kind.values:
        raise ValidationError({"kind": _("Kommuner och regioner finns redan i Kraft och kan inte registreras.")})
    number = normalise_org_number(org_number)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Ange organisationens namn.")})
    _check_not_duplicate(name, number)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Okända fält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    organisation = Organisation(
        name=name, kind=kind, org_number=number, status=Organisation.Status.PENDING, created_by=actor, **fields
    )
    organisation.full_clean()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:  # a simultaneous registration of the same organisation
        raise ValidationError({"name": _("Organisationen är redan registrerad.")}) from exc
    record(
        actor,
        "organisation_registered",
        organisation,
        after=snapshot(organisation, AUDITED_FIELDS),
        organisation=organisation,
    )
    membership = Membership.objects.create(
        user=actor, organisation=organisation, role=Membership.Role.ADMIN, status=Membership.Status.PENDING
    )
    record(
        actor,
        "membership_requested",
        membership,
        after=snapshot(membership, MEMBERSHIP_FIELDS),
        organisation=organisation,
    )
    return organisation


def _decide_organisation(actor: Any, organisation: Organisation, status: str, action: str, reason: str) -> None:
    if not permissions.can_approve_organisations(actor):
        raise PermissionDenied(_("Bara plattformens personal kan godkänna organisationer."))
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status != Organisation.Status.PENDING:
        raise ValidationError(_("Organisationen är redan %(status)s.") % {"status": organisation.get_status_display()})
    before = snapshot(organisation, AUDITED_FIELDS)
    organisation.status = status
    organisation.version = F("version") + 1
    organisation.save(update_fields=["status", "version", "updated_at"])
    organisation.refresh_from_db()
    after = snapshot(organisation, AUDITED_FIELDS)
    if reason:
        after["reason"] = reason
    record(actor, action, organisation, before=before, after=after, organisation=organisation)
    search.index_object(organisation)
    membership_status = (
        Membership.Status.ACTIVE if status == Organisation.Status.APPROVED else Membership.Status.REJECTED
    )
    for membership in organisation.memberships.filter(status=Membership.Status.PENDING, user=organisation.created_by):
        _set_membership(actor, membership, status=membership_status)


@transaction.atomic
def approve_organisation(actor: Any, organisation: Organisation) -> None:
    _decide_organisation(actor, organisation, Organisation.Status.APPROVED, "organisation_approved", "")


@transaction.atomic
def reject_organisation(actor: Any, organisation: Organisation, reason: str = "") -> None:
    _decide_organisation(actor, organisation, Organisation.Status.REJECTED, "organisation_rejected", reason)


def _field_label(name: str) -> str:
    return str(getattr(Organisation._meta.get_field(name), "verbose_name", name))


def _changes_since(organisation: Organisation, version: int) -> list[dict[str, Any]]:
    """What others changed after ``version``, read from the audit trail (who, when, field, before → after)."""
    events = AuditEvent.objects.filter(
        target_type=organisation._meta.label_lower, target_id=str(organisation.pk)
    ).order_by("created_at", "id")
    changes = []
    for event in events:
        after = event.after or {}
        if not isinstance(after.get("version"), int) or after["version"] <= version:
            continue
        for field, value in after.items():
            if field in EDITABLE_FIELDS or field == "status":
                changes.append(
                    {
                        "who": event.actor_label,
                        "when": event.created_at,
                        "field": _field_label(field),
                        "before": (event.before or {}).get(field),
                        "after": value,
                    }
                )
    return changes


def _reference_label(field: str) -> str:
    return str(getattr(Organisation._meta.get_field(field), "verbose_name", field)).capitalize()


@transaction.atomic
def update_organisation(
    actor: Any, organisation: Organisation, data: dict[str, Any], expected_version: int
) -> Organisation:
    """Saves the edit only if nobody saved since ``expected_version`` (optimistic locking)."""
    if not permissions.can_edit_organisation(actor, organisation):
        raise PermissionDenied(_("Bara organisationens administratörer kan ändra den."))
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if current.version != expected_version:
        raise StaleEditError(current, _changes_since(current, expected_version))
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Okända fält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if current.kind in Organisation.PRELOADED_KINDS and not permissions.is_staff(actor):
        for field in REFERENCE_FIELDS:
            if field in data and data[field] != getattr(current, field):
                raise ValidationError(
                    {
                        field: _(
                            "%(field)s för en kommun eller region kommer från officiella register och kan bara "
                            "rättas av plattformens personal."
                        )
                        % {"field": _reference_label(field)}
                    }
                )
    if current.default_hourly_cost != data.get("default_hourly_cost", current.default_hourly_cost):
        cost = data.get("default_hourly_cost")
        if cost is not None and not 0 < cost < 100000:
            raise ValidationError(
                {"default_hourly_cost": _("Ange timkostnaden i kronor, mer än 0 och mindre än 100 000.")}
            )
    if "name" in data:
        _check_not_duplicate(data["name"], None, exclude=current.pk)
    before = snapshot(current, AUDITED_FIELDS)
    for field, value in data.items():
        setattr(current, field, value)
    current.full_clean(exclude=["version"])
    current.version = expected_version + 1
    current.save()
    old, new = changed(before, snapshot(current, AUDITED_FIELDS))
    record(actor, "organisation_updated", current, before=old, after=new, organisation=current)
    search.index_object(current)
    return current


# ---------------------------------------------------------------- memberships


def _set_membership(actor: Any, membership: Membership, **values: Any) -> Membership:
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    for field, value in values.items():
        setattr(membership, field, value)
    if "status" in values:
        membership.decided_at = timezone.now()
        membership.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    membership.save()
    action = {
        Membership.Status.ACTIVE: "membership_approved",
        Membership.Status.REJECTED: "membership_rejected",
    }.get(values.get("status", ""), "membership_role_changed")
    old, new = changed(before, snapshot(membership, MEMBERSHIP_FIELDS))
    record(
        actor,
        action,
        membership,
        before=old,
        after=new,
        organisation=membership.organisation,
        target_label=_membership_label(membership),
    )
    permissions.forget_roles(membership.user)
    return membership


def _membership_label(membership: Membership) -> str:
    return f"{membership.user.get_username()} – {membership.organisation.name}"


def _refuse_if_last_admin(membership: Membership) -> None:
    if membership.status != Membership.Status.ACTIVE or membership.role != Membership.Role.ADMIN:
        return
    admins = Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    )
    if not admins.exclude(pk=membership.pk).exists():
        raise ValidationError(
            _(
                "%(user)s är den enda administratören för %(organisation)s. Utse en annan administratör först, "
                "så att organisationen inte står utan administratör."
            )
            % {
                "user": membership.user.get_full_name() or membership.user.get_username(),
                "organisation": membership.organisation.name,
            }
        )


@transaction.atomic
def request_membership(actor: Any, organisation: Organisation, message: str = "") -> Membership:
    """Asks to join; a second request while one is pending (or once a member) changes nothing."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Logga in för att begära medlemskap."))
    if not organisation.is_approved:
        raise ValidationError(_("Organisationen är inte godkänd ännu, så den tar inte emot medlemmar."))
    from kraft.accounts.verification import email_is_verified

    if not email_is_verified(actor):
        raise ValidationError(
            _(
                "Bekräfta din e-postadress först: öppna länken vi skickade till %(email)s, eller be om en ny länk "
                "på sidan Mitt arbete. Då vet organisationens administratörer att adressen är din."
            )
            % {"email": actor.email},
            code="email_unverified",
        )
    existing = Membership.objects.select_for_update().filter(user=actor, organisation=organisation).first()
    if existing is not None and existing.status == Membership.Status.PENDING:
        raise ValidationError(
            _(
                "Du har redan begärt medlemskap i %(organisation)s. Organisationens administratörer behandlar din "
                "begäran."
            )
            % {"organisation": organisation.name},
            code="already_requested",
        )
    if existing is not None and existing.status == Membership.Status.ACTIVE:
        raise ValidationError(
            _("Du är redan medlem i %(organisation)s.") % {"organisation": organisation.name}, code="already_member"
        )
    if existing is not None:  # rejected earlier: a new request starts over
        existing.role, existing.message = Membership.Role.MEMBER, message
        existing.save(update_fields=["role", "message"])
        return _set_membership(actor, existing, status=Membership.Status.PENDING)
    membership = Membership.objects.create(user=actor, organisation=organisation, message=message)
    record(
        actor,
        "membership_requested",
        membership,
        after=snapshot(membership, MEMBERSHIP_FIELDS),
        organisation=organisation,
        target_label=_membership_label(membership),
    )
    return membership


@transaction.atomic
def join_by_invitation(
    actor: Any,
    organisation: Organisation,
    role: str,
    invited_by: Any,
    *,
    action: str = "membership_joined_by_invitation",
) -> Membership:
    """The person accepted an invitation: an active membership with the invited role (an existing membership takes
    the invited role unless it already ranks higher)."""
    existing = Membership.objects.select_for_update().filter(user=actor, organisation=organisation).first()
    if existing is None:
        membership = Membership.objects.create(
            user=actor,
            organisation=organisation,
            role=role,
            status=Membership.Status.ACTIVE,
            decided_at=timezone.now(),
            decided_by=invited_by,
        )
        record(
            actor,
            action,
            membership,
            after=snapshot(membership, MEMBERSHIP_FIELDS),
            organisation=organisation,
            target_label=_membership_label(membership),
        )
        permissions.forget_roles(actor)
        return membership
    role_rank = Membership.RANK[Membership.Role(role)]
    if existing.status == Membership.Status.ACTIVE and existing.rank >= role_rank:
        return existing
    return _set_membership(actor, existing, status=Membership.Status.ACTIVE, role=role)


def _require_manager(actor: Any, membership: Membership) -> None:
    if not permissions.can_manage_members(actor, membership.organisation):
        raise PermissionDenied(_("Bara organisationens administratörer kan hantera medlemmar."))


@transaction.atomic
def approve_membership(actor: Any, membership: Membership, role: str = Membership.Role.MEMBER) -> Membership:
    _require_manager(actor, membership)
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("Begäran är redan behandlad."))
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Okänd roll.")})
    return _set_membership(actor, membership, status=Membership.Status.ACTIVE, role=role)


@transaction.atomic
def reject_membership(actor: Any, membership: Membership) -> Membership:
    _require_manager(actor, membership)
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("Begäran är redan behandlad."))
    return _set_membership(actor, membership, status=Membership.Status.REJECTED)


@transaction.atomic
def change_role(actor: Any, membership: Membership, role: str) -> Membership:
    _require_manager(actor, membership)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Okänd roll.")})
    if membership.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Bara aktiva medlemmar kan få en ny roll."))
    if role == membership.role:
        return membership
    if role != Membership.Role.ADMIN:
        _refuse_if_last_admin(membership)
    return _set_membership(actor, membership, role=role)


@transaction.atomic
def remove_member(actor: Any, membership: Membership) -> None:
    """Admins remove members; anyone may leave an organisation – unless they are its last admin."""
    if actor != membership.user:
        _require_manager(actor, membership)
    _refuse_if_last_admin(membership)
    label = _membership_label(membership)
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    organisation = membership.organisation
    person = membership.user
    membership.delete()
    action = "membership_left" if actor == person else "membership_removed"
    record(actor, action, None, before=before, organisation=organisation, target_label=label)
    permissions.forget_roles(person)
