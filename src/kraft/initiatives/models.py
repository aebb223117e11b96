"""The initiative registry's records. Writes go through ``services.py`` only.

Field mappings to the Eurocities/EU algorithmic-transparency standard, the Dutch algorithm register (1.0) and
the UK ATRS are documented in ``docs/initiative-fields.md``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Classification(models.Model):
    """A row of a staff-editable classification; shows its English name when the interface is in English."""

    slug = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=120)
    name_en = models.CharField(_("namn på engelska"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        language = get_language() or "sv"
        return self.name_en if language.startswith("en") and self.name_en else self.name


class WelfareArea(Classification):
    """A welfare area (vård och omsorg, skola …): data that staff can edit, not code."""

    class Meta(Classification.Meta):
        verbose_name = _("verksamhetsområde")
        verbose_name_plural = _("verksamhetsområden")


class Technique(Classification):
    """An AI technique (språkteknologi, bildanalys …): data that staff can edit, not code."""

    class Meta(Classification.Meta):
        verbose_name = _("AI-teknik")
        verbose_name_plural = _("AI-tekniker")


class Initiative(models.Model):
    class Stage(models.TextChoices):
        IDEA = "ide", _("Idé")
        STUDY = "forstudie", _("Förstudie")
        PILOT = "pilot", _("Pilot")
        IN_USE = "i_drift", _("I drift")
        SCALED = "skalad", _("Skalad")
        ENDED = "avslutad", _("Avslutad")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publicerad")
        ARCHIVED = "archived", _("Arkiverad")

    class RiskClass(models.TextChoices):
        """The outcome of the AI Act triage (``kraft.triage``); importers may only guess (``risk_class_confirmed``)."""

        UNACCEPTABLE = "oacceptabel", _("Förbjuden (oacceptabel risk)")
        HIGH = "hog", _("Hög risk")
        LIMITED = "begransad", _("Transparenskrav (begränsad risk)")
        MINIMAL = "minimal", _("Minimal risk")
        UNCLEAR = "oklart", _("Oklart")
        OUTSIDE = "utanfor", _("Utanför AI-förordningen")
        NOT_ASSESSED = "ej_bedomd", _("Ej bedömd")

    class RecordType(models.TextChoices):
        INITIATIVE = "initiative", _("Initiativ")
        SUPPLIER_TEMPLATE = "supplier_template", _("Leverantörsmall")

    # What it is
    title = models.CharField(_("titel"), max_length=250)
    summary = models.CharField(_("sammanfattning"), max_length=300, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    problem = models.TextField(_("problem som initiativet löser"), blank=True)
    record_type = models.CharField(
        _("posttyp"), max_length=20, choices=RecordType.choices, default=RecordType.INITIATIVE, db_index=True
    )
    # Who
    lead_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="led_initiatives",
        verbose_name=_("ansvarig organisation"),
        null=True,
        blank=True,
    )
    partners = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="partner_initiatives", verbose_name=_("partner")
    )
    contact_name = models.CharField(_("kontaktperson"), max_length=150, blank=True)
    contact_email = models.EmailField(_("kontaktens e-post"), blank=True)
    contact_phone = models.CharField(_("kontaktens telefon"), max_length=40, blank=True)
    # Classification
    welfare_area = models.ForeignKey(
        WelfareArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
        verbose_name=_("verksamhetsområde"),
    )
    technique = models.ForeignKey(
        Technique,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
        verbose_name=_("AI-teknik"),
    )
    stage = models.CharField(_("fas"), max_length=12, choices=Stage.choices, default=Stage.IDEA, db_index=True)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    tags = models.JSONField(_("taggar"), default=list, blank=True)
    # Data, law and risk
    uses_personal_data = models.BooleanField(_("behandlar personuppgifter"), null=True, blank=True)
    uses_sensitive_data = models.BooleanField(_("behandlar känsliga personuppgifter"), null=True, blank=True)
    data_description = models.TextField(_("data som används"), blank=True)
    legal_basis = models.TextField(_("rättslig grund"), blank=True)
    risk_class = models.CharField(
        _("riskklass enligt AI-förordningen"),
        max_length=12,
        choices=RiskClass.choices,
        default=RiskClass.NOT_ASSESSED,
        db_index=True,
    )
    # Set only by the AI Act triage (kraft.triage.services): until then risk_class is a guess (e.g. an importer's)
    risk_class_confirmed = models.BooleanField(_("riskklass bekräftad genom triage"), default=False, db_index=True)
    ai_act_triage = models.JSONField(_("resultat av AI-förordningens triage"), default=dict, blank=True)
    human_oversight = models.TextField(_("mänsklig kontroll"), blank=True)
    # Supplier, openness and money
    supplier = models.CharField(_("leverantör"), max_length=200, blank=True)
    product = models.CharField(_("produkt"), max_length=200, blank=True)
    open_source_url = models.URLField(_("länk till öppen källkod"), blank=True)
    funding = models.CharField(_("finansiering"), max_length=300, blank=True)
    links = models.JSONField(_("länkar"), default=list, blank=True)  # [{"title": str, "url": str}]
    horizon_years = models.PositiveSmallIntegerField(_("kalkylperiod (år)"), default=3)
    # Provenance (importers) and reuse
    country = models.CharField(_("land"), max_length=2, default="SE", db_index=True)
    source_name = models.CharField(_("källa"), max_length=120, blank=True)
    source_id = models.CharField(_("id i källan"), max_length=200, blank=True)
    source_url = models.URLField(_("länk till källan"), max_length=500, blank=True)
    licence = models.CharField(_("licens"), max_length=80, blank=True)
    attribution = models.CharField(_("upphov"), max_length=300, blank=True)
    reused_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reuses",
        verbose_name=_("utgår från"),
    )
    # Workflow
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)  # optimistic locking: bumped on every save
    published_version = models.PositiveIntegerField(_("publicerad version"), default=0)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    # Figures kept in step by services through roi.compute(); never edited by hand
    annual_value = models.DecimalField(_("årligt värde (kr)"), max_digits=16, decimal_places=2, default=0)
    total_cost = models.DecimalField(_("total kostnad (kr)"), max_digits=16, decimal_places=2, default=0)
    roi = models.DecimalField(_("avkastning (ROI)"), max_digits=12, decimal_places=4, null=True, blank=True)
    is_evaluated = models.BooleanField(_("utvärderad"), default=False, db_index=True)

    class Meta:
        ordering = ["-published_at", "-updated_at"]
        verbose_name = _("initiativ")
        verbose_name_plural = _("initiativ")
        constraints = [
            models.UniqueConstraint(
                fields=["source_name", "source_id"], condition=~models.Q(source_id=""), name="initiative_unique_source"
            )
        ]
        indexes = [models.Index(fields=["status", "record_type", "-published_at"])]

    def __str__(self) -> str:
        return self.title


class InitiativeVersion(models.Model):
    """A published version: a frozen snapshot of the record, its effects and costs."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("innehåll"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    note = models.CharField(_("kommentar"), max_length=300, blank=True)

    class Meta:
        ordering = ["initiative", "-number"]
        constraints = [models.UniqueConstraint(fields=["initiative", "number"], name="initiative_version_unique")]
        verbose_name = _("version")
        verbose_name_plural = _("versioner")

    def __str__(self) -> str:
        return f"{self.initiative} v{self.number}"


