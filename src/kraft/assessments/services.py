"""The only write path for assessments, invitations, answers and 90-day plans.

Every function checks permission through ``kraft.accounts.permissions`` (``actor`` is a user, or a string naming a
trusted system process such as ``"demo"``), validates everything before it writes anything (so a refused request
leaves nothing half-saved), and records an audit event in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kraft.accounts import permissions
from kraft.assessments import bank as banks
from kraft.assessments import next_steps, results
from kraft.assessments.models import Assessment, Invitation, Plan, PlanItem, Response
from kraft.audit.services import record
from kraft.organisations.models import Membership, Organisation

Actor = Any
DONT_KNOW = "vet_inte"
PLAN_DAYS = 90


class StaleEdit(Exception):
    """Someone changed the record after the person opened it."""


def _is_system(actor: Actor) -> bool:
    return isinstance(actor, str)


def can_manage(actor: Actor, organisation: Organisation | int) -> bool:
    """Organisation admins (and staff) start, invite, close and publish."""
    return _is_system(actor) or permissions.has_role(actor, organisation, Membership.Role.ADMIN)


def can_plan(actor: Actor, organisation: Organisation | int) -> bool:
    """Editors and admins turn next steps into the 90-day plan."""
    return _is_system(actor) or permissions.has_role(actor, organisation, Membership.Role.EDITOR)


def _require_manage(actor: Actor, organisation: Organisation | int) -> None:
    if not can_manage(actor, organisation):
        raise PermissionDenied(_("Bara organisationens administratörer kan hantera bedömningen."))


def _check_version(current: int, expected: int | None) -> None:
    if expected is not None and int(expected) != current:
        raise StaleEdit(_("Någon annan har ändrat bedömningen sedan du öppnade sidan. Ladda om och försök igen."))


def _active_member(person: Any, organisation: Organisation) -> bool:
    return Membership.objects.filter(
        user=person, organisation=organisation, status=Membership.Status.ACTIVE, user__is_active=True
    ).exists()


# ------------------------------------------------------------------ assessments


@transaction.atomic
def start_assessment(
    actor: Actor, organisation: Organisation, *, title: str = "", open_to_contact: bool = False
) -> Assessment:
    _require_manage(actor, organisation)
    if not organisation.is_approved:
        raise ValidationError(_("Organisationen måste vara godkänd innan den kan göra en mognadsbedömning."))
    if Assessment.objects.select_for_update().filter(organisation=organisation, status=Assessment.Status.OPEN).exists():
        raise ValidationError(_("Det finns redan en öppen bedömning. Stäng den innan ni startar en ny omgång."))
    if "\x00" in title:
        raise ValidationError({"title": _("Texten innehåller otillåtna tecken.")})
    last = Assessment.objects.filter(organisation=organisation).aggregate(last=Max("round"))["last"] or 0
    assessment = Assessment.objects.create(
        organisation=organisation,
        round=last + 1,
        bank_version=banks.current_version(),
        title=title[:200],
        open_to_contact=open_to_contact,
        started_by=None if _is_system(actor) else actor,
    )
    record(
        actor,
        "assessment.start",
        assessment,
        organisation=organisation,
        after={"round": assessment.round, "bank_version": assessment.bank_version},
    )
    return assessment


@transaction.atomic
def invite_respondent(actor: Actor, assessment: Assessment, respondent: Any, role: str) -> Invitation:
    _require_manage(actor, assessment.organisation_id)
    if not assessment.is_open:
        raise ValidationError(_("Bedömningen är stängd; ingen fler kan bjudas in."))
    bank = banks.load(assessment.bank_version)
    if role not in {r.id for r in bank.respondent_roles}:
        raise ValidationError({"role": _("Välj en av rollerna i listan.")})
    if respondent is None or not _active_member(respondent, assessment.organisation):
        raise ValidationError({"respondent": _("Bara aktiva medlemmar i organisationen kan bjudas in att svara.")})
    if Invitation.objects.filter(assessment=assessment, respondent=respondent).exists():
        raise ValidationError({"respondent": _("Personen är redan inbjuden.")})
    invitation = Invitation.objects.create(
        assessment=assessment, respondent=respondent, role=role, invited_by=None if _is_system(actor) else actor
    )
    record(
        actor,
        "assessment.invite",
        invitation,
        organisation=assessment.organisation,
        after={"respondent": respondent.get_username(), "role": role},
    )
    return invitation


def _parse_answer(question_id: str, raw: Any) -> tuple[int | None, bool] | None:
    """(level, dont_know), or None for "not answered"; raises for anything outside the scale."""
    if raw in (None, ""):
        return None
    if raw == DONT_KNOW:
        return None, True
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = 0
    if value not in banks.LEVELS or str(raw).strip() != str(value):
        raise ValidationError({question_id: _("Svaret måste vara en nivå mellan 1 och 5 eller ”vet inte”.")})
    return value, False


def _evidence(assessment: Assessment, question_id: str, data: Mapping[str, Any]) -> tuple[str, Any]:
    url = str(data.get("url") or "").strip()
    document = data.get("document")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise ValidationError({question_id: _("Belägget måste vara en webbadress som börjar med http.")}) from exc
    library = getattr(document, "library", None)
    if library is not None and library.organisation_id != assessment.organisation_id:
        raise ValidationError({question_id: _("Dokumentet måste ligga i organisationens eget bibliotek.")})
    return url[:500], document


@transaction.atomic
def save_answers(
    actor: Actor,
    assessment: Assessment,
    answers: Mapping[str, Any],
    *,
    evidence: Mapping[str, Mapping[str, Any]] | None = None,
    submit: bool = False,
) -> Invitation:
    """Save the respondent's answers (a level "1"–"5", "vet_inte", or empty to leave unanswered); ``submit``
    hands them in. Answers can be changed until the assessment closes."""
    invitation = (
        Invitation.objects.select_for_update()
        .filter(assessment=assessment, respondent=None if _is_system(actor) else actor)
        .first()
    )
    if invitation is None:
        raise PermissionDenied(_("Du är inte inbjuden att svara på den här bedömningen."))
    assessment.refresh_from_db(fields=["status"])
    if not assessment.is_open:
        raise ValidationError(_("Bedömningen är stängd. Svar kan inte längre lämnas eller ändras."))
    bank = banks.load(assessment.bank_version)
    known = {q.id for q in bank.questions()}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ValidationError(_("Okända frågor: %(ids)s") % {"ids": ", ".join(unknown)})
    parsed: dict[str, tuple[int | None, bool] | None] = {}
    errors: dict[str, list[str]] = {}
    extra = evidence or {}
    proofs: dict[str, tuple[str, Any]] = {}
    for question_id in sorted(known):
        try:
            parsed[question_id] = _parse_answer(question_id, answers.get(question_id))
            proofs[question_id] = _evidence(assessment, question_id, extra.get(question_id, {}))
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault(key, []).extend(messages)
    if submit and not errors:
        missing = [q for q in sorted(known) if parsed.get(q) is None]
        if missing:
            errors["__all__"] = [
                _("Svara på alla frågor (eller välj ”vet inte”) innan du skickar in. %(n)s saknar svar.")
                % {"n": len(missing)}
            ]
    if errors:
        raise ValidationError(errors)
    _write_responses(invitation, parsed, proofs, assessment.bank_version)
    before = invitation.status
    if submit:
        invitation.status = Invitation.Status.SUBMITTED
        invitation.submitted_at = timezone.now()
    elif invitation.status == Invitation.Status.INVITED:
        invitation.status = Invitation.Status.STARTED
    invitation.save()
    answered = {q: (DONT_KNOW if p[1] else p[0]) for q, p in parsed.items() if p is not None}
    record(
        actor,
        "assessment.submit" if submit else "assessment.answers_save",
        invitation,
        organisation=assessment.organisation,
        before={"status": before},
        after={"status": invitation.status, "answers": answered},
    )
    return invitation


def _write_responses(
    invitation: Invitation,
    parsed: Mapping[str, tuple[int | None, bool] | None],
    proofs: Mapping[str, tuple[str, Any]],
    bank_version: str,
) -> None:
    existing = {r.question_id: r for r in invitation.responses.all()}
    for question_id, answer in parsed.items():
        current = existing.get(question_id)
        if answer is None:
            if current is not None:
                current.delete()
            continue
        value, dont_know = answer
        url, document = proofs.get(question_id, ("", None))
        Response.objects.update_or_create(
            invitation=invitation,
            question_id=question_id,
            defaults={
                "value": value,
                "dont_know": dont_know,
                "evidence_url": url,
                "evidence_document": document,
                "bank_version": bank_version,
            },
        )


@transaction.atomic
def close_assessment(actor: Actor, assessment: Assessment, expected_version: int | None = None) -> Assessment:
    _require_manage(actor, assessment.organisation_id)
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not locked.is_open:
        raise ValidationError(_("Bedömningen är redan stängd."))
    _check_version(locked.version, expected_version)
    if not locked.invitations.filter(status=Invitation.Status.SUBMITTED).exists():
        raise ValidationError(_("Minst en respondent måste ha skickat in sina svar innan bedömningen kan stängas."))
    computed = results.compute(locked)
    locked.results = results.snapshot(computed, locked.bank_version)
    locked.status = Assessment.Status.CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = None if _is_system(actor) else actor
    locked.version += 1
    locked.save()
    record(
        actor,
        "assessment.close",
        locked,
        organisation=locked.organisation,
        after={"levels": {r.dimension: r.level for r in computed}},
    )
    return locked


@transaction.atomic
def set_publication(
    actor: Actor,
    assessment: Assessment,
    *,
    published: bool,
    open_to_contact: bool,
    expected_version: int | None = None,
) -> Assessment:
    _require_manage(actor, assessment.organisation_id)
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_version(locked.version, expected_version)
    if published and locked.is_open:
        raise ValidationError(_("Bara en stängd bedömning kan publiceras."))
    before = {"is_published": locked.is_published, "open_to_contact": locked.open_to_contact}
    locked.is_published = published
    locked.published_at = timezone.now() if published and not before["is_published"] else locked.published_at
    if not published:
        locked.published_at = None
    locked.open_to_contact = open_to_contact
    locked.version += 1
    locked.save()
    record(
        actor,
        "assessment.publication",
        locked,
        organisation=locked.organisation,
        before=before,
        after={"is_published": published, "open_to_contact": open_to_contact},
    )
    return locked


# ------------------------------------------------------------------ the 90-day plan


def _plan_for(actor: Actor, assessment: Assessment, today: date) -> Plan:
    plan = Plan.objects.filter(assessment=assessment).first()
    if plan is None:
        plan = Plan.objects.create(
            assessment=assessment,
            starts_on=today,
            ends_on=today + timedelta(days=PLAN_DAYS),
            created_by=None if _is_system(actor) else actor,
        )
    return plan


def _validate_item(assessment: Assessment, plan: Plan | None, owner: Any, due_on: Any, today: date) -> None:
    errors: dict[str, list[str]] = {}
    if owner is None or not _active_member(owner, assessment.organisation):
        errors["owner"] = [_("Ansvarig måste vara en aktiv medlem i organisationen.")]
    starts = plan.starts_on if plan else today
    ends = plan.ends_on if plan else today + timedelta(days=PLAN_DAYS)
    if not isinstance(due_on, date):
        errors["due_on"] = [_("Ange ett datum.")]
    elif not starts <= due_on <= ends:
        errors["due_on"] = [
            _("Datumet måste ligga inom planens 90 dagar (%(start)s – %(end)s).") % {"start": starts, "end": ends}
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_plan_item(
    actor: Actor, assessment: Assessment, step_id: str, *, owner: Any, due_on: date, today: date | None = None
) -> PlanItem:
    if not can_plan(actor, assessment.organisation_id):
        raise PermissionDenied(_("Du behöver vara redaktör i organisationen för att ändra planen."))
    if assessment.is_open:
        raise ValidationError(_("Planen görs när bedömningen är stängd och resultatet klart."))
    today = today or timezone.localdate()
    step = next_steps.step_for(assessment, step_id, None if _is_system(actor) else actor)
    if step is None:
        raise ValidationError({"step": _("Steget finns inte bland bedömningens nästa steg.")})
    existing = Plan.objects.filter(assessment=assessment).first()
    _validate_item(assessment, existing, owner, due_on, today)
    plan = existing or _plan_for(actor, assessment, today)
    if plan.items.filter(step_id=step_id).exists():
        raise ValidationError({"step": _("Steget finns redan i planen.")})
    item = PlanItem.objects.create(
        plan=plan,
        step_id=step_id,
        dimension=step.dimension,
        title=step.title_text[:300],
        owner=owner,
        due_on=due_on,
        sources=[{"title": s.title, "url": s.url} for s in step.sources],
        created_by=None if _is_system(actor) else actor,
    )
    record(
        actor,
        "assessment.plan_add",
        item,
        organisation=assessment.organisation,
        after={"step": step_id, "owner": owner.get_username(), "due_on": due_on},
    )
    return item


def can_update_item(actor: Actor, item: PlanItem) -> bool:
    organisation_id = item.plan.assessment.organisation_id
    return can_plan(actor, organisation_id) or (
        not _is_system(actor)
        and item.owner_id == getattr(actor, "pk", None)
        and permissions.has_role(actor, organisation_id, Membership.Role.MEMBER)
    )


@transaction.atomic
def update_plan_item(
    actor: Actor, item: PlanItem, *, status: str, owner: Any, due_on: date, expected_version: int | None = None
) -> PlanItem:
    if not can_update_item(actor, item):
        raise PermissionDenied(_("Bara redaktörer och den ansvariga kan ändra åtgärden."))
    locked = PlanItem.objects.select_for_update().select_related("plan__assessment__organisation").get(pk=item.pk)
    _check_version(locked.version, expected_version)
    if status not in PlanItem.Status.values:
        raise ValidationError({"status": _("Välj en status i listan.")})
    _validate_item(locked.plan.assessment, locked.plan, owner, due_on, locked.plan.starts_on)
    before = {"status": locked.status, "owner": locked.owner_id, "due_on": locked.due_on}
    locked.status, locked.owner, locked.due_on = status, owner, due_on
    locked.version += 1
    locked.save()
    record(
        actor,
        "assessment.plan_update",
        locked,
        organisation=locked.plan.assessment.organisation,
        before=before,
        after={"status": status, "owner": owner.pk, "due_on": due_on},
    )
    return locked


@transaction.atomic
def remove_plan_item(actor: Actor, item: PlanItem) -> None:
    if not can_plan(actor, item.plan.assessment.organisation_id):
        raise PermissionDenied(_("Du behöver vara redaktör i organisationen för att ändra planen."))
    record(
        actor,
        "assessment.plan_remove",
        item,
        organisation=item.plan.assessment.organisation,
        before={"step": item.step_id, "title": item.title},
    )
    item.delete()
