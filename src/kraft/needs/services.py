"""The only write path for needs and signals.

Each function checks permission through ``kraft.accounts.permissions`` (``actor`` is a user, or a string naming a
trusted system process such as ``"demo"``), validates with clear Swedish messages (``ValidationError``), records
an audit event in the same transaction and keeps the search index in step.

Optimistic locking as for initiatives: ``update_need`` takes the version the editor started from and raises
``StaleEdit`` when someone saved since. A need that is not a draft stores a new ``NeedVersion`` on every change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kraft.accounts import permissions
from kraft.audit.services import changed, record
from kraft.initiatives.models import Initiative, WelfareArea
from kraft.needs import versions
from kraft.needs.models import Need, NeedVersion, Signal
from kraft.organisations.models import Organisation

Actor = Any
Status = Need.Status
# Where a need may go from each status (draft → open only by publishing).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.OPEN: (Status.FORMING, Status.IN_PROGRESS, Status.SOLVED, Status.CLOSED),
    Status.FORMING: (Status.OPEN, Status.IN_PROGRESS, Status.SOLVED, Status.CLOSED),
    Status.IN_PROGRESS: (Status.FORMING, Status.SOLVED, Status.CLOSED),
    Status.SOLVED: (Status.OPEN, Status.IN_PROGRESS, Status.CLOSED),
    Status.CLOSED: (Status.OPEN,),
}
MAX_TEXT = 20_000


class StaleEdit(Exception):
    """Someone saved the need after the editor opened it; ``changes`` maps field → (theirs, yours)."""

    def __init__(self, need: Need, expected_version: int, changes: dict[str, tuple[Any, Any]]):
        self.need = need
        self.current_version = need.version
        self.changes = changes
        super().__init__(f"Behovet har ändrats (version {expected_version} → {need.version})")

    def labelled(self) -> list[tuple[str, Any, Any]]:
        return [(versions.field_label(name), theirs, yours) for name, (theirs, yours) in self.changes.items()]


# ------------------------------------------------------------------ permissions


def _is_system(actor: Actor) -> bool:
    return isinstance(actor, str)


def _user(actor: Actor) -> Any:
    return None if _is_system(actor) else actor


def can_view(actor: Actor, need: Need) -> bool:
    """Drafts: members of the organisation; members-only needs: anyone signed in; public needs: everyone."""
    if _is_system(actor) or permissions.is_staff(actor):
        return True
    if need.status == Status.DRAFT:
        return permissions.can_view_private_of(actor, need.organisation_id)
    if need.visibility == Need.Visibility.MEMBERS:
        return bool(getattr(actor, "is_authenticated", False))
    return True


def can_edit(actor: Actor, need: Need) -> bool:
    return _is_system(actor) or permissions.can_edit_content_of(actor, need.organisation_id)


def can_create_for(actor: Actor, organisation: Organisation | None) -> bool:
    return organisation is not None and (_is_system(actor) or permissions.can_edit_content_of(actor, organisation))


def can_create_any(actor: Actor) -> bool:
    return _is_system(actor) or permissions.is_staff(actor) or bool(permissions.editable_organisation_ids(actor))


def can_signal_for(actor: Actor, organisation: Organisation | int | None) -> bool:
    """Anyone with a role in the organisation speaks for it on a need (staff too)."""
    return _is_system(actor) or permissions.has_role(actor, organisation, "member")


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# ------------------------------------------------------------------ validation


def _resolve_area(value: Any) -> WelfareArea | None:
    if value in (None, ""):
        return None
    if isinstance(value, WelfareArea):
        return value
    lookup = {"pk": int(value)} if str(value).isdigit() else {"slug": value}
    found = WelfareArea.objects.filter(**lookup).first()
    if found is None:
        raise ValidationError({"welfare_area": _("Okänt verksamhetsområde: %(value)s") % {"value": value}})
    return found


def _apply(need: Need, data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(versions.CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"Okända fält för behov: {', '.join(sorted(unknown))}")
    bad = [name for name, value in data.items() if isinstance(value, str) and "\x00" in value]
    if bad:
        raise ValidationError(dict.fromkeys(bad, [_("Texten innehåller otillåtna tecken.")]))
    for name, value in data.items():
        if name == "welfare_area":
            need.welfare_area = _resolve_area(value)
        elif isinstance(value, str):
            setattr(need, name, value.strip())
        else:
            setattr(need, name, value)


def _validate(need: Need) -> None:
    errors: dict[str, list[str]] = {}
    if not (need.title or "").strip():
        errors["title"] = [_("Ge behovet en rubrik.")]
    if not (need.problem or "").strip():
        errors["problem"] = [_("Beskriv problemet med egna ord – texten får inte vara tom.")]
    for name in ("problem", "desired_outcome", "legal_basis", "constraints"):
        if len(getattr(need, name) or "") > MAX_TEXT and name not in errors:
            errors[name] = [_("Texten är för lång (högst %(max)s tecken).") % {"max": MAX_TEXT}]
    try:
        need.full_clean(exclude=["organisation", "solved_by", "created_by", "updated_by", "welfare_area", "problem"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)


def _own_initiatives(actor: Actor, need: Need, initiatives: Iterable[Initiative]) -> list[Initiative]:
    """Only initiatives the organisation leads or takes part in may be linked as its own."""
    chosen = list(initiatives)
    for initiative in chosen:
        ids = {initiative.lead_organisation_id, *initiative.partners.values_list("pk", flat=True)}
        if need.organisation_id not in ids:
            raise ValidationError(
                {"initiatives": [_("Initiativet %(title)s hör inte till organisationen.") % {"title": initiative}]}
            )
    return chosen


# ------------------------------------------------------------------ needs


def _sync_search(need: Need) -> None:
    from kraft.needs.search import sync_need

    sync_need(need.pk)


def _audit(actor: Actor, action: str, need: Need, **kwargs: Any) -> None:
    record(actor, action, need, organisation=need.organisation, **kwargs)


def _state(need: Need) -> dict[str, Any]:
    state = versions.field_values(need)
    state["version"] = need.version
    state["status"] = need.status
    return state


def _store_version(actor: Actor, need: Need, note: str) -> NeedVersion:
    last = NeedVersion.objects.filter(need=need).order_by("-number").values_list("number", flat=True).first() or 0
    number = max(last, need.published_version) + 1
    version = NeedVersion.objects.create(
        need=need, number=number, snapshot=versions.snapshot(need), created_by=_user(actor), note=note[:300]
    )
    Need.objects.filter(pk=need.pk).update(published_version=number)
    need.published_version = number
    return version


def _locked(need: Need) -> Need:
    return Need.objects.select_for_update().select_related("organisation").get(pk=need.pk)


@transaction.atomic
def create_need(
    actor: Actor,
    data: Mapping[str, Any],
    *,
    organisation: Organisation | None,
    initiatives: Iterable[Initiative] = (),
    publish: bool = False,
) -> Need:
    """A draft need for ``organisation`` (or, with ``publish``, an open one at version 1)."""
    if organisation is None:
        raise ValidationError({"organisation": [_("Välj organisationen som har behovet.")]})
    _require(
        can_create_for(actor, organisation),
        _("Du behöver vara redaktör i organisationen för att lägga till behov åt den."),
    )
    need = Need(organisation=organisation, created_by=_user(actor), updated_by=_user(actor))
    _apply(need, data)
    _validate(need)
    linked = _own_initiatives(actor, need, initiatives)
    need.save()
    if linked:
        need.initiatives.set(linked)
    _audit(actor, "need_created", need, after=_state(need) | {"initiatives": [i.pk for i in linked]})
    if publish:
        publish_need(actor, need)
    else:
        _sync_search(need)
    return need


def _changes_since(need: Need, data: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    current = versions.field_values(need)
    probe = Need(organisation=need.organisation)
    try:
        _apply(probe, data)
    except (ValidationError, ValueError):
        return {}
    yours = versions.field_values(probe)
    return {name: (current[name], yours[name]) for name in data if current.get(name) != yours.get(name)}


@transaction.atomic
def update_need(
    actor: Actor,
    need: Need,
    data: Mapping[str, Any],
    expected_version: int,
    *,
    initiatives: Iterable[Initiative] | None = None,
    note: str = "",
) -> Need:
    current = _locked(need)
    _require(can_edit(actor, current), _("Du behöver vara redaktör i organisationen för att ändra behovet."))
    if int(expected_version) != current.version:
        raise StaleEdit(current, int(expected_version), _changes_since(current, data))
    before = _state(current)
    _apply(current, data)
    _validate(current)
    after = _state(current)
    if initiatives is not None:
        linked = _own_initiatives(actor, current, initiatives)
        before["initiatives"] = sorted(current.initiatives.values_list("pk", flat=True))
        after["initiatives"] = sorted(i.pk for i in linked)
    old, new = changed(before, after)
    if not new:
        return current
    current.version += 1
    current.updated_by = _user(actor)
    current.save()
    if initiatives is not None and "initiatives" in new:
        current.initiatives.set(linked)
    new["version"] = current.version
    _audit(actor, "need_updated", current, before=old, after=new)
    if current.status != Status.DRAFT:
        readable = ", ".join(versions.field_label(k) for k in new if k != "version")
        _store_version(actor, current, note or _("Ändrat: %(fields)s") % {"fields": readable})
    _sync_search(current)
    return current


@transaction.atomic
def publish_need(actor: Actor, need: Need) -> NeedVersion:
    """Draft → open: the need becomes visible (publicly or to everyone signed in) and gets version 1."""
    current = _locked(need)
    _require(can_edit(actor, current), _("Du behöver vara redaktör i organisationen för att publicera behovet."))
    if current.status != Status.DRAFT:
        raise ValidationError(_("Behovet är redan publicerat."))
    _validate(current)
    now = timezone.now()
    current.status = Status.OPEN
    current.opened_at = current.opened_at or now
    current.status_changed_at = now
    Need.objects.filter(pk=current.pk).update(status=current.status, opened_at=current.opened_at, status_changed_at=now)
    version = _store_version(actor, current, _("Publicerat"))
    _audit(actor, "need_published", current, before={"status": Status.DRAFT}, after={"status": current.status})
    _sync_search(current)
    need.status, need.opened_at, need.published_version = current.status, current.opened_at, current.published_version
    return version


@transaction.atomic
def set_need_status(actor: Actor, need: Need, status: str, *, solved_by: Initiative | None = None) -> Need:
    """Move an open need along its lifecycle. Solved needs name the initiative that solved them."""
    current = _locked(need)
    _require(can_edit(actor, current), _("Du behöver vara redaktör i organisationen för att ändra behovets status."))
    if status not in TRANSITIONS.get(current.status, ()):
        raise ValidationError(
            {
                "status": [
                    _("Ett behov med status %(old)s kan inte få status %(new)s.")
                    % {"old": current.get_status_display(), "new": dict(Status.choices).get(status, status)}
                ]
            }
        )
    if status == Status.SOLVED:
        if solved_by is None:
            raise ValidationError({"solved_by": [_("Ange initiativet som löste behovet.")]})
        if solved_by.status == Initiative.Status.DRAFT:
            raise ValidationError({"solved_by": [_("Initiativet som löste behovet måste vara publicerat.")]})
    before = {"status": current.status, "solved_by": current.solved_by_id}
    current.status = status
    current.solved_by = solved_by if status == Status.SOLVED else current.solved_by
    current.status_changed_at = timezone.now()
    current.version += 1
    current.save(update_fields=["status", "solved_by", "status_changed_at", "version", "updated_at"])
    _audit(
        actor,
        "need_status_changed",
        current,
        before=before,
        after={"status": status, "solved_by": current.solved_by_id},
    )
    _store_version(actor, current, _("Status: %(status)s") % {"status": current.get_status_display()})
    _sync_search(current)
    return current


def advance_need(actor: Actor, need: Need, status: str) -> None:
    """Used by coalitions: move the need forward (open → forming → in progress) when it is not already past."""
    order: list[str] = [Status.OPEN, Status.FORMING, Status.IN_PROGRESS]
    current = Need.objects.get(pk=need.pk)
    if current.status in order and order.index(current.status) < order.index(status):
        set_need_status("coalition" if _is_system(actor) else actor, current, status)


# ------------------------------------------------------------------ signals


@transaction.atomic
def add_signal(
    actor: Actor,
    need: Need,
    *,
    organisation: Organisation,
    kind: str,
    contributions: Iterable[str] = (),
    initiative: Initiative | None = None,
    comment: str = "",
) -> Signal:
    if not can_view(actor, need) or need.status == Status.DRAFT:
        raise PermissionDenied(_("Behovet går inte att signalera på."))
    _require(
        can_signal_for(actor, organisation),
        _("Du kan bara signalera för en organisation där du har en roll."),
    )
    if kind not in Signal.Kind.values:
        raise ValidationError({"kind": [_("Välj vilken sorts signal du ger.")]})
    chosen = list(dict.fromkeys(contributions))
    unknown = [c for c in chosen if c not in Signal.Contribution.values]
    if unknown:
        raise ValidationError({"contributions": [_("Okänt bidrag: %(value)s") % {"value": ", ".join(unknown)}]})
    if kind == Signal.Kind.CONTRIBUTE and not chosen:
        raise ValidationError({"contributions": [_("Ange vad organisationen kan bidra med.")]})
    if kind == Signal.Kind.SOLVED:
        if initiative is None:
            raise ValidationError({"initiative": [_("Länka initiativet som löste behovet.")]})
        ids = {initiative.lead_organisation_id, *initiative.partners.values_list("pk", flat=True)}
        if organisation.pk not in ids or initiative.status == Initiative.Status.DRAFT:
            raise ValidationError(
                {"initiative": [_("Länka ett publicerat initiativ som organisationen leder eller deltar i.")]}
            )
    if "\x00" in comment:
        raise ValidationError({"comment": [_("Texten innehåller otillåtna tecken.")]})
    if len(comment) > 1000:
        raise ValidationError({"comment": [_("Kommentaren får vara högst 1000 tecken.")]})
    if Signal.objects.filter(need=need, organisation=organisation, kind=kind).exists():
        raise ValidationError(
            _("%(organisation)s har redan gett den signalen på behovet.") % {"organisation": organisation}
        )
    try:
        with transaction.atomic():
            signal = Signal.objects.create(
                need=need,
                organisation=organisation,
                kind=kind,
                contributions=chosen if kind == Signal.Kind.CONTRIBUTE else [],
                initiative=initiative if kind == Signal.Kind.SOLVED else None,
                comment=comment.strip(),
                created_by=_user(actor),
            )
    except IntegrityError:  # the same signal saved at the same moment by a colleague
        raise ValidationError(
            _("%(organisation)s har redan gett den signalen på behovet.") % {"organisation": organisation}
        ) from None
    record(
        actor,
        "signal_added",
        need,
        organisation=organisation,
        after={"signal": signal.pk, "kind": kind, "organisation": organisation.pk, "contributions": chosen},
    )
    _notify_signal(signal)
    return signal


def _notify_signal(signal: Signal) -> None:
    """Tell the need's contact role, when the messaging app is installed (it owns notifications)."""
    try:
        from kraft.messaging import services as messaging
    except ImportError:  # pragma: no cover - messaging is part of Kraft
        return
    messaging.notify_signal(signal)


@transaction.atomic
def remove_signal(actor: Actor, signal: Signal) -> None:
    _require(
        can_signal_for(actor, signal.organisation_id),
        _("Du kan bara ta bort signaler från en organisation där du har en roll."),
    )
    before = {"signal": signal.pk, "kind": signal.kind, "organisation": signal.organisation_id}
    need = signal.need
    Signal.objects.filter(pk=signal.pk).delete()
    record(actor, "signal_removed", need, organisation=signal.organisation, before=before)
