"""The only write path for people and their API tokens. Every function records its audit event."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kraft.accounts.models import ApiToken
from kraft.audit.services import changed, record, snapshot

PROFILE_FIELDS = ["first_name", "last_name", "email"]
USER_FIELDS = ["username", *PROFILE_FIELDS, "is_active", "is_staff"]


@transaction.atomic
def sign_up(*, username: str, email: str, password: str, first_name: str = "", last_name: str = "") -> Any:
    """A new person. The form has already checked the password against the validators."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Användarnamnet är upptaget. Välj ett annat.")})
    person = User.objects.create_user(username, email, password, first_name=first_name, last_name=last_name)
    record(person, "user_signed_up", person, after=snapshot(person, USER_FIELDS))
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
