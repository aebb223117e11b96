"""Initiatives as search documents for the search port (``SEARCH_COLLECTIONS["initiatives"]``).

Attributes carry every facet of the list page, so that the engine can filter and count them:
``area``, ``technique``, ``stage``, ``county``, ``municipality``, ``organisation_kind``, ``risk_class``,
``evaluated``, ``has_partners``, ``country``, ``status``, ``record_type``, ``organisation``.
Published and archived records are public; drafts are visible to members of the lead organisation only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from kraft.initiatives.models import Initiative
from kraft.search.documents import ORGANISATION, PUBLIC, SearchDocument

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


class InitiativeCollection:
    """Describes initiatives to the search port: which rows, and each row as a ``SearchDocument``."""

    name = COLLECTION

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
            language="sv" if initiative.country == "SE" else "en",
            attributes=facet_attributes(initiative),
        )

    def document_for_key(self, key: str) -> SearchDocument | None:
        initiative = self.queryset().filter(pk=key).first()
        return None if initiative is None else self.document(initiative)


def search_service() -> Any | None:
    """The search port's service module, or None while it is not installed."""
    try:
        from kraft.search import service
    except ImportError:
        return None
    if not hasattr(service, "index_documents"):
        return None
    return service


def sync_initiative(pk: int) -> None:
    """Index (or drop) one initiative after a write. A no-op without the search port."""
    service = search_service()
    if service is None:
        return
    document = InitiativeCollection().document_for_key(str(pk))
    if document is None:
        service.delete_documents(COLLECTION, [str(pk)])
    else:
        service.index_documents([document])
