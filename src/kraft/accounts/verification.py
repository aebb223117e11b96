"""E-mail verification: a signed, time-limited link proves that a person reads the address they gave.

No token is stored: the link carries the person's id and the address, signed with the secret key, so that a link
for an old address stops working once the address changes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from kraft.accounts.models import EmailAddress

SALT = "kraft.accounts.verify-email"


def email_is_verified(person: Any) -> bool:
    """True unless the account was made by sign-up (or its address changed) and the link was not used yet."""
    if not getattr(person, "is_authenticated", False):
        return False
    row = EmailAddress.objects.filter(user=person).first()
    if row is None:
        return True  # made by an administrator, a command, an invitation or a provider that vouched for it
    return row.verified_at is not None and row.email.lower() == (person.email or "").lower()


def make_token(person: Any) -> str:
    return signing.dumps({"u": person.pk, "e": (person.email or "").lower()}, salt=SALT, compress=True)


def read_token(token: str) -> dict[str, Any] | None:
    """The token's content, or None when it is tampered with or older than ``EMAIL_VERIFICATION_MAX_AGE``."""
    try:
        data: dict[str, Any] = signing.loads(token, salt=SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return data


def send_verification(person: Any) -> None:
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:verify_email", args=[make_token(person)])
    days = settings.EMAIL_VERIFICATION_MAX_AGE // 86400
    body = _(
        "Hej %(name)s!\n\nBekräfta att %(email)s är din e-postadress i Kraft genom att öppna länken nedan. "
        "Länken gäller i %(days)s dagar.\n\n%(link)s\n\nHar du inte skapat något konto kan du bortse från meddelandet."
    ) % {"name": person.get_full_name() or person.username, "email": person.email, "days": days, "link": link}
    send_mail(_("Bekräfta din e-postadress i Kraft"), body, None, [person.email])
