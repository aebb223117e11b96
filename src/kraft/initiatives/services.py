"""The only write path for initiatives, their effects, costs, partners and versions.

Every function here
- checks permission through ``kraft.accounts.permissions`` and raises ``PermissionDenied``
  (``actor`` is a user; a plain string such as ``"import:pstw"`` or ``"demo"`` names a trusted system process —
  command-line importers and demo loaders — and is not checked; the web and API layers always pass the user),
- validates and raises ``django.core.exceptions.ValidationError`` with messages per field,
- records an audit event in the same transaction,
- refreshes the stored figures ``annual_value, total_cost, roi, is_evaluated`` through ``roi.compute``,
- keeps the search index in step through the search port (after commit).

Workflow: a draft is seen by members of its lead organisation (and staff) only. ``publish_initiative`` makes it
public and stores version 1, 2, …; every later change to a published initiative (fields, effects, costs, partners)
stores a new version too, so that the public record and its history always agree. ``archive_initiative`` ends it.

Optimistic locking: ``Initiative.version`` grows with every change of the record's own fields;
``update_initiative`` takes the version the editor started from and raises ``StaleEdit`` if someone saved since.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kraft.accounts import permissions
from kraft.audit.models import AuditEvent
from kraft.audit.services import _jsonable, changed, record
from kraft.initiatives import roi, versions
from kraft.initiatives.models import Cost, Effect, Initiative, InitiativeVersion, Technique, WelfareArea
from kraft.organisations.models import Organisation

Actor = Any  # a user, or a str naming a trusted system process
BOOKKEEPING = {"version", "updated_at", "updated_by"}


class StaleEdit(Exception):
    """Someone saved the initiative after the editor opened it.

    ``changes`` maps each field changed since ``expected_version`` to ``(theirs, yours)``: the value now stored
    and the value this editor submitted (``None`` when the editor did not submit that field).
    """

    def __init__(self, initiative: Initiative, expected_version: int, changes: dict[str, tuple[Any, Any]]):
        self.initiative = initiative
        self.expected_version = expected_version
        self.current_version = initiative.version
        self.changes = changes
        super().__init__(
            f"Initiativet har ändrats (version {expected_version} → {initiative.version}): {', '.join(changes)}"
        )

    def labelled(self) -> list[tuple[str, Any, Any]]:
        """(readable field name, theirs, yours) for messages."""
        return [
            (versions.field_label(name), versions.display_value(name, theirs), versions.display_value(name, yours))
            for name, (theirs, yours) in self.changes.items()
        ]


# ------------------------------------------------------------------ permissions


def _is_system(actor: Actor) -> bool:
    return isinstance(actor, str)


def _user(actor: Actor) -> Any:
    return None if _is_system(actor) else actor


def can_edit(actor: Actor, initiative: Initiative) -> bool:
    """Editors and admins of the lead organisation, and staff. Records without a lead organisation: staff only."""
    if _is_system(actor):
        return True
    if initiative.lead_organisation_id is None:
        return permissions.is_staff(actor)
    return permissions.can_edit_content_of(actor, initiative.lead_organisation_id)


def can_view(actor: Actor, initiative: Initiative) -> bool:
    """Published and archived records are public; drafts only for members of the lead organisation and staff."""
    if _is_system(actor) or initiative.status != Initiative.Status.DRAFT:
        return True
    if initiative.lead_organisation_id is None:
        return permissions.is_staff(actor)
    return permissions.can_view_private_of(actor, initiative.lead_organisation_id)


def can_edit_org(actor: Actor, organisation: Organisation | None) -> bool:
    """Whether the person may add initiatives led by ``organisation``."""
    if _is_system(actor):
        return True
    return permissions.is_staff(actor) if organisation is None else permissions.can_edit_content_of(actor, organisation)


def can_create_any(actor: Actor) -> bool:
    """Whether the person may start an initiative for at least one organisation."""
    if _is_system(actor) or permissions.is_staff(actor):
        return True
    return bool(permissions.editable_organisation_ids(actor))


def _require_edit(actor: Actor, initiative: Initiative) -> None:
    if not can_edit(actor, initiative):
        raise PermissionDenied(_("Du behöver vara redaktör i den ansvariga organisationen för att ändra initiativet."))


def _require_edit_org(actor: Actor, organisation: Organisation | None) -> None:
    if not can_edit_org(actor, organisation):
        raise PermissionDenied(_("Du behöver vara redaktör i organisationen för att lägga till initiativ åt den."))


# ------------------------------------------------------------------ helpers


def _resolve(model: type[WelfareArea] | type[Technique], value: Any, field: str) -> Any:
    if value in (None, ""):
        return None
    if isinstance(value, model):
        return value
    lookup = (
        {"pk": value} if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else {"slug": value}
    )
    found = model.objects.filter(**lookup).first()
    if found is None:
        raise ValidationError({field: _("Okänt värde: %(value)s") % {"value": value}})
    return found


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_has_nul(item) for item in value.values())
    return False


def _refuse_nul(data: Mapping[str, Any]) -> None:
    """NUL characters cannot be stored (PostgreSQL refuses them) and never belong in text."""
    bad = [name for name, value in data.items() if _has_nul(value)]
    if bad:
        raise ValidationError(dict.fromkeys(bad, [_("Texten innehåller otillåtna tecken.")]))


def _apply_fields(initiative: Initiative, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Okända fält för initiativ: {', '.join(sorted(unknown))}")
    _refuse_nul(data)
    for name, value in data.items():
        if name == "welfare_area":
            initiative.welfare_area = _resolve(WelfareArea, value, name)
        elif name == "technique":
            initiative.technique = _resolve(Technique, value, name)
        elif name in ("tags", "links"):
            setattr(initiative, name, list(value or []))
        else:
            setattr(initiative, name, value)


def _validate(initiative: Initiative) -> None:
    errors: dict[str, list[str]] = {}
    try:
        initiative.full_clean(exclude=["lead_organisation", "reused_from", "created_by", "updated_by"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if initiative.start_date and initiative.end_date and initiative.end_date < initiative.start_date:
        errors.setdefault("end_date", []).append(_("Slutdatum kan inte vara före startdatum."))
    if not isinstance(initiative.tags, list) or not all(isinstance(t, str) for t in initiative.tags):
        errors.setdefault("tags", []).append(_("Taggar ska vara en lista med ord."))
    if not isinstance(initiative.links, list) or not all(
        isinstance(link, dict) and str(link.get("url", "")).startswith(("http://", "https://"))
        for link in initiative.links
    ):
        errors.setdefault("links", []).append(_("Länkar ska vara en lista med {title, url} där url börjar med http."))
    if errors:
        raise ValidationError(errors)


REQUIRED_BY_UNIT = {
    Effect.Unit.HOURS: ("hours", "people", "hourly_cost"),
    Effect.Unit.SEK: ("amount",),
    Effect.Unit.COUNT: ("count", "value_per_unit"),
    Effect.Unit.PERCENT: ("percent", "base_amount"),
    Effect.Unit.NONE: (),
}


def _validate_effect(effect: Effect) -> None:
    errors: dict[str, list[str]] = {}
    try:
        effect.full_clean(exclude=["initiative"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    for name in REQUIRED_BY_UNIT.get(effect.unit, ()):  # type: ignore[call-overload]
        if getattr(effect, name) is None and name not in errors:
            errors[name] = [_("Behövs för den valda enheten.")]
    if effect.unit == Effect.Unit.NONE and not effect.description:
        errors.setdefault("description", []).append(_("Beskriv effekten när den inte anges i kronor."))
    if effect.basis == Effect.Basis.MEASURED:
        for name in ("baseline", "measured_on", "method"):
            if not getattr(effect, name) and name not in errors:
                errors[name] = [_("En uppmätt effekt behöver utgångsläge, mätdatum och mätmetod.")]
    for name in ("periods_per_year", "hours", "people", "hourly_cost", "amount", "count", "value_per_unit"):
        value = getattr(effect, name)
        if value is not None and value < 0 and name not in errors:
            errors[name] = [_("Värdet kan inte vara negativt.")]
    if errors:
        raise ValidationError(errors)


def _validate_cost(cost: Cost) -> None:
    try:
        cost.full_clean(exclude=["initiative"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    if cost.amount is not None and cost.amount < 0:
        raise ValidationError({"amount": [_("Beloppet kan inte vara negativt.")]})


def _build_effect(initiative: Initiative, data: Mapping[str, Any], effect: Effect | None = None) -> Effect:
    unknown = set(data) - set(versions.EFFECT_FIELDS)
    if unknown:
        raise ValueError(f"Okända fält för effekt: {', '.join(sorted(unknown))}")
    _refuse_nul(data)
    effect = effect or Effect(initiative=initiative)
    for name, value in data.items():
        setattr(effect, name, "" if value is None and name in ("description", "baseline", "method") else value)
    _validate_effect(effect)
    return effect


def _build_cost(initiative: Initiative, data: Mapping[str, Any], cost: Cost | None = None) -> Cost:
    unknown = set(data) - set(versions.COST_FIELDS)
    if unknown:
        raise ValueError(f"Okända fält för kostnad: {', '.join(sorted(unknown))}")
    _refuse_nul(data)
    cost = cost or Cost(initiative=initiative)
    for name, value in data.items():
        setattr(cost, name, value)
    _validate_cost(cost)
    return cost


def refresh_figures(initiative: Initiative) -> roi.RoiFigures:
    """Store the figures from ``roi.compute`` on the initiative (for sorting and filtering lists)."""
    figures = roi.compute(
        initiative,
        effects=list(Effect.objects.filter(initiative=initiative)),
        costs=list(Cost.objects.filter(initiative=initiative)),
    )
    values = {
        "annual_value": figures.annual_value,
        "total_cost": figures.total_cost,
        "roi": figures.roi,
        "is_evaluated": figures.is_evaluated,
    }
    Initiative.objects.filter(pk=initiative.pk).update(**values)
    for name, value in values.items():
        setattr(initiative, name, value)
    if hasattr(initiative, "_prefetched_objects_cache"):
        initiative._prefetched_objects_cache.clear()
    return figures


def _sync_search(initiative: Initiative) -> None:
    """Keep the search index in step, inside the same transaction as the write."""
    from kraft.initiatives.search import sync_initiative

    sync_initiative(initiative.pk)


def _audit(actor: Actor, action: str, initiative: Initiative, **kwargs: Any) -> None:
    record(actor, action, initiative, organisation=initiative.lead_organisation, **kwargs)


def _store_version(actor: Actor, initiative: Initiative, note: str = "") -> InitiativeVersion:
    number = (initiative.published_version or 0) + 1
    last = InitiativeVersion.objects.filter(initiative=initiative).order_by("-number").first()
    if last is not None and last.number >= number:
        number = last.number + 1
    version = InitiativeVersion.objects.create(
        initiative=initiative,
        number=number,
        snapshot=versions.snapshot(initiative),
        created_by=_user(actor),
        note=note[:300],
    )
    initiative.published_version = number
    Initiative.objects.filter(pk=initiative.pk).update(published_version=number)
    return version


def _after_change(actor: Actor, initiative: Initiative, note: str) -> None:
    """Figures, a new public version when the record is published, and the search index."""
    refresh_figures(initiative)
    if initiative.status == Initiative.Status.PUBLISHED:
        _store_version(actor, initiative, note)
    _sync_search(initiative)


def _locked(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update(of=("self",)).select_related("lead_organisation").get(pk=initiative.pk)


# ------------------------------------------------------------------ initiatives


@transaction.atomic
def create_initiative(
    actor: Actor,
    data: Mapping[str, Any],
    *,
    lead_organisation: Organisation | None,
    partners: Iterable[Organisation] = (),
    effects: Iterable[Mapping[str, Any]] = (),
    costs: Iterable[Mapping[str, Any]] = (),
    reused_from: Initiative | None = None,
    source_name: str = "",
    source_id: str = "",
    source_url: str = "",
    licence: str = "",
    attribution: str = "",
    publish: bool = False,
) -> Initiative:
    """Create a draft (or, with ``publish=True``, a published record at version 1).

    ``data`` holds any of ``versions.CONTENT_FIELDS``; ``welfare_area``/``technique`` may be an instance, a pk or
    a slug. ``effects``/``costs`` are dicts of ``versions.EFFECT_FIELDS``/``COST_FIELDS``. The source fields keep
    provenance for imported records (``source_name`` + ``source_id`` are unique together).
    """
    _require_edit_org(actor, lead_organisation)
    initiative = Initiative(
        lead_organisation=lead_organisation,
        reused_from=reused_from,
        source_name=source_name,
        source_id=source_id,
        source_url=source_url,
        licence=licence,
        attribution=attribution,
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    _apply_fields(initiative, data, versions.CONTENT_FIELDS)
    _validate(initiative)
    built_effects = [_build_effect(initiative, e) for e in effects]
    built_costs = [_build_cost(initiative, c) for c in costs]
    initiative.save()
    if partners:
        initiative.partners.set([p for p in partners if p.pk != getattr(lead_organisation, "pk", None)])
    for effect in built_effects:
        effect.initiative = initiative
        effect.save()
    for cost in built_costs:
        cost.initiative = initiative
        cost.save()
    refresh_figures(initiative)
    _audit(actor, "initiative_created", initiative, after=_audit_state(initiative))
    if publish:
        publish_initiative(actor, initiative)
    else:
        _sync_search(initiative)
    return initiative


def _audit_state(initiative: Initiative) -> dict[str, Any]:
    state = versions.field_values(initiative)
    state["version"] = initiative.version
    state["status"] = initiative.status
    state["lead_organisation"] = initiative.lead_organisation_id
    return state


def _changes_since(
    initiative: Initiative, expected_version: int, data: Mapping[str, Any], partners: Iterable[Organisation] | None
) -> dict[str, Any]:
    """Fields changed after ``expected_version``, read from the audit trail, as field → (theirs, yours)."""
    events = AuditEvent.objects.filter(
        target_type=Initiative._meta.label_lower, target_id=str(initiative.pk), action="initiative_updated"
    ).only("after")
    names: list[str] = []
    for event in events:
        after = event.after or {}
        if int(after.get("version") or 0) > expected_version:
            names.extend(k for k in after if k not in BOOKKEEPING and k not in names)
    current = versions.field_values(initiative)
    current["partners"] = sorted(initiative.partners.values_list("pk", flat=True))
    if not names:  # no trail (e.g. changed outside the services): show where the two versions disagree
        names = [k for k in data if k in current and current[k] != _jsonable(data[k])]
    yours = {k: _jsonable(v) for k, v in data.items()}  # model instances become their pk
    if partners is not None:
        yours["partners"] = sorted(p.pk for p in partners)
    return {name: (current.get(name), yours.get(name)) for name in names}


@transaction.atomic
def update_initiative(
    actor: Actor,
    initiative: Initiative,
    data: Mapping[str, Any],
    expected_version: int,
    *,
    partners: Iterable[Organisation] | None = None,
    note: str = "",
) -> Initiative:
    """Change fields of an initiative. Refused with ``StaleEdit`` when ``expected_version`` is not the stored one.

    Returns the updated initiative (the same object, refreshed). A published initiative gets a new version.
    """
    current = _locked(initiative)
    _require_edit(actor, current)
    if int(expected_version) != current.version:
        raise StaleEdit(current, int(expected_version), _changes_since(current, int(expected_version), data, partners))
    if current.status == Initiative.Status.ARCHIVED:
        raise ValidationError(_("Ett arkiverat initiativ kan inte ändras. Publicera det igen först."))
    before = _audit_state(current)
    data = _without_guess_over_triage(actor, current, data)
    _apply_fields(current, data, versions.CONTENT_FIELDS)
    _validate(current)
    after = _audit_state(current)
    partners_changed = False
    if partners is not None:
        new_ids = sorted(p.pk for p in partners if p.pk != current.lead_organisation_id)
        old_ids = sorted(current.partners.values_list("pk", flat=True))
        partners_changed = new_ids != old_ids
        before["partners"], after["partners"] = old_ids, new_ids
    old_values, new_values = changed(before, after)
    if not old_values and not new_values:
        _copy_into(initiative, current)
        return initiative
    current.version += 1
    current.updated_by = _user(actor)
    current.save()
    if partners_changed and partners is not None:
        current.partners.set([p for p in partners if p.pk != current.lead_organisation_id])
    new_values["version"] = current.version
    _audit(actor, "initiative_updated", current, before=old_values, after=new_values)
    readable = ", ".join(versions.field_label(k) for k in new_values if k != "version")
    _after_change(actor, current, note or _("Ändrat: %(fields)s") % {"fields": readable})
    _copy_into(initiative, current)
    return initiative


def _without_guess_over_triage(actor: Actor, initiative: Initiative, data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Once the AI Act triage has set the risk class, only a new triage changes it (one source of truth): a
    person is told so; an importer's guess for the same record is left out and the rest of its row applies."""
    wanted = data.get("risk_class")
    if not initiative.risk_class_confirmed or wanted is None or wanted == initiative.risk_class:
        return data
    if _is_system(actor):
        return {k: v for k, v in data.items() if k != "risk_class"}
    raise ValidationError(
        {"risk_class": [_("Riskklassen kommer från AI-förordningens triage. Gör om triagen för att ändra den.")]}
    )


