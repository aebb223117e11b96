"""Initiatives as search documents for the search port (``SEARCH_COLLECTIONS["initiatives"]``).

Attributes carry every facet of the list page, so that the engine can filter and count them:
``area``, ``technique``, ``stage``, ``county``, ``municipality``, ``organisation_kind``, ``risk_class``,
``evaluated``, ``has_partners``, ``country``, ``status``, ``record_type``, ``organisation``.
Published and archived records are public; drafts are visible to members of the lead organisation only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from kraft.initiatives.models import Initiative
from kraft.search.analysis.language import detect_language
from kraft.search.collections import HitInfo, SearchCollection
from kraft.search.documents import ORGANISATION, PUBLIC, SearchDocument, SearchQuery, Viewer

logger = logging.getLogger(__name__)

COLLECTION = "initiatives"


def _flag(value: bool) -> str:
    return "1" if value else "0"


def facet_attributes(initiative: Initiative) -> dict[str, tuple[str, ...]]:
    lead = initiative.lead_organisation
    partners = list(initiative.partners.all())
    organisations = [o for o in [lead, *partners] if o is not None]
    return {
        "area": (initiative.welfare_area.slug,) if initiative.welfare_area_id else (),  # type: ignore[union-attr]
        "technique": (initiative.technique.slug,) if initiative.technique_id else (),  # type: ignore[union-attr]
        "stage": (initiative.stage,),
        "county": tuple(sorted({o.county.code for o in organisations if o.county_id})),  # type: ignore[union-attr]
        "municipality": tuple(sorted({o.municipality_code for o in organisations if o.municipality_code})),
        "organisation_kind": (lead.kind,) if lead else (),
        "organisation": tuple(str(o.pk) for o in organisations),
        "risk_class": (initiative.risk_class,),
        "evaluated": (_flag(initiative.is_evaluated),),
        "has_partners": (_flag(bool(partners)),),
        "country": (initiative.country,),
        "status": (initiative.status,),
        "record_type": (initiative.record_type,),
    }


class InitiativeCollection(SearchCollection):
    """Describes initiatives to the search port: which rows, and each row as a ``SearchDocument``."""

    name = COLLECTION
    model = Initiative

    def count(self) -> int:
        return int(Initiative.objects.count())

    def document_for(self, obj: Any) -> SearchDocument | None:
        return self.document_for_key(str(obj.pk))

    def queryset(self) -> QuerySet[Initiative]:
        return Initiative.objects.select_related(
            "welfare_area", "technique", "lead_organisation__county"
        ).prefetch_related("partners__county")

    def documents(self, batch_size: int = 500) -> Iterator[SearchDocument]:
        for initiative in self.queryset().order_by("pk").iterator(chunk_size=batch_size):
            yield self.document(initiative)

    def document(self, initiative: Initiative) -> SearchDocument:
        lead = initiative.lead_organisation
        partners = list(initiative.partners.all())
        extra = [
            " ".join(str(t) for t in initiative.tags or []),
            str(lead) if lead else "",
            " ".join(str(p) for p in partners),
            initiative.supplier,
            initiative.product,
            initiative.welfare_area.name if initiative.welfare_area_id else "",  # type: ignore[union-attr]
            initiative.technique.name if initiative.technique_id else "",  # type: ignore[union-attr]
        ]
        draft = initiative.status == Initiative.Status.DRAFT
        return SearchDocument(
            collection=COLLECTION,
            key=str(initiative.pk),
            title=initiative.title,
            body="\n\n".join(p for p in (initiative.summary, initiative.description, initiative.problem) if p),
            extra=" ".join(p for p in extra if p),
            organisation_id=initiative.lead_organisation_id,
            visibility=ORGANISATION if draft else PUBLIC,
            kind=initiative.record_type,
            language=initiative_language(initiative),
            attributes=facet_attributes(initiative),
        )

    def describe(self, keys: Sequence[str]) -> dict[str, HitInfo]:
        from django.urls import reverse

        found = Initiative.objects.filter(pk__in=[k for k in keys if str(k).isdigit()]).select_related(
            "lead_organisation"
        )
        return {
            str(i.pk): HitInfo(
                url=reverse("initiatives:detail", args=[i.pk]),
                organisation=str(i.lead_organisation) if i.lead_organisation_id else "",
                context=i.get_stage_display(),
                summary=i.summary,
            )
            for i in found
        }

    def document_for_key(self, key: str) -> SearchDocument | None:
        initiative = self.queryset().filter(pk=key).first()
        return None if initiative is None else self.document(initiative)


def initiative_language(initiative: Initiative) -> str:
    """The record's language told from its own words (imported registers write English, Dutch …)."""
    return detect_language(" ".join((initiative.title, initiative.summary, initiative.description[:2000])))


def search_service() -> Any | None:
    """The search port's service module, or None where it is not installed."""
    try:
        from kraft.search import service
    except ImportError:  # pragma: no cover - the port is part of Kraft; kept for slimmed-down installs
        return None
    return service


def sync_initiative(pk: int) -> None:
    """Index (or drop) one initiative after a write, in the caller's transaction (the index lives in the database).

    A failing index update is logged and rolled back to a savepoint so that it never loses the record itself;
    ``kraft manage reindex`` repairs the index afterwards.
    """
    service = search_service()
    if service is None:
        return
    try:
        with transaction.atomic():
            document = InitiativeCollection().document_for_key(str(pk))
            if document is None:
                service.delete_documents(COLLECTION, [str(pk)])
            else:
                service.index_documents([document])
    except Exception:
        logger.exception("Kunde inte uppdatera sökindexet för initiativ %s", pk)


def matching_keys(text: str, limit: int = 1000) -> list[str] | None:
    """Keys of initiatives matching ``text``, best first, or None when the search port is not available.

    Visibility is applied afterwards by the caller's queryset (``selectors.visible_initiatives``), so the port is
    asked as staff here and never hands anything to a person directly.
    """
    service = search_service()
    if service is None or not hasattr(service, "search"):
        return None
    query = SearchQuery(
        collection=COLLECTION, text=text, viewer=Viewer(is_staff=True), page=1, page_size=limit, snippets=False
    )
    try:
        result = service.search(query)
    except Exception:  # a broken index must not take the registry down; fall back to the database
        logger.exception("Sökningen i initiativ misslyckades; använder databasen")
        return None
    return [hit.key for hit in result.hits]
