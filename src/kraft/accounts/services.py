"""The only write path for people and their API tokens. Every function records its audit event."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kraft.accounts.models import ApiToken, EmailAddress
from kraft.audit.services import changed, record, snapshot

PROFILE_FIELDS = ["first_name", "last_name", "email"]
USER_FIELDS = ["username", *PROFILE_FIELDS, "is_active", "is_staff"]


@transaction.atomic
def sign_up(
    *, username: str, email: str, password: str, first_name: str = "", last_name: str = "", verified_how: str = ""
) -> Any:
    """A new person. The form has already checked the password against the validators. The address must be
    verified before the person can ask to join an organisation, unless it is already proven: ``verified_how`` says how
    ("invitation": the invitation link reached it; "command": an operator's command made the account)."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Användarnamnet är upptaget. Välj ett annat.")})
    person = User.objects.create_user(username, email, password, first_name=first_name, last_name=last_name)
    record(person, "user_signed_up", person, after=snapshot(person, USER_FIELDS))
    if verified_how:
        mark_email_verified(person, person, how=verified_how)
    else:
        require_email_verification(person)
    return person


@transaction.atomic
def update_profile(actor: Any, person: Any, data: dict[str, Any]) -> Any:
    if actor.pk != person.pk:
        raise PermissionDenied(_("Du kan bara ändra din egen profil."))
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(_("Okända fält: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    before = snapshot(person, PROFILE_FIELDS)
    for field, value in data.items():
        setattr(person, field, value)
    person.save(update_fields=list(data))
    old, new = changed(before, snapshot(person, PROFILE_FIELDS))
    if new:
        record(actor, "profile_updated", person, before=old, after=new)
    if "email" in new:
        require_email_verification(person)
    return person


@transaction.atomic
def create_api_token(actor: Any, name: str) -> tuple[ApiToken, str]:
    """A new token; the secret is returned once and only its SHA-256 hash is kept."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Logga in för att skapa API-nycklar."))
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            {"name": _("Ge nyckeln ett namn så att du känner igen den, till exempel ”Rapportskript”.")}
        )
    if len(name) > 100:
        raise ValidationError({"name": _("Namnet får vara högst 100 tecken.")})
    secret = ApiToken.PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name, key_hash=ApiToken.hash_key(secret), hint=secret[:12])
    record(actor, "api_token_created", token, after={"name": name, "hint": token.hint})
    return token, secret


@transaction.atomic
def revoke_api_token(actor: Any, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk:
        raise PermissionDenied(_("Du kan bara återkalla dina egna API-nycklar."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor, "api_token_revoked", token, after={"name": token.name, "hint": token.hint})
    return token


@transaction.atomic
def set_password(actor: Any, person: Any, password: str, *, reason: str = "password_reset") -> Any:
    """A new password (after a reset link or a change); the trail records that it changed, never the value."""
    person.set_password(password)
    person.save(update_fields=["password"])
    record(actor if getattr(actor, "is_authenticated", False) else person.get_username(), reason, person)
    return person


# ---------------------------------------------------------------- e-mail verification


@transaction.atomic
def require_email_verification(person: Any) -> EmailAddress:
    """The person's current address is not proven yet (after sign-up or a change of address)."""
    row, _created = EmailAddress.objects.update_or_create(
        user=person, defaults={"email": person.email, "verified_at": None}
    )
    return row


@transaction.atomic
def mark_email_verified(actor: Any, person: Any, *, how: str) -> EmailAddress:
    """The address is proven: by the signed link (``how="link"``), an invitation sent to it, or a provider."""
    row, _created = EmailAddress.objects.update_or_create(
        user=person, defaults={"email": person.email, "verified_at": timezone.now()}
    )
    record(actor, "email_verified", person, after={"email": person.email, "how": how})
    return row


@transaction.atomic
def verify_email(person: Any, token_data: dict[str, Any] | None) -> EmailAddress:
    """Checks a verification link's content against the person signed in; refuses clearly otherwise."""
    if token_data is None:
        raise ValidationError(
            _("Länken är ogiltig eller för gammal. Be om en ny länk så skickar vi den till din e-postadress.")
        )
    if token_data.get("u") != person.pk:
        raise ValidationError(_("Länken hör till ett annat konto. Logga in med det konto som länken skickades till."))
    if token_data.get("e") != (person.email or "").lower():
        raise ValidationError(
            _(
                "Länken gäller en e-postadress som du inte längre har i Kraft. "
                "Be om en ny länk till din nuvarande adress."
            )
        )
    return mark_email_verified(person, person, how="link")


# ---------------------------------------------------------------- OpenID Connect


def _free_username(wanted: str) -> str:
    User = get_user_model()
    base = re.sub(r"[^\w.@+-]", "", wanted)[:140] or "person"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


@transaction.atomic
def sign_in_with_oidc(issuer: str, claims: dict[str, Any], *, email_verified: bool, organisation_key: str = "") -> Any:
    """The Kraft account for a person the provider vouched for: found by (issuer, subject), else by a verified
    e-mail address, else created. ``organisation_key`` (an organisationsnummer or kommunkod from a claim or the
    settings) makes the person a member of that organisation. Refuses addresses the provider has not verified."""
    from kraft.accounts import verification
    from kraft.accounts.models import ExternalIdentity

    subject, email = str(claims.get("sub") or ""), str(claims.get("email") or "").strip()
    if not subject:
        raise ValidationError(_("Inloggningstjänsten skickade ingen identitet. Försök igen eller kontakta supporten."))
    identity = ExternalIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if identity is None:
        if not email or not email_verified:
            raise ValidationError(
                _(
                    "Inloggningstjänsten har inte bekräftat din e-postadress, så Kraft kan inte veta vilket konto "
                    "som är ditt. Bekräfta adressen hos din organisations inloggningstjänst, eller logga in med "
                    "lösenord."
                )
            )
        person = _person_for_verified_email(email, claims)
        if not verification.email_is_verified(person):
            raise ValidationError(
                _(
                    "Det finns redan ett Kraft-konto med %(email)s men adressen är inte bekräftad där. Logga in med "
                    "lösenord och bekräfta adressen först; sedan kan du använda inloggningstjänsten."
                )
                % {"email": email}
            )
        identity = ExternalIdentity.objects.create(user=person, issuer=issuer, subject=subject)
        record(person, "oidc_identity_linked", person, after={"issuer": issuer, "email": email})
    person = identity.user
    if not person.is_active:
        raise ValidationError(_("Kontot är inaktiverat."))
    identity.last_login_at = timezone.now()
    identity.save(update_fields=["last_login_at"])
    if organisation_key:
        _join_from_claim(person, organisation_key)
    return person


def _person_for_verified_email(email: str, claims: dict[str, Any]) -> Any:
    User = get_user_model()
    matches = list(User.objects.filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise ValidationError(
            _("Flera Kraft-konton har adressen %(email)s. Be plattformens personal att slå ihop dem.")
            % {"email": email}
        )
    if matches:
        return matches[0]
    username = _free_username(str(claims.get("preferred_username") or email.split("@")[0]))
    person = User.objects.create_user(
        username,
        email,
        None,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
    )
    record(person, "user_signed_up", person, after={**snapshot(person, USER_FIELDS), "via": "oidc"})
    mark_email_verified(person, person, how="oidc")
    return person


def _join_from_claim(person: Any, key: str) -> None:
    from kraft.organisations import services as organisation_services
    from kraft.organisations.models import Membership, Organisation

    key = key.strip()
    organisation = (
        Organisation.objects.filter(status=Organisation.Status.APPROVED)
        .filter(models.Q(org_number=key) | models.Q(municipality_code=key))
        .first()
    )
    if organisation is None:
        return
    organisation_services.join_by_invitation(
        person, organisation, Membership.Role.MEMBER, None, action="membership_joined_by_sign_in"
    )