@transaction.atomic
def record_ai_act_triage(
    actor: Actor, initiative: Initiative, risk_class: str, result: Mapping[str, Any], note: str = ""
) -> Initiative:
    """Store the outcome of the AI Act triage (called by ``kraft.triage.services`` only): the risk class becomes
    confirmed and ``ai_act_triage`` holds roles, annex point, exemption and rules version. A published initiative
    gets a new version; the change is audited like any edit, so open edit forms see it as a newer version."""
    current = _locked(initiative)
    _require_edit(actor, current)
    if risk_class not in Initiative.RiskClass.values:
        raise ValidationError({"risk_class": [_("Okänd riskklass: %(value)s") % {"value": risk_class}]})
    before = {
        "risk_class": current.risk_class,
        "risk_class_confirmed": current.risk_class_confirmed,
        "ai_act_triage": current.ai_act_triage,
    }
    after = {"risk_class": risk_class, "risk_class_confirmed": True, "ai_act_triage": _jsonable(dict(result))}
    old_values, new_values = changed(before, after)
    if not new_values:
        _copy_into(initiative, current)
        return initiative
    current.risk_class = risk_class
    current.risk_class_confirmed = True
    current.ai_act_triage = after["ai_act_triage"]
    current.version += 1
    current.updated_by = _user(actor)
    current.save()
    new_values["version"] = current.version
    _audit(actor, "initiative_updated", current, before=old_values, after=new_values)
    _after_change(actor, current, note or _("Riskklass enligt AI-förordningens triage"))
    _copy_into(initiative, current)
    return initiative


