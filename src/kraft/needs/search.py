"""Needs as search documents (``SEARCH_COLLECTIONS["needs"]``).

Public needs are public documents. Drafts and needs visible only to people signed in are indexed as the
organisation's own documents: the search port knows organisations, not "signed in", so such a need is found by
its own organisation only and never leaks to an anonymous search.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from kraft.needs.models import Need
from kraft.search.collections import SearchCollection
from kraft.search.documents import ORGANISATION, PUBLIC, SearchDocument, SearchQuery, Viewer

logger = logging.getLogger(__name__)
COLLECTION = "needs"


def visibility_of(need: Need) -> str:
    if need.status == Need.Status.DRAFT or need.visibility != Need.Visibility.PUBLIC:
        return ORGANISATION
    return PUBLIC


class NeedCollection(SearchCollection):
    name = COLLECTION
    model = Need

    def queryset(self) -> QuerySet[Need]:
        return Need.objects.select_related("organisation__county", "welfare_area")

    def count(self) -> int:
        return int(Need.objects.count())

    def documents(self, batch_size: int = 500) -> Iterator[SearchDocument]:
        for need in self.queryset().order_by("pk").iterator(chunk_size=batch_size):
            yield self.document(need)

    def document_for(self, obj: Any) -> SearchDocument | None:
        return self.document_for_key(str(obj.pk))

    def document_for_key(self, key: str) -> SearchDocument | None:
        need = self.queryset().filter(pk=key).first()
        return None if need is None else self.document(need)

    def document(self, need: Need) -> SearchDocument:
        organisation = need.organisation
        county = organisation.county.code if organisation.county_id else ""  # type: ignore[union-attr]
        return SearchDocument(
            collection=COLLECTION,
            key=str(need.pk),
            title=need.title,
            body="\n\n".join(p for p in (need.problem, need.desired_outcome) if p),
            extra=" ".join(
                p
                for p in (need.target_group, str(organisation), need.welfare_area.name if need.welfare_area else "")
                if p
            ),
            organisation_id=need.organisation_id,
            visibility=visibility_of(need),
            kind="need",
            attributes={
                "status": (need.status,),
                "area": (need.welfare_area.slug,) if need.welfare_area else (),
                "county": (county,) if county else (),
                "organisation": (str(need.organisation_id),),
            },
        )


def sync_need(pk: int) -> None:
    """Index (or drop) one need in the caller's transaction; a failing index never loses the write."""
    from kraft.search import service

    try:
        with transaction.atomic():
            document = NeedCollection().document_for_key(str(pk))
            if document is None:
                service.delete_documents(COLLECTION, [str(pk)])
            else:
                service.index_documents([document])
    except Exception:
        logger.exception("Kunde inte uppdatera sökindexet för behov %s", pk)


def matching_keys(text: str, limit: int = 1000) -> list[str] | None:
    """Keys of needs matching ``text``; visibility is applied afterwards by the caller's queryset."""
    from kraft.search import service

    query = SearchQuery(COLLECTION, text, viewer=Viewer(is_staff=True), page_size=limit, snippets=False)
    try:
        return [hit.key for hit in service.search(query).hits]
    except Exception:
        logger.exception("Sökningen i behov misslyckades; använder databasen")
        return None
