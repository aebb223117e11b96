"""Passages as search documents for the search port (``SEARCH_COLLECTIONS["passages"]``).

Visibility follows the library: public (national or open) libraries are PUBLIC, private ones ORGANISATION,
shared ones SHARED with the organisations they are shared with. Attributes: ``library``, ``document``, ``kind``,
``sfs``, ``repealed`` ("1"/"0"), ``chapter``, ``section``, ``article`` – so that answers can filter (e.g. leave out
repealed law).
Only passages of documents that are ready are indexed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

from kraft.knowledge.citations import Citation, parse_citations
from kraft.knowledge.models import Document, Library, Passage
from kraft.search.collections import SearchCollection
from kraft.search.documents import ORGANISATION, PUBLIC, SHARED, SearchDocument

COLLECTION = "passages"


def visibility_of(library: Library, shared_with: Iterable[int] | None = None) -> tuple[str, tuple[int, ...]]:
    if library.visibility == Library.Visibility.PUBLIC:
        return PUBLIC, ()
    if library.visibility == Library.Visibility.SHARED:
        ids = shared_with if shared_with is not None else library.shared_with.values_list("pk", flat=True)
        return SHARED, tuple(sorted(ids))
    return ORGANISATION, ()


def passage_document(
    passage: Passage, document: Document, library: Library, visibility: tuple[str, tuple[int, ...]]
) -> SearchDocument:
    # A passage in another language (the English text of EU law) carries Swedish words from the document itself –
    # its official Swedish title and defined terms – and they weigh like the title, so Swedish questions reach it
    # without an embedder. The search port analyses every field as Swedish.
    title = passage.citation
    extra = [passage.heading, document.title]
    if passage.keywords and passage.language != "sv":
        title = f"{title} – {passage.keywords}"
    elif passage.keywords:
        extra.append(passage.keywords)  # a statute's short name ("LSS"), so that "LSS 10 §" finds its paragraph
    return SearchDocument(
        collection=COLLECTION,
        key=str(passage.pk),
        title=title,
        body=passage.text,
        extra=" ".join(part for part in extra if part),
        language=passage.language or "sv",
        organisation_id=library.organisation_id,
        visibility=visibility[0],
        shared_with=visibility[1],
        kind=document.kind,
        attributes={
            "library": (str(library.pk),),
            "document": (str(document.pk),),
            "kind": (document.kind,),
            "sfs": (document.sfs_number,) if document.sfs_number else (),
            "repealed": ("1" if document.repealed else "0",),
            "chapter": (passage.chapter,) if passage.chapter else (),
            "section": (passage.section,) if passage.section else (),
            "article": (passage.article,) if passage.article else (),
        },
    )


def cited(passages: QuerySet[Passage], citation: Citation) -> list[Passage]:
    """Of ``passages``, those of the provision a citation names (chapter and §, or an EU article), in order."""
    passages = passages.filter(document__sfs_number=citation.statute, document__status=Document.Status.READY)
    if citation.article:
        passages = passages.filter(article=citation.article)
        if citation.paragraph and passages.filter(paragraph=citation.paragraph).exists():
            passages = passages.filter(paragraph=citation.paragraph)
    else:
        passages = passages.filter(chapter=citation.chapter, section=citation.section)
    return list(passages.order_by("ordinal")[:3])


def documents_for(document: Document, passages: Iterable[Passage]) -> list[SearchDocument]:
    library = document.library
    visibility = visibility_of(library)
    return [passage_document(passage, document, library, visibility) for passage in passages]


class PassageCollection(SearchCollection):
    """Describes passages to the search port: which rows, and each row as a ``SearchDocument``."""

    name = COLLECTION
    model = Passage

    def queryset(self) -> QuerySet[Passage]:
        return Passage.objects.filter(document__status=Document.Status.READY).select_related("document", "library")

    def count(self) -> int | None:
        return self.queryset().count()

    def documents(self, batch_size: int = 1000) -> Iterator[SearchDocument]:
        shared: dict[int, tuple[str, tuple[int, ...]]] = {}
        for passage in self.queryset().order_by("pk").iterator(chunk_size=batch_size):
            library = passage.library
            if library.pk not in shared:
                shared[library.pk] = visibility_of(library)
            yield passage_document(passage, passage.document, library, shared[library.pk])

    def cited_keys(self, text: str) -> list[str]:
        """The paragraphs a text cites with their statute ("10 § lagen om stöd och service …", "OSL 26:1")."""
        keys: list[str] = []
        for citation in parse_citations(text):
            if citation.statute and (citation.section or citation.article):
                keys += [str(passage.pk) for passage in cited(Passage.objects.all(), citation)]
        return list(dict.fromkeys(keys))

    def url_for_key(self, key: str) -> str:
        passage = Passage.objects.filter(pk=int(key)).only("pk", "document_id").first() if key.isdigit() else None
        return passage.get_absolute_url() if passage is not None else ""

    def hit_flags(self, keys: list[str]) -> dict[str, tuple[str, ...]]:
        """Passages of repealed law are flagged wherever a hit is shown."""
        ids = [int(key) for key in keys if key.isdigit()]
        repealed = Passage.objects.filter(pk__in=ids, document__repealed=True).values_list("pk", flat=True)
        return {str(pk): ("repealed",) for pk in repealed}

    def document_for(self, obj: Passage) -> SearchDocument | None:
        if obj.document.status != Document.Status.READY:
            return None
        return passage_document(obj, obj.document, obj.library, visibility_of(obj.library))
