"""Reads of libraries, documents and passages, always filtered by what the person may see.

Visibility rules (the same for pages, API, search and answers):
- public libraries (national or an organisation's open ones): everyone, signed in or not;
- private libraries: active members of the owning organisation;
- shared libraries: members of the owner and of every organisation in ``shared_with``;
- staff see everything.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404

from kraft.accounts.permissions import can_edit_content_of, is_staff, member_organisation_ids
from kraft.knowledge.models import Document, Library, Passage


def library_visibility_q(user: Any, prefix: str = "") -> Q:
    """A filter for libraries (or rows pointing at a library through ``prefix``) the person may see."""
    if is_staff(user):
        return Q()
    query = Q(**{f"{prefix}visibility": Library.Visibility.PUBLIC})
    org_ids = member_organisation_ids(user)
    if org_ids:
        query |= Q(**{f"{prefix}organisation_id__in": org_ids})
        query |= Q(**{f"{prefix}visibility": Library.Visibility.SHARED, f"{prefix}shared_with__in": org_ids})
    return query


def visible_libraries(user: Any) -> QuerySet[Library]:
    """Libraries the person may read, each with ``document_count`` (ready documents) and its ``shared_with``."""
    visible = Library.objects.filter(library_visibility_q(user)).values("pk")
    return (
        Library.objects.filter(pk__in=visible)
        .select_related("organisation")
        .prefetch_related("shared_with")
        .annotate(document_count=Count("documents", filter=Q(documents__status=Document.Status.READY)))
        .order_by("organisation__name", "name")
    )


def visible_library_ids(user: Any) -> set[int]:
    return set(Library.objects.filter(library_visibility_q(user)).values_list("pk", flat=True))


def can_view_library(user: Any, library: Library) -> bool:
    if is_staff(user) or library.visibility == Library.Visibility.PUBLIC:
        return True
    org_ids = member_organisation_ids(user)
    if library.organisation_id in org_ids:
        return True
    if library.visibility == Library.Visibility.SHARED:
        return library.shared_with.filter(pk__in=org_ids).exists()
    return False


def can_edit_library(user: Any, library: Library) -> bool:
    """Editors of the owning organisation; staff for national libraries (and everywhere)."""
    if library.organisation_id is None:
        return is_staff(user)
    return can_edit_content_of(user, library.organisation_id)


def can_create_library_for(user: Any, organisation_id: int | None) -> bool:
    if organisation_id is None:
        return is_staff(user)
    return can_edit_content_of(user, organisation_id)


def get_library_for_user(user: Any, pk: int) -> Library:
    """The library, or 404 when it does not exist or the person may not see it (no hint that it exists)."""
    library = Library.objects.select_related("organisation").filter(pk=pk).first()
    if library is None or not can_view_library(user, library):
        raise Http404
    return library


def library_documents(library: Library, include_superseded: bool = False) -> QuerySet[Document]:
    documents = library.documents.select_related("uploaded_by").order_by("title", "pk")
    if not include_superseded:
        documents = documents.exclude(status=Document.Status.SUPERSEDED)
    return documents


def get_document_for_user(user: Any, pk: int) -> Document:
    document = Document.objects.select_related("library", "library__organisation", "replaces").filter(pk=pk).first()
    if document is None or not can_view_library(user, document.library):
        raise Http404
    return document


def visible_documents(user: Any, library_id: int | None = None) -> QuerySet[Document]:
    documents = Document.objects.filter(library__in=Library.objects.filter(library_visibility_q(user)))
    if library_id is not None:
        documents = documents.filter(library_id=library_id)
    return documents.select_related("library").order_by("library_id", "title", "pk")


def visible_passages(user: Any) -> QuerySet[Passage]:
    """Passages of ready documents in libraries the person may see."""
    return Passage.objects.filter(
        library__in=Library.objects.filter(library_visibility_q(user)),
        document__status=Document.Status.READY,
    ).select_related("document", "library")


def passages_by_ids(user: Any, ids: list[int]) -> dict[int, Passage]:
    """The visible ones among ``ids`` (e.g. search hits), keyed by id; the rest are silently dropped."""
    return {p.pk: p for p in visible_passages(user).filter(pk__in=ids)}


def search_library(user: Any, library: Library, text: str, limit: int = 20) -> list[tuple[Passage, str]]:
    """Passages of one library matching ``text`` through the search port, with their highlighted snippets."""
    from kraft.knowledge.search import COLLECTION
    from kraft.search import service
    from kraft.search.documents import SearchQuery

    query = SearchQuery(
        COLLECTION,
        text,
        viewer=service.viewer_for(user),
        filters={"library": (str(library.pk),)},
        page_size=limit,
    )
    hits = service.search(query).hits
    found = passages_by_ids(user, [int(hit.key) for hit in hits if hit.key.isdigit()])
    return [(found[int(hit.key)], hit.snippet) for hit in hits if hit.key.isdigit() and int(hit.key) in found]


def document_chapters(document: Document) -> list[dict[str, Any]]:
    """Chapters of a statute in order, each with its first passage (for a table of contents)."""
    rows = (
        document.passages.exclude(chapter="")
        .values("chapter")
        .annotate(first_ordinal=Min("ordinal"), first_id=Min("pk"), count=Count("pk"))
        .order_by("first_ordinal")
    )
    return [
        {
            "chapter": row["chapter"],
            "count": row["count"],
            "url": f"{document.get_absolute_url()}?highlight={row['first_id']}#passage-{row['first_id']}",
        }
        for row in rows
    ]


def document_passages(document: Document) -> QuerySet[Passage]:
    return document.passages.order_by("ordinal")


def replacement_of(document: Document) -> Document | None:
    """The statute that repealed this one, when the source names it ("… genom SFS 2018:218") and the library has it."""
    found = re.search(r"\b(\d{4}:\d{1,4})\b", document.repealed_note or "")
    if not document.repealed or not found:
        return None
    return (
        document.library.documents.filter(sfs_number=found.group(1), status=Document.Status.READY)
        .exclude(pk=document.pk)
        .first()
    )


def public_passages_by_citation(citations: list[str]) -> dict[str, Passage]:
    """Passages of the public national libraries cited so (``AI-förordningen artikel 6.3``), for linking to them
    from other pages. A citation without a passage of its own falls back to its article (``… artikel 26.1`` →
    ``… artikel 26``) or, for a whole article cut into paragraphs, to its first paragraph (``… artikel 27`` →
    ``… artikel 27.1``); one that is not in any library is simply left out."""
    wanted = {c: [c] for c in citations if c}
    for citation in wanted:
        head, _sep, tail = citation.rpartition(" ")
        if head and "." in tail:
            wanted[citation].append(f"{head} {tail.split('.')[0]}")
    if not wanted:
        return {}
    public = Passage.objects.filter(
        library__organisation__isnull=True,
        library__visibility=Library.Visibility.PUBLIC,
        document__status=Document.Status.READY,
    ).order_by("document_id", "ordinal")
    found: dict[str, Passage] = {}
    for passage in public.filter(citation__in={n for names in wanted.values() for n in names}):
        found.setdefault(passage.citation, passage)
    result: dict[str, Passage] = {}
    for citation, candidates in wanted.items():
        match = next((found[name] for name in candidates if name in found), None)
        if match is None and "." not in citation.rpartition(" ")[2]:
            match = public.filter(citation__startswith=f"{citation}.").first()
        if match is not None:
            result[citation] = match
    return result