def _copy_into(target: Initiative, source: Initiative) -> None:
    if target is source:
        return
    for f in Initiative._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))
    if hasattr(target, "_prefetched_objects_cache"):
        target._prefetched_objects_cache.clear()
    target._state.fields_cache.clear()


@transaction.atomic
def publish_initiative(actor: Actor, initiative: Initiative, note: str = "") -> InitiativeVersion:
    """Make the initiative public and store a version (also republishes an archived one)."""
    current = _locked(initiative)
    _require_edit(actor, current)
    before = {"status": current.status, "published_version": current.published_version}
    current.status = Initiative.Status.PUBLISHED
    current.published_at = current.published_at or timezone.now()
    Initiative.objects.filter(pk=current.pk).update(status=current.status, published_at=current.published_at)
    refresh_figures(current)
    version = _store_version(actor, current, note or _("Publicerad"))
    _audit(
        actor,
        "initiative_published",
        current,
        before=before,
        after={"status": current.status, "published_version": current.published_version},
    )
    _sync_search(current)
    _copy_into(initiative, current)
    return version


@transaction.atomic
def archive_initiative(actor: Actor, initiative: Initiative) -> Initiative:
    """End the initiative's public life. It stays readable (with its history) but leaves the default lists."""
    current = _locked(initiative)
    _require_edit(actor, current)
    before = {"status": current.status}
    current.status = Initiative.Status.ARCHIVED
    Initiative.objects.filter(pk=current.pk).update(status=current.status)
    _audit(actor, "initiative_archived", current, before=before, after={"status": current.status})
    _sync_search(current)
    _copy_into(initiative, current)
    return initiative


