"""Knowledge libraries: libraries hold documents, documents are cut into passages that search and answers cite.

Writes go through ``services.py`` only. A passage is the unit an answer cites: one statute paragraph (§), or a
section of a document with its page, so that a citation can always name chapter and § or the page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Library(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Öppet för alla")
        ORGANISATION = "organisation", _("Privat för organisationen")
        SHARED = "shared", _("Delat med utvalda organisationer")

    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="libraries",
        verbose_name=_("ägande organisation"),
        help_text=_("Tom för nationella bibliotek som förvaltas av plattformens personal."),
    )
    visibility = models.CharField(
        _("synlighet"), max_length=20, choices=Visibility.choices, default=Visibility.ORGANISATION, db_index=True
    )
    shared_with = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="libraries_shared_with",
        verbose_name=_("delat med"),
    )
    holds_personal_data = models.BooleanField(
        _("innehåller personuppgifter"),
        default=False,
        help_text=_("Texter ur biblioteket skickas då aldrig till en språkmodell som inte är godkänd för det."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["name"]
        verbose_name = _("bibliotek")
        verbose_name_plural = _("bibliotek")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:library", args=[self.pk])

    @property
    def is_national(self) -> bool:
        return self.organisation_id is None


class Document(models.Model):
    class Kind(models.TextChoices):
        STATUTE = "statute", _("Författning")
        GUIDANCE = "guidance", _("Vägledning")
        OTHER = "other", _("Övrigt")

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")
        PROCESSING = "processing", _("Bearbetas")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Misslyckades")
        SUPERSEDED = "superseded", _("Ersatt av ny version")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="documents", verbose_name=_("bibliotek")
    )
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.GUIDANCE)
    source_name = models.CharField(_("filnamn"), max_length=255, blank=True)
    source_url = models.URLField(_("källa"), max_length=500, blank=True)
    mime_type = models.CharField(_("filtyp"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("storlek i byte"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    sfs_number = models.CharField(_("SFS-nummer"), max_length=30, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True)
    error = models.TextField(_("fel"), blank=True)
    warning = models.TextField(_("anmärkning"), blank=True)
    progress = models.PositiveSmallIntegerField(_("förlopp i procent"), default=0)
    repealed = models.BooleanField(_("upphävd"), default=False)
    repealed_note = models.CharField(
        _("om upphävandet"),
        max_length=200,
        blank=True,
        help_text=_("Källans uppgift, t.ex. ”Upphävd 2018-05-25 genom SFS 2018:218”."),
    )
    language = models.CharField(_("språk"), max_length=10, default="sv")
    structure = models.JSONField(
        _("struktur"),
        default=dict,
        blank=True,
        help_text=_("Vad inläsningen rättade i källans paragrafindelning och vad som saknas i källan."),
    )
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newer_versions",
        verbose_name=_("ersätter"),
    )
    page_count = models.PositiveIntegerField(_("antal sidor"), null=True, blank=True)
    passage_count = models.PositiveIntegerField(_("antal avsnitt"), default=0)
    file = models.FileField(_("fil"), upload_to="knowledge/%Y/%m/", blank=True, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    ingested_at = models.DateTimeField(_("indexerad"), null=True, blank=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        constraints = [
            # The same content twice in one library is a duplicate; failed and superseded copies do not count.
            models.UniqueConstraint(
                fields=["library", "sha256"],
                condition=~Q(status__in=["failed", "superseded"]),
                name="document_unique_content_per_library",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:document", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED, self.Status.SUPERSEDED)


class Passage(models.Model):
    """A citable piece of a document: one statute paragraph (or one stycke of a long one), or a section/page."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="passages")
    ordinal = models.PositiveIntegerField(_("ordning"))
    text = models.TextField(_("text"))
    heading = models.CharField(_("rubrik"), max_length=500, blank=True)
    chapter = models.CharField(_("kapitel"), max_length=20, blank=True)
    section = models.CharField(_("paragraf"), max_length=20, blank=True)
    page = models.PositiveIntegerField(_("sida"), null=True, blank=True)
    citation = models.CharField(_("hänvisning"), max_length=400)
    anchor = models.CharField(_("ankare"), max_length=80, blank=True)
    char_count = models.PositiveIntegerField(_("antal tecken"), default=0)
    language = models.CharField(_("språk"), max_length=10, default="sv")
    article = models.CharField(_("artikel"), max_length=20, blank=True)  # EU law: "6" in artikel 6.3
    paragraph = models.CharField(_("punkt"), max_length=10, blank=True)  # EU law: "3" in artikel 6.3
    point = models.CharField(_("led"), max_length=10, blank=True)  # EU law: "g" in artikel 9.2 g
    recital = models.CharField(_("skäl"), max_length=10, blank=True)  # EU law: "12" in skäl 12
    keywords = models.TextField(
        _("sökord"),
        blank=True,
        help_text=_(
            "Sökord ur dokumentet självt: en författnings kortnamn, eller för en text på ett annat språk de "
            "svenska rubrikerna och termerna, åtskilda med semikolon."
        ),
    )

    class Meta:
        ordering = ["document_id", "ordinal"]
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        constraints = [models.UniqueConstraint(fields=["document", "ordinal"], name="passage_unique_ordinal")]

    def __str__(self) -> str:
        return self.citation

    def get_absolute_url(self) -> str:
        """The passage in context on its document's page, highlighted."""
        return f"{reverse('knowledge:document', args=[self.document_id])}?highlight={self.pk}#{self.html_id}"

    @property
    def html_id(self) -> str:
        """The element id on the document page (``#passage-<id>``)."""
        return f"passage-{self.pk}"

    @property
    def source_link(self) -> str:
        """The passage at its official source where the source has anchors (EUR-Lex: ``#art_6``, ``#rct_12``)."""
        url = self.document.source_url
        if not url or "eur-lex.europa.eu" not in url:
            return ""
        if self.article:
            return f"{url}#art_{self.article}"
        return f"{url}#rct_{self.recital}" if self.recital else url


from kraft.knowledge.models_answers import *  # noqa: E402, F403