class Effect(models.Model):
    class Dimension(models.TextChoices):
        TIME = "tidsbesparing", _("Tidsbesparing")
        COST = "kostnadsbesparing", _("Kostnadsbesparing")
        QUALITY = "kvalitet", _("Kvalitet")
        CITIZEN = "medborgarnytta", _("Medborgarnytta")
        COMPETENCE = "kompetens", _("Kompetens")
        RISK = "riskreduktion", _("Riskreduktion")
        REVENUE = "intakter", _("Intäkter")
        SUSTAINABILITY = "hallbarhet", _("Hållbarhet")
        OTHER = "annat", _("Annat")

    class Unit(models.TextChoices):
        HOURS = "hours", _("Timmar × personer × perioder × timkostnad")
        SEK = "sek", _("Kronor per period")
        COUNT = "count", _("Antal × värde per styck")
        PERCENT = "percent", _("Procent av ett basbelopp")
        NONE = "none", _("Ej i kronor (beskrivs i text)")

    class Basis(models.TextChoices):
        EXPECTED = "expected", _("Förväntad")
        MEASURED = "measured", _("Uppmätt")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="effects")
    dimension = models.CharField(_("värdedimension"), max_length=20, choices=Dimension.choices)
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)
    unit = models.CharField(_("enhet"), max_length=10, choices=Unit.choices, default=Unit.SEK)
    basis = models.CharField(_("förväntad eller uppmätt"), max_length=10, choices=Basis.choices, default=Basis.EXPECTED)
    periods_per_year = models.DecimalField(_("perioder per år"), max_digits=8, decimal_places=2, default=1)
    hours = models.DecimalField(
        _("timmar per person och period"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    people = models.DecimalField(_("antal personer"), max_digits=10, decimal_places=2, null=True, blank=True)
    hourly_cost = models.DecimalField(_("timkostnad (kr)"), max_digits=10, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(_("belopp per period (kr)"), max_digits=14, decimal_places=2, null=True, blank=True)
    count = models.DecimalField(_("antal per period"), max_digits=14, decimal_places=2, null=True, blank=True)
    value_per_unit = models.DecimalField(
        _("värde per styck (kr)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    percent = models.DecimalField(_("procent"), max_digits=7, decimal_places=3, null=True, blank=True)
    base_amount = models.DecimalField(
        _("basbelopp per år (kr)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    # A measured effect carries its baseline, date and method
    baseline = models.CharField(_("utgångsläge"), max_length=300, blank=True)
    measured_on = models.DateField(_("mätdatum"), null=True, blank=True)
    method = models.CharField(_("mätmetod"), max_length=300, blank=True)

    class Meta:
        ordering = ["initiative", "dimension", "id"]
        verbose_name = _("effekt")
        verbose_name_plural = _("effekter")

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.description}"


class Cost(models.Model):
    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("Engångskostnad")
        RECURRING = "recurring", _("Årlig kostnad")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="costs")
    description = models.CharField(_("beskrivning"), max_length=300)
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices, default=Kind.ONE_OFF)
    amount = models.DecimalField(_("belopp (kr)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["initiative", "kind", "id"]
        verbose_name = _("kostnad")
        verbose_name_plural = _("kostnader")

    def __str__(self) -> str:
        return f"{self.description}: {self.amount} kr"