@transaction.atomic
def set_partners(actor: Actor, initiative: Initiative, organisations: Iterable[Organisation]) -> Initiative:
    """Replace the partner organisations (the lead organisation is never its own partner)."""
    current = _locked(initiative)
    _require_edit(actor, current)
    new = [o for o in organisations if o.pk != current.lead_organisation_id]
    old_ids = sorted(current.partners.values_list("pk", flat=True))
    new_ids = sorted({o.pk for o in new})
    if old_ids == new_ids:
        return initiative
    current.partners.set(new)
    _audit(actor, "initiative_partners_set", current, before={"partners": old_ids}, after={"partners": new_ids})
    _after_change(actor, current, _("Ändrat: partner"))
    return initiative


@transaction.atomic
def copy_initiative(
    actor: Actor, source: Initiative, into_organisation: Organisation, *, title: str | None = None
) -> Initiative:
    """ "Start from this initiative": a new draft for ``into_organisation`` that keeps ``reused_from``.

    Works for supplier templates too (the copy becomes an ordinary initiative). Effects are copied as *expected*
    effects — another organisation's measurements are not yours — and contact details, provenance and partners
    are left out.
    """
    if not can_view(actor, source):
        raise PermissionDenied(_("Du kan inte se initiativet du vill utgå från."))
    _require_edit_org(actor, into_organisation)
    data = versions.field_values(source)
    data["record_type"] = Initiative.RecordType.INITIATIVE
    data["stage"] = Initiative.Stage.IDEA
    data["title"] = title or source.title
    data["country"] = "SE"  # organisations in Kraft are Swedish; the copy is theirs
    for name in ("contact_name", "contact_email", "contact_phone", "start_date", "end_date"):
        data[name] = None if name.endswith("_date") else ""
    effects = []
    for effect in Effect.objects.filter(initiative=source).order_by("id"):
        values = versions.effect_values(effect)
        values.update(basis=Effect.Basis.EXPECTED, baseline="", measured_on=None, method="")
        effects.append(_decimal_ready(values))
    costs = [_decimal_ready(versions.cost_values(c)) for c in Cost.objects.filter(initiative=source).order_by("id")]
    copy = create_initiative(
        actor, data, lead_organisation=into_organisation, effects=effects, costs=costs, reused_from=source
    )
    _audit(actor, "initiative_copied", copy, after={"reused_from": source.pk})
    return copy


