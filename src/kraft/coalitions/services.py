"""The only write path for coalitions, memberships, invitations, commitments, milestones and joint work.

``actor`` is a user, or a string naming a trusted process (``"demo"``). Leads are the members with the role
*lead*; an editor of a lead organisation acts for the coalition. An invited organisation answers through one of its
editors. Every write is audited in the same transaction.

Accepting is safe against two people answering at once: the invitation row is locked (``select_for_update``), its
status is checked inside the lock, and the database allows one membership per organisation and coalition.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kraft.accounts import permissions
from kraft.audit.services import record
from kraft.coalitions.models import Coalition, CoalitionMember, Invitation, Milestone, Role
from kraft.needs.models import Need
from kraft.organisations.models import Organisation

Actor = Any
MAX_DECISION_BYTES = 20 * 1024 * 1024


def _is_system(actor: Actor) -> bool:
    return isinstance(actor, str)


def _user(actor: Actor) -> Any:
    return None if _is_system(actor) else actor


def lead_ids(coalition: Coalition) -> set[int]:
    return set(coalition.members.filter(role=Role.LEAD).values_list("organisation_id", flat=True))


def member_ids(coalition: Coalition) -> set[int]:
    return set(coalition.members.values_list("organisation_id", flat=True))


def can_lead(actor: Actor, coalition: Coalition) -> bool:
    if _is_system(actor) or permissions.is_staff(actor):
        return True
    return bool(lead_ids(coalition) & permissions.editable_organisation_ids(actor))


def can_act_for(actor: Actor, organisation: Organisation | int) -> bool:
    return _is_system(actor) or permissions.can_edit_content_of(actor, organisation)


def can_view(actor: Actor, coalition: Coalition) -> bool:
    if _is_system(actor) or permissions.is_staff(actor) or coalition.visibility == Coalition.Visibility.PUBLIC:
        return True
    return bool(getattr(actor, "is_authenticated", False))


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _audit(actor: Actor, action: str, coalition: Coalition, organisation: Any = None, **kwargs: Any) -> None:
    record(actor, action, coalition, organisation=organisation, **kwargs)


def _notify(kind: str, **kwargs: Any) -> None:
    try:
        from kraft.messaging import services as messaging
    except ImportError:  # pragma: no cover - messaging is part of Kraft
        return
    getattr(messaging, f"notify_{kind}")(**kwargs)


# ------------------------------------------------------------------ coalitions


@transaction.atomic
def create_coalition(
    actor: Actor,
    *,
    lead: Organisation,
    title: str,
    description: str = "",
    need: Need | None = None,
    visibility: str = Coalition.Visibility.PUBLIC,
) -> Coalition:
    """A coalition led by ``lead`` (whose editor the actor is), grown from ``need`` when given."""
    _require(can_act_for(actor, lead), _("Du behöver vara redaktör i den ledande organisationen."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": [_("Ge samverkan ett namn.")]})
    if need is not None:
        if need.status == Need.Status.DRAFT:
            raise ValidationError({"need": [_("Ett utkast kan inte bli en samverkan. Publicera behovet först.")]})
        if need.status in (Need.Status.SOLVED, Need.Status.CLOSED):
            raise ValidationError({"need": [_("Behovet är redan löst eller stängt.")]})
        signalled = set(need.signals.values_list("organisation_id", flat=True))
        if lead.pk != need.organisation_id and lead.pk not in signalled:
            raise ValidationError(
                {"lead": [_("Den ledande organisationen ska ha behovet eller ha signalerat på det.")]}
            )
    if visibility not in Coalition.Visibility.values:
        raise ValidationError({"visibility": [_("Välj synlighet.")]})
    coalition = Coalition.objects.create(
        title=title[:250], description=description, need=need, visibility=visibility, created_by=_user(actor)
    )
    CoalitionMember.objects.create(coalition=coalition, organisation=lead, role=Role.LEAD)
    _audit(
        actor,
        "coalition_created",
        coalition,
        lead,
        after={"title": title, "need": need.pk if need else None, "lead": lead.pk},
    )
    if need is not None:
        from kraft.needs.services import advance_need

        advance_need("coalition", need, Need.Status.FORMING)
    return coalition


@transaction.atomic
def invite(actor: Actor, coalition: Coalition, organisation: Organisation, role: str, message: str = "") -> Invitation:
    _require(can_lead(actor, coalition), _("Bara den ledande organisationens redaktörer kan bjuda in."))
    coalition = Coalition.objects.select_for_update().get(pk=coalition.pk)
    if role not in Role.values:
        raise ValidationError({"role": [_("Välj en roll för organisationen.")]})
    if organisation.status != Organisation.Status.APPROVED:
        raise ValidationError({"organisation": [_("Organisationen är inte godkänd i Kraft.")]})
    if coalition.members.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": [_("%(organisation)s är redan med i samverkan.") % {"organisation": organisation}]}
        )
    if coalition.invitations.filter(organisation=organisation, status=Invitation.Status.PENDING).exists():
        raise ValidationError(
            {"organisation": [_("%(organisation)s har redan en obesvarad inbjudan.") % {"organisation": organisation}]}
        )
    if len(message) > 5000 or "\x00" in message:
        raise ValidationError({"message": [_("Meddelandet är för långt eller innehåller otillåtna tecken.")]})
    invitation = Invitation.objects.create(
        coalition=coalition, organisation=organisation, role=role, message=message.strip(), invited_by=_user(actor)
    )
    _audit(actor, "coalition_invited", coalition, organisation, after={"organisation": organisation.pk, "role": role})
    _notify("invitation", invitation=invitation)
    return invitation


def _check_decision_file(decision_file: Any) -> None:
    if decision_file is not None and getattr(decision_file, "size", 0) > MAX_DECISION_BYTES:
        raise ValidationError({"decision_file": [_("Filen är för stor (högst 20 MB).")]})


@transaction.atomic
def respond(
    actor: Actor,
    invitation: Invitation,
    *,
    accept: bool,
    decision_reference: str = "",
    decision_file: Any = None,
) -> CoalitionMember | None:
    """Accept (one membership, whoever answers first) or decline an invitation for the invited organisation."""
    _require(
        can_act_for(actor, invitation.organisation_id),
        _("Bara redaktörer i den inbjudna organisationen kan svara på inbjudan."),
    )
    locked = Invitation.objects.select_for_update().select_related("coalition", "organisation").get(pk=invitation.pk)
    if locked.status != Invitation.Status.PENDING:
        raise ValidationError(_("Inbjudan är redan besvarad (%(status)s).") % {"status": locked.get_status_display()})
    _check_decision_file(decision_file)
    locked.status = Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED
    locked.decided_by = _user(actor)
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    member = None
    if accept:
        try:
            with transaction.atomic():
                member = CoalitionMember.objects.create(
                    coalition=locked.coalition,
                    organisation=locked.organisation,
                    role=locked.role,
                    decision_reference=decision_reference.strip()[:300],
                    decision_file=decision_file or "",
                )
        except IntegrityError:
            raise ValidationError(
                _("%(organisation)s är redan med i samverkan.") % {"organisation": locked.organisation}
            ) from None
    _audit(
        actor,
        "coalition_invitation_accepted" if accept else "coalition_invitation_declined",
        locked.coalition,
        locked.organisation,
        after={"organisation": locked.organisation_id, "role": locked.role, "decision": decision_reference[:300]},
    )
    _notify("invitation_answered", invitation=locked)
    invitation.status = locked.status
    return member


@transaction.atomic
def withdraw(actor: Actor, invitation: Invitation) -> None:
    _require(can_lead(actor, invitation.coalition), _("Bara den ledande organisationens redaktörer kan återkalla."))
    updated = Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.WITHDRAWN, decided_by=_user(actor), decided_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("Inbjudan är redan besvarad."))
    _audit(actor, "coalition_invitation_withdrawn", invitation.coalition, invitation.organisation)


@transaction.atomic
def update_commitment(
    actor: Actor,
    member: CoalitionMember,
    *,
    hours: int | None,
    kronor: Decimal | None,
    data: str = "",
    decision_reference: str = "",
    decision_file: Any = None,
) -> CoalitionMember:
    """What the organisation commits (hours, kronor, data) and the decision behind its membership."""
    _require(can_act_for(actor, member.organisation_id), _("Bara organisationens redaktörer kan ändra dess åtaganden."))
    locked = CoalitionMember.objects.select_for_update().get(pk=member.pk)
    errors: dict[str, list[str]] = {}
    if hours is not None and hours < 0:
        errors["hours"] = [_("Värdet kan inte vara negativt.")]
    if kronor is not None and kronor < 0:
        errors["kronor"] = [_("Värdet kan inte vara negativt.")]
    if len(data) > 500:
        errors["data"] = [_("Högst 500 tecken.")]
    if errors:
        raise ValidationError(errors)
    _check_decision_file(decision_file)
    before = {
        "hours": locked.hours,
        "kronor": locked.kronor,
        "data": locked.data,
        "decision": locked.decision_reference,
    }
    locked.hours, locked.kronor, locked.data = hours, kronor, data.strip()
    locked.decision_reference = decision_reference.strip()[:300]
    if decision_file is not None:
        locked.decision_file = decision_file
    locked.save()
    after = {"hours": locked.hours, "kronor": locked.kronor, "data": locked.data, "decision": locked.decision_reference}
    _audit(actor, "coalition_commitment_changed", locked.coalition, locked.organisation, before=before, after=after)
    return locked


@transaction.atomic
def leave(actor: Actor, member: CoalitionMember) -> None:
    """The organisation leaves; the last lead cannot leave (hand the lead over first)."""
    _require(
        can_act_for(actor, member.organisation_id), _("Bara organisationens redaktörer kan lämna samverkan för den.")
    )
    coalition = Coalition.objects.select_for_update().get(pk=member.coalition_id)
    if member.role == Role.LEAD and coalition.members.filter(role=Role.LEAD).count() <= 1:
        raise ValidationError(_("Samverkan behöver en ledande organisation. Utse en annan ledare innan ni lämnar."))
    CoalitionMember.objects.filter(pk=member.pk).delete()
    _audit(
        actor,
        "coalition_left",
        coalition,
        member.organisation,
        before={"organisation": member.organisation_id, "role": member.role},
    )


@transaction.atomic
def set_role(actor: Actor, member: CoalitionMember, role: str) -> CoalitionMember:
    _require(can_lead(actor, member.coalition), _("Bara den ledande organisationens redaktörer kan ändra roller."))
    if role not in Role.values:
        raise ValidationError({"role": [_("Välj en roll för organisationen.")]})
    coalition = Coalition.objects.select_for_update().get(pk=member.coalition_id)
    if member.role == Role.LEAD and role != Role.LEAD and coalition.members.filter(role=Role.LEAD).count() <= 1:
        raise ValidationError(_("Samverkan behöver en ledande organisation."))
    before = member.role
    member.role = role
    member.save(update_fields=["role", "updated_at"])
    _audit(
        actor, "coalition_role_changed", coalition, member.organisation, before={"role": before}, after={"role": role}
    )
    return member


# ------------------------------------------------------------------ milestones, library, joint initiative


@transaction.atomic
def add_milestone(actor: Actor, coalition: Coalition, title: str, due_date: Any = None) -> Milestone:
    _require(can_lead(actor, coalition), _("Bara den ledande organisationens redaktörer kan lägga till milstolpar."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": [_("Ge milstolpen ett namn.")]})
    milestone = Milestone.objects.create(coalition=coalition, title=title[:250], due_date=due_date)
    _audit(actor, "coalition_milestone_added", coalition, after={"milestone": milestone.pk, "title": title})
    return milestone


@transaction.atomic
def complete_milestone(actor: Actor, milestone: Milestone) -> Milestone:
    _require(
        can_lead(actor, milestone.coalition), _("Bara den ledande organisationens redaktörer kan bocka av milstolpar.")
    )
    if milestone.done_at is None:
        milestone.done_at = timezone.now()
        milestone.save(update_fields=["done_at"])
        _audit(actor, "coalition_milestone_done", milestone.coalition, after={"milestone": milestone.pk})
    return milestone


def _lead_organisation(coalition: Coalition) -> Organisation:
    member = coalition.members.filter(role=Role.LEAD).select_related("organisation").order_by("joined_at").first()
    if member is None:
        raise ValidationError(_("Samverkan saknar ledande organisation."))
    return member.organisation


@transaction.atomic
def share_library(actor: Actor, coalition: Coalition) -> Any:
    """Create the coalition's shared library (owned by the lead) or share it with today's members."""
    from kraft.knowledge import services as knowledge
    from kraft.knowledge.models import Library

    _require(can_lead(actor, coalition), _("Bara den ledande organisationens redaktörer kan dela biblioteket."))
    lead = _lead_organisation(coalition)
    others = list(Organisation.objects.filter(pk__in=member_ids(coalition) - {lead.pk}))
    if coalition.library_id is None:
        library = knowledge.create_library(
            actor,
            name=_("Samverkan: %(title)s") % {"title": coalition.title},
            organisation=lead,
            visibility=Library.Visibility.SHARED if others else Library.Visibility.ORGANISATION,
            shared_with=others,
        )
        Coalition.objects.filter(pk=coalition.pk).update(library=library)
        coalition.library = library
        _audit(actor, "coalition_library_created", coalition, lead, after={"library": library.pk})
        return library
    library = knowledge.share_library(actor, coalition.library, others)  # type: ignore[arg-type]
    _audit(actor, "coalition_library_shared", coalition, lead, after={"shared_with": [o.pk for o in others]})
    return library


@transaction.atomic
def start_joint_initiative(actor: Actor, coalition: Coalition) -> Any:
    """Work starts: a joint initiative in the registry (led by the lead, members as partners), published."""
    from kraft.initiatives import services as initiatives
    from kraft.initiatives.models import Initiative

    _require(
        can_lead(actor, coalition),
        _("Bara den ledande organisationens redaktörer kan starta det gemensamma initiativet."),
    )
    coalition = Coalition.objects.select_for_update().get(pk=coalition.pk)
    if coalition.initiative_id is not None:
        raise ValidationError(_("Samverkan har redan ett gemensamt initiativ."))
    if coalition.members.count() < 2:
        raise ValidationError(_("Ett gemensamt initiativ behöver minst två organisationer i samverkan."))
    lead = _lead_organisation(coalition)
    partners = list(Organisation.objects.filter(pk__in=member_ids(coalition) - {lead.pk}))
    need = coalition.need
    data: dict[str, Any] = {
        "title": coalition.title,
        "summary": (coalition.description or (need.problem if need else ""))[:300],
        "description": coalition.description,
        "problem": need.problem if need else "",
        "stage": Initiative.Stage.STUDY,
        "welfare_area": need.welfare_area_id if need else None,
    }
    initiative = initiatives.create_initiative(actor, data, lead_organisation=lead, partners=partners, publish=True)
    coalition.initiative = initiative
    coalition.status = Coalition.Status.ACTIVE
    coalition.started_at = timezone.now()
    coalition.version += 1
    coalition.save(update_fields=["initiative", "status", "started_at", "version", "updated_at"])
    if need is not None:
        from kraft.needs.services import advance_need

        advance_need("coalition", need, Need.Status.IN_PROGRESS)
        if need.organisation_id in {lead.pk, *[p.pk for p in partners]}:
            need.initiatives.add(initiative)
    _audit(actor, "coalition_initiative_started", coalition, lead, after={"initiative": initiative.pk})
    return initiative


@transaction.atomic
def set_status(actor: Actor, coalition: Coalition, status: str) -> Coalition:
    _require(can_lead(actor, coalition), _("Bara den ledande organisationens redaktörer kan ändra status."))
    if status not in Coalition.Status.values:
        raise ValidationError({"status": [_("Välj en giltig status.")]})
    before = coalition.status
    Coalition.objects.filter(pk=coalition.pk).update(status=status, updated_at=timezone.now())
    coalition.status = status
    _audit(actor, "coalition_status_changed", coalition, before={"status": before}, after={"status": status})
    return coalition
