"""Where the search port keeps its documents.

Every backend stores documents in these ordinary tables, so filters, visibility and facets are plain SQL on
both databases; the backend adds its own full-text index (an FTS5 table on SQLite, a generated ``tsvector``
column with a GIN index on PostgreSQL) over the analysed columns.
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    collection = models.CharField(max_length=50)
    key = models.CharField(max_length=100)
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    extra = models.TextField(blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    visibility = models.CharField(max_length=20, default="public")
    shared_with = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=50, blank=True)
    language = models.CharField(max_length=10, default="sv")
    attributes = models.JSONField(default=dict, blank=True)
    # Analysed text (space-separated index terms), what the full-text index is built from.
    analysed_title = models.TextField(blank=True)
    analysed_body = models.TextField(blank=True)
    analysed_extra = models.TextField(blank=True)
    # Who may see the entry, as index tokens ("c<collection hex> vpublic o12 s7"), so SQLite's FTS5 can apply
    # collection and visibility inside the full-text match instead of joining every matching row.
    scope = models.TextField(blank=True)
    vector = models.BinaryField(null=True, blank=True)  # float32, normalised
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["collection", "key"], name="search_entry_unique_key")]
        indexes = [models.Index(fields=["collection", "visibility", "organisation_id"], name="search_entry_scope")]

    def __str__(self) -> str:
        return f"{self.collection}:{self.key}"


class SearchAttribute(models.Model):
    """One filter/facet value of an entry; ``_shared_with`` rows list the organisations an entry is shared with."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="attribute_rows")
    name = models.CharField(max_length=50)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["name", "value"], name="search_attribute_value")]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class EmbeddingVector(models.Model):
    """A text's vector from one embedder, found by ``digest`` (SHA-256 of the embedder's identity and the text)."""

    digest = models.CharField(max_length=64, unique=True)
    model = models.CharField(max_length=200)  # the embedder's identity, for housekeeping
    vector = models.BinaryField()  # float32, as the embedder returned it
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.model}:{self.digest[:12]}"
