import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kraft.organisations.models import Membership


class ApiToken(models.Model):
    """A personal token for the JSON API. Only a SHA-256 hash of the secret is stored."""

    PREFIX = "kraft_"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("namn"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(_("början av nyckeln"), max_length=16)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    expires_at = models.DateTimeField(_("upphör"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class EmailAddress(models.Model):
    """Whether a person's e-mail address is proven to be theirs.

    An account created by sign-up gets a row with ``verified_at`` empty until the link sent to the address is used;
    changing the address on the profile starts over. Accounts made by an administrator, a command, an accepted
    invitation or a provider that vouches for the address are verified at creation (see ``verification``).
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_address")
    email = models.EmailField(_("e-postadress"))
    verified_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-postadress")
        verbose_name_plural = _("e-postadresser")

    def __str__(self) -> str:
        return self.email


class Invitation(models.Model):
    """An organisation admin's invitation of an e-mail address, with a role. Only a hash of the link's secret is
    kept; the link works once, until it expires or is revoked."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-postadress"))
    role = models.CharField(_("roll"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    key_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("inbjuden av")
    )
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    expires_at = models.DateTimeField(_("giltig till"))
    accepted_at = models.DateTimeField(_("antagen"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        from django.utils import timezone

        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class ExternalIdentity(models.Model):
    """A person's account at an OpenID Connect provider (issuer + subject), linked on first sign-in."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities")
    issuer = models.CharField(_("utfärdare"), max_length=300)
    subject = models.CharField(_("id hos utfärdaren"), max_length=255)
    created_at = models.DateTimeField(_("kopplad"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("senast inloggad"), null=True, blank=True)

    class Meta:
        verbose_name = _("extern inloggning")
        verbose_name_plural = _("externa inloggningar")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique")]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"
