from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    """A län, with its official two-digit code (SCB)."""

    code = models.CharField(_("länskod"), max_length=2, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    short_name = models.CharField(_("kortnamn"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("län")
        verbose_name_plural = _("län")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        KOMMUN = "kommun", _("Kommun")
        REGION = "region", _("Region")
        CIVIL_SOCIETY = "civilsamhalle", _("Civilsamhällesorganisation")
        MUNICIPAL_ASSOCIATION = "kommunalt_samarbete", _("Kommunalförbund eller samordningsförbund")
        AGENCY = "myndighet", _("Statlig myndighet")
        OTHER = "annan", _("Annan organisation")

    class LegalForm(models.TextChoices):
        KOMMUN = "kommun", _("Kommun")
        REGION = "region", _("Region")
        IDEELL_FORENING = "ideell_forening", _("Ideell förening")
        EKONOMISK_FORENING = "ekonomisk_forening", _("Ekonomisk förening")
        STIFTELSE = "stiftelse", _("Stiftelse")
        TROSSAMFUND = "trossamfund", _("Registrerat trossamfund")
        KOMMUNALFORBUND = "kommunalforbund", _("Kommunalförbund")
        SAMORDNINGSFORBUND = "samordningsforbund", _("Samordningsförbund")
        MYNDIGHET = "myndighet", _("Statlig myndighet")
        AKTIEBOLAG = "aktiebolag", _("Aktiebolag")
        ANNAN = "annan", _("Annan")

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på godkännande")
        APPROVED = "approved", _("Godkänd")
        REJECTED = "rejected", _("Avslagen")

    # Kinds that are preloaded from official registers and can therefore not be registered by users.
    PRELOADED_KINDS = (Kind.KOMMUN, Kind.REGION)

    name = models.CharField(_("namn"), max_length=200)
    official_name = models.CharField(_("officiellt namn"), max_length=250, blank=True)
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices, db_index=True)
    legal_form = models.CharField(_("juridisk form"), max_length=30, choices=LegalForm.choices, blank=True)
    org_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Tio siffror, till exempel 802012-3456."),
    )
    municipality_code = models.CharField(_("kommunkod"), max_length=4, unique=True, null=True, blank=True)
    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("län")
    )
    population = models.PositiveIntegerField(_("folkmängd"), null=True, blank=True)
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    website = models.URLField(_("webbplats"), blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    default_hourly_cost = models.DecimalField(
        _("timkostnad för effekter (kr)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Förifylls när någon räknar tidsbesparing i timmar. Lämna tomt för det nationella förvalet."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    source = models.CharField(_("källa"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registrerad av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="organisation_unique_kind_name"),
        ]

    def __str__(self) -> str:
        return self.official_name or self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("organisations:detail", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Medlem")
        EDITOR = "editor", _("Redaktör")
        ADMIN = "admin", _("Administratör")

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på godkännande")
        ACTIVE = "active", _("Aktiv")
        REJECTED = "rejected", _("Avslagen")

    RANK = {Role.MEMBER: 1, Role.EDITOR: 2, Role.ADMIN: 3}

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("roll"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    message = models.TextField(_("meddelande"), blank=True)
    requested_at = models.DateTimeField(_("begärd"), auto_now_add=True)
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_org")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def rank(self) -> int:
        return self.RANK.get(self.Role(self.role), 0) if self.status == self.Status.ACTIVE else 0
