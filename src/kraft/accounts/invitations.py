"""Invitations by e-mail: an organisation's admin invites an address with a role; the link works once.

The write path (``invite``, ``revoke``, ``accept``) records every step in the audit trail. Only a SHA-256 hash of
the link's secret is stored, as for API tokens.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kraft.accounts import permissions
from kraft.accounts.models import Invitation
from kraft.audit.services import record
from kraft.organisations import services as organisation_services
from kraft.organisations.models import Membership, Organisation


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def link_for(key: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("accounts:invitation", args=[key])


@transaction.atomic
def invite(actor: Any, organisation: Organisation, email: str, role: str) -> tuple[Invitation, str]:
    """A new invitation and the secret for its link (sent by e-mail; shown once to the admin as well)."""
    if not permissions.can_manage_members(actor, organisation):
        raise PermissionDenied(_("Bara organisationens administratörer kan bjuda in."))
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Ange en giltig e-postadress, till exempel anna@kommun.se.")}) from exc
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Välj en av rollerna medlem, redaktör eller administratör.")})
    member = Membership.objects.filter(
        organisation=organisation, user__email__iexact=email, status=Membership.Status.ACTIVE
    ).first()
    if member is not None:
        raise ValidationError(
            {
                "email": _("%(email)s är redan medlem i %(organisation)s (%(role)s). Ändra rollen i medlemslistan.")
                % {"email": email, "organisation": organisation.name, "role": member.get_role_display()}
            }
        )
    now = timezone.now()
    if Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at=None, revoked_at=None, expires_at__gt=now
    ).exists():
        raise ValidationError(
            {
                "email": _("%(email)s har redan en giltig inbjudan. Återkalla den först om du vill skicka en ny.")
                % {"email": email}
            }
        )
    key = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        key_hash=_hash(key),
        invited_by=actor,
        expires_at=now + timedelta(days=settings.INVITATION_DAYS),
    )
    record(
        actor,
        "invitation_sent",
        invitation,
        after={"email": email, "role": role},
        organisation=organisation,
        target_label=f"{email} – {organisation.name}",
    )
    body = _(
        "Hej!\n\n%(inviter)s bjuder in dig till %(organisation)s i Kraft, med rollen %(role)s.\n\n"
        "Öppna länken för att gå med (den gäller till %(expires)s och kan användas en gång):\n%(link)s\n\n"
        "Väntade du dig inte inbjudan kan du bortse från meddelandet."
    ) % {
        "inviter": actor.get_full_name() or actor.get_username(),
        "organisation": organisation.name,
        "role": invitation.get_role_display().lower(),
        "expires": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M"),
        "link": link_for(key),
    }
    # Sent inside the transaction: when the mail server refuses, no invitation exists that nobody received.
    send_mail(_("Inbjudan till %(organisation)s i Kraft") % {"organisation": organisation.name}, body, None, [email])
    return invitation, key


@transaction.atomic
def revoke(actor: Any, invitation: Invitation) -> Invitation:
    if not permissions.can_manage_members(actor, invitation.organisation):
        raise PermissionDenied(_("Bara organisationens administratörer kan återkalla inbjudningar."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("Inbjudan är redan antagen och kan inte återkallas. Ta bort medlemmen i stället."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(
            actor,
            "invitation_revoked",
            invitation,
            after={"email": invitation.email},
            organisation=invitation.organisation,
            target_label=f"{invitation.email} – {invitation.organisation.name}",
        )
    return invitation


def find(key: str) -> Invitation:
    """The invitation for a link, or a clear refusal when it is unknown, used, revoked or expired."""
    invitation = Invitation.objects.select_related("organisation", "invited_by").filter(key_hash=_hash(key)).first()
    if invitation is None:
        raise ValidationError(
            _("Inbjudningslänken är ogiltig. Kontrollera att hela länken kom med, eller be om en ny.")
        )
    if invitation.accepted_at is not None:
        raise ValidationError(_("Inbjudan är redan använd. Logga in med det konto som antog den."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("Inbjudan är återkallad. Be organisationens administratör om en ny."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("Inbjudan har gått ut. Be organisationens administratör om en ny."))
    return invitation


@transaction.atomic
def accept(person: Any, key: str) -> Invitation:
    """The signed-in person joins with the invited role. The link reached the address, which proves it."""
    invitation = find(key)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:  # accepted by a parallel request since ``find``
        raise ValidationError(_("Inbjudan är redan använd. Logga in med det konto som antog den."))
    if (person.email or "").lower() != invitation.email.lower():
        raise ValidationError(
            _(
                "Inbjudan skickades till %(invited)s, men du är inloggad med %(email)s. Logga in med rätt konto, "
                "eller logga ut och skapa ett konto med den inbjudna adressen."
            )
            % {"invited": invitation.email, "email": person.email}
        )
    return _join(person, invitation)


@transaction.atomic
def accept_addressed(person: Any, invitation_id: int) -> Invitation:
    """Accept, from "Mitt arbete", an open invitation sent to the person's own confirmed address (no link needed:
    the confirmed address proves the same thing the link does). Anything else is "not found", so nobody learns
    which invitations exist."""
    invitation = Invitation.objects.select_for_update().filter(pk=invitation_id).first()  # no outer join: PostgreSQL
    if invitation is None or invitation not in addressed_to(person):
        raise Invitation.DoesNotExist
    return _join(person, invitation)


def _join(person: Any, invitation: Invitation) -> Invitation:
    from kraft.accounts import services
    from kraft.accounts.verification import email_is_verified

    organisation_services.join_by_invitation(person, invitation.organisation, invitation.role, invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = person
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        person,
        "invitation_accepted",
        invitation,
        after={"email": invitation.email, "role": invitation.role},
        organisation=invitation.organisation,
        target_label=f"{invitation.email} – {invitation.organisation.name}",
    )
    if not email_is_verified(person):
        services.mark_email_verified(person, person, how="invitation")
    return invitation


def addressed_to(person: Any) -> list[Invitation]:
    """Open invitations sent to the person's address, once that address is confirmed (none before: an unconfirmed
    address could be someone else's)."""
    from kraft.accounts.verification import email_is_verified

    email = (getattr(person, "email", "") or "").strip()
    if not email or not email_is_verified(person):
        return []
    now = timezone.now()
    member_of = Membership.objects.filter(user=person, status=Membership.Status.ACTIVE).values("organisation_id")
    return list(
        Invitation.objects.filter(email__iexact=email, accepted_at=None, revoked_at=None, expires_at__gt=now)
        .exclude(organisation_id__in=member_of)
        .select_related("organisation", "invited_by")
        .order_by("expires_at")
    )


def open_invitations(organisation: Organisation) -> list[Invitation]:
    now = timezone.now()
    return list(
        Invitation.objects.filter(organisation=organisation, accepted_at=None, revoked_at=None, expires_at__gt=now)
        .select_related("invited_by")
        .order_by("-created_at")
    )
