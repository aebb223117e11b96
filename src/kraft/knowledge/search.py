"""Passages as search documents for the search port (``SEARCH_COLLECTIONS["passages"]``).

Visibility follows the library: public (national or open) libraries are PUBLIC, private ones ORGANISATION,
shared ones SHARED with the organisations they are shared with. Attributes: ``library``, ``document``, ``kind``,
``sfs``, ``repealed`` ("1"/"0"), ``chapter``, ``section``, ``article`` – so that answers can filter (e.g. leave out
repealed law).
Only passages of documents that are ready are indexed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kraft.knowledge.answers.learning import learned_words
from kraft.knowledge.citations import Citation, parse_citations
from kraft.knowledge.models import Document, Library, Passage
from kraft.search.collections import HitInfo, SearchCollection
from kraft.search.documents import ORGANISATION, PUBLIC, SHARED, SearchDocument, SearchQuery, Viewer

COLLECTION = "passages"
# Passages of a document being ingested are indexed here, batch by batch, and moved to COLLECTION in the one short
# transaction that makes the document ready: no query ever searches this collection, so nothing half-indexed shows.
STAGING = "passages.staging"


def visibility_of(library: Library, shared_with: Iterable[int] | None = None) -> tuple[str, tuple[int, ...]]:
    if library.visibility == Library.Visibility.PUBLIC:
        return PUBLIC, ()
    if library.visibility == Library.Visibility.SHARED:
        ids = shared_with if shared_with is not None else library.shared_with.values_list("pk", flat=True)
        return SHARED, tuple(sorted(ids))
    return ORGANISATION, ()


def passage_document(
    passage: Passage,
    document: Document,
    library: Library,
    visibility: tuple[str, tuple[int, ...]],
    collection: str = COLLECTION,
    learned: list[str] | None = None,
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
    extra += learned or []  # askers' own words for it, from helpful answers (``answers.learning``)
    return SearchDocument(
        collection=collection,
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


def documents_for(
    document: Document, passages: Iterable[Passage], collection: str = COLLECTION
) -> list[SearchDocument]:
    library = document.library
    visibility = visibility_of(library)
    return [passage_document(passage, document, library, visibility, collection) for passage in passages]


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
        learned = learned_words()
        for passage in self.queryset().order_by("pk").iterator(chunk_size=batch_size):
            library = passage.library
            if library.pk not in shared:
                shared[library.pk] = visibility_of(library)
            yield passage_document(
                passage, passage.document, library, shared[library.pk], learned=learned.get(passage.pk)
            )

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
        learned = learned_words([obj.pk]).get(obj.pk)
        return passage_document(obj, obj.document, obj.library, visibility_of(obj.library), learned=learned)

    def describe(self, keys: Sequence[str]) -> dict[str, HitInfo]:
        """A passage opens highlighted in its document; it belongs to its library's organisation (or is national)."""
        found = Passage.objects.filter(pk__in=[k for k in keys if str(k).isdigit()]).select_related(
            "document", "library__organisation"
        )
        return {
            str(p.pk): HitInfo(
                url=p.get_absolute_url(),
                organisation=str(p.library.organisation) if p.library.organisation_id else _("Nationellt bibliotek"),
                context=f"{p.document.title} · {p.library.name}",
            )
            for p in found
        }

    def pinned_keys(self, text: str, viewer: Viewer) -> list[str]:
        """The paragraphs a citation names (*2 kap. 12 § TF*) – or, for a concept, the chapter that the best
        matching paragraphs cite in another statute (the texts that name *offentlighetsprincipen* point to
        2 kap. tryckfrihetsförordningen), so the provision itself comes first."""
        from kraft.knowledge import citations

        keys: list[str] = []
        for citation in citations.parse_citations(text):
            if citation.statute and citation.article:  # EU law: *GDPR artikel 6*, *AI-förordningen artikel 5*
                keys += self._provision(citation.statute, "", "", "", viewer, article=citation.article)
            elif citation.statute and (citation.chapter or citation.section):
                keys += self._provision(citation.statute, citation.chapter, citation.section, "", viewer)
        if keys or citations.statute_mentions(text):
            return keys
        return self._cited_by_best_hits(text, viewer)

    def _provision(
        self, statute: str, chapter: str, section: str, text: str, viewer: Viewer, article: str = ""
    ) -> list[str]:
        from kraft.search import service

        filters: dict[str, tuple[str, ...]] = {"sfs": (statute,), "repealed": ("0",)}
        if article:
            filters["article"] = (article,)
            # An article's first paragraph is the one to open (6.1 before 6.1 a).
            query = SearchQuery(COLLECTION, "", viewer=viewer, filters=filters, page_size=100, snippets=False)
            visible = {hit.key for hit in service.search(query).hits}  # only what the viewer may read
            found = Passage.objects.filter(document__sfs_number=statute, article=article).order_by("ordinal")
            return [str(pk) for pk in found.values_list("pk", flat=True)[:100] if str(pk) in visible][:1]
        if chapter:
            filters["chapter"] = (chapter,)
        if section:
            filters["section"] = (section,)
        for words in (text, "") if text else ("",):
            query = SearchQuery(COLLECTION, words, viewer=viewer, filters=filters, page_size=1, snippets=False)
            hits = service.search(query).hits
            if hits:
                return [hits[0].key]
        return []

    def _cited_by_best_hits(self, text: str, viewer: Viewer, depth: int = 3) -> list[str]:
        from kraft.knowledge import citations
        from kraft.search import service

        query = SearchQuery(COLLECTION, text, viewer=viewer, page_size=depth, snippets=False)
        hits = service.search(query).hits
        if not hits:
            return []
        rows = dict(Passage.objects.filter(pk__in=[h.key for h in hits]).values_list("pk", "text").iterator())
        own = dict(Passage.objects.filter(pk__in=[h.key for h in hits]).values_list("pk", "document__sfs_number"))
        votes: dict[tuple[str, str], float] = {}
        for rank, hit in enumerate(hits):
            cited = {
                (c.statute, c.chapter)
                for c in citations.parse_citations(rows.get(int(hit.key), ""))
                if c.statute and c.chapter and c.statute != own.get(int(hit.key))
            }
            for target in cited:
                votes[target] = votes.get(target, 0.0) + 1.0 / (rank + 1)
        if not votes:
            return []
        (statute, chapter), weight = max(votes.items(), key=lambda item: item[1])
        if weight < 1.0:  # cited by the best hit, or by both of the next two
            return []
        return self._provision(statute, chapter, "", text, viewer)