def _decimal_ready(values: dict[str, Any]) -> dict[str, Any]:
    """Snapshot values (strings for decimals and dates) back into what model fields accept."""
    from decimal import Decimal

    from django.utils.dateparse import parse_date

    out: dict[str, Any] = {}
    for name, value in values.items():
        if name == "measured_on" and isinstance(value, str):
            out[name] = parse_date(value)
        elif isinstance(value, str) and name not in ("description", "dimension", "unit", "basis", "kind"):
            out[name] = Decimal(value) if name not in ("baseline", "method") else value
        else:
            out[name] = value
    return out


# ------------------------------------------------------------------ effects and costs


@transaction.atomic
def add_effect(actor: Actor, initiative: Initiative, data: Mapping[str, Any]) -> Effect:
    current = _locked(initiative)
    _require_edit(actor, current)
    effect = _build_effect(current, data)
    effect.save()
    _audit(actor, "effect_added", current, after=versions.effect_values(effect) | {"effect": effect.pk})
    _after_change(actor, current, _("Effekt tillagd: %(name)s") % {"name": effect.get_dimension_display()})
    _copy_into(initiative, current)
    return effect


@transaction.atomic
def update_effect(actor: Actor, effect: Effect, data: Mapping[str, Any]) -> Effect:
    current = _locked(effect.initiative)
    _require_edit(actor, current)
    effect = Effect.objects.select_for_update().get(pk=effect.pk, initiative=current)
    before = versions.effect_values(effect)
    _build_effect(current, data, effect)
    old, new = changed(before, versions.effect_values(effect))
    if not new:
        return effect
    effect.save()
    _audit(actor, "effect_updated", current, before=old | {"effect": effect.pk}, after=new | {"effect": effect.pk})
    _after_change(actor, current, _("Effekt ändrad: %(name)s") % {"name": effect.get_dimension_display()})
    return effect


