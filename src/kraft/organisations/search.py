"""The organisations' search collection: approved organisations, searchable by name, kind, county and description.

The organisation list (page and API) calls ``search_organisations``; ``services.py`` calls
``kraft.search.service.index_object(organisation)`` after each write so the index follows approvals and edits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from kraft.organisations.models import Organisation
from kraft.search import service
from kraft.search.collections import HitInfo, SearchCollection
from kraft.search.documents import PUBLIC, SearchDocument, SearchQuery, SearchResult

COLLECTION = "organisations"


class OrganisationCollection(SearchCollection):
    name = COLLECTION
    model = Organisation

    def queryset(self) -> Any:
        return Organisation.objects.filter(status=Organisation.Status.APPROVED).select_related("county")

    def documents(self) -> Iterable[SearchDocument]:
        for organisation in self.queryset().iterator(chunk_size=500):
            yield self.document(organisation)

    def count(self) -> int:
        return int(self.queryset().count())

    def describe(self, keys: Sequence[str]) -> dict[str, HitInfo]:
        from django.urls import reverse

        found = self.queryset().filter(pk__in=[k for k in keys if str(k).isdigit()])
        return {
            str(o.pk): HitInfo(
                url=reverse("organisations:detail", args=[o.pk]),
                context=" · ".join(str(p) for p in (o.get_kind_display(), o.county.name if o.county else "") if p),
            )
            for o in found
        }

    def document_for(self, obj: Any) -> SearchDocument | None:
        if obj.status != Organisation.Status.APPROVED:
            return None
        return self.document(obj)

    def document(self, organisation: Organisation) -> SearchDocument:
        county = organisation.county
        attributes: dict[str, tuple[str, ...]] = {"kind": (organisation.kind,)}
        if county is not None:
            attributes["county"] = (county.code,)
        extra = " ".join(
            part
            for part in (
                str(organisation.get_kind_display()),
                county.name if county else "",
                organisation.municipality_code or "",
                organisation.org_number or "",
            )
            if part
        )
        return SearchDocument(
            collection=COLLECTION,
            key=str(organisation.pk),
            title=organisation.name,
            body="\n".join(p for p in (organisation.official_name, organisation.description) if p),
            extra=extra,
            organisation_id=organisation.pk,
            visibility=PUBLIC,
            kind=organisation.kind,
            attributes=attributes,
        )


def search_organisations(
    user: Any,
    text: str = "",
    *,
    kinds: Sequence[str] = (),
    counties: Sequence[str] = (),
    page: int = 1,
    page_size: int = 20,
    facets: Sequence[str] = ("kind", "county"),
) -> SearchResult:
    """Approved organisations matching ``text`` (all of them, by name, when empty); keys are organisation ids.

    ``counties`` are län codes ("22"); facet counts for kind and county come with the result.
    """
    ensure_indexed()
    filters: dict[str, tuple[str, ...]] = {}
    if kinds:
        filters["kind"] = tuple(kinds)
    if counties:
        filters["county"] = tuple(counties)
    query = SearchQuery(
        collection=COLLECTION,
        text=text,
        viewer=service.viewer_for(user),
        filters=filters,
        facets=tuple(facets),
        page=page,
        page_size=page_size,
    )
    return service.search(query)


def ensure_indexed() -> None:
    """Index the organisations once if the index has none yet (a fresh database with reference data loaded)."""
    from kraft.search.models import SearchEntry

    if not SearchEntry.objects.filter(collection=COLLECTION).exists() and OrganisationCollection().count():
        service.reindex(COLLECTION)


def matching_organisation_ids(text: str, limit: int = 1000) -> list[int]:
    """Ids of approved organisations matching ``text``, best first (Swedish analysis: stems, compounds).

    For ``selectors.organisations_for``: ``queryset.filter(pk__in=ids)`` ordered by this list keeps the ranking.
    """
    ensure_indexed()
    query = SearchQuery(collection=COLLECTION, text=text, page_size=limit, snippets=False)
    return [int(hit.key) for hit in service.search(query).hits]