@transaction.atomic
def delete_effect(actor: Actor, effect: Effect) -> None:
    current = _locked(effect.initiative)
    _require_edit(actor, current)
    before = versions.effect_values(effect) | {"effect": effect.pk}
    name = effect.get_dimension_display()
    Effect.objects.filter(pk=effect.pk, initiative=current).delete()
    _audit(actor, "effect_deleted", current, before=before)
    _after_change(actor, current, _("Effekt borttagen: %(name)s") % {"name": name})


@transaction.atomic
def add_cost(actor: Actor, initiative: Initiative, data: Mapping[str, Any]) -> Cost:
    current = _locked(initiative)
    _require_edit(actor, current)
    cost = _build_cost(current, data)
    cost.save()
    _audit(actor, "cost_added", current, after=versions.cost_values(cost) | {"cost": cost.pk})
    _after_change(actor, current, _("Kostnad tillagd: %(name)s") % {"name": cost.description})
    _copy_into(initiative, current)
    return cost


@transaction.atomic
def update_cost(actor: Actor, cost: Cost, data: Mapping[str, Any]) -> Cost:
    current = _locked(cost.initiative)
    _require_edit(actor, current)
    cost = Cost.objects.select_for_update().get(pk=cost.pk, initiative=current)
    before = versions.cost_values(cost)
    _build_cost(current, data, cost)
    old, new = changed(before, versions.cost_values(cost))
    if not new:
        return cost
    cost.save()
    _audit(actor, "cost_updated", current, before=old | {"cost": cost.pk}, after=new | {"cost": cost.pk})
    _after_change(actor, current, _("Kostnad ändrad: %(name)s") % {"name": cost.description})
    return cost


@transaction.atomic
def delete_cost(actor: Actor, cost: Cost) -> None:
    current = _locked(cost.initiative)
    _require_edit(actor, current)
    before = versions.cost_values(cost) | {"cost": cost.pk}
    name = cost.description
    Cost.objects.filter(pk=cost.pk, initiative=current).delete()
    _audit(actor, "cost_deleted", current, before=before)
    _after_change(actor, current, _("Kostnad borttagen: %(name)s") % {"name": name})


# ------------------------------------------------------------------ welfare areas and techniques (staff data)


@transaction.atomic
def save_classification(
    actor: Actor, model: type[WelfareArea] | type[Technique], data: Mapping[str, Any], instance: Any = None
) -> Any:
    """Create or change a welfare area or AI technique. Only platform staff edit these lists."""
    if not (_is_system(actor) or permissions.is_staff(actor)):
        raise PermissionDenied(_("Bara plattformens personal kan ändra verksamhetsområden och AI-tekniker."))
    row = instance or model()
    fields = ("slug", "name", "name_en", "order")
    before = {f: getattr(row, f) for f in fields} if instance else None
    for name in ("slug", "name", "name_en", "order"):
        if name in data:
            setattr(row, name, data[name])
    try:
        row.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    row.save()
    after = {f: getattr(row, f) for f in fields}
    record(actor, f"{model._meta.model_name}_{'updated' if instance else 'created'}", row, before=before, after=after)
    if instance is not None:  # names are searchable text on each initiative
        relation = "welfare_area" if model is WelfareArea else "technique"
        for pk in Initiative.objects.filter(**{relation: row}).values_list("pk", flat=True):
            from kraft.initiatives.search import sync_initiative

            sync_initiative(pk)
    return row
