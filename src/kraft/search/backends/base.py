"""The search backend interface and the storage every database backend shares.

A backend stores ``SearchDocument``s as ``SearchEntry`` rows (plain tables, so visibility, filters and facets are
ordinary SQL) and ranks them with its database's full-text engine. Subclasses only say how to match and score
analysed terms (``match_sql``); everything else, including the contract tests, is shared.
"""

from __future__ import annotations

import logging
import multiprocessing
import struct
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice
from typing import Any

import numpy as np
from django.core.checks import CheckMessage
from django.db import connections, transaction
from django.db.models import F, Value
from django.db.models.functions import Replace
from django.utils import timezone

from kraft.search import acronyms, vocabulary
from kraft.search.analysis import Analyzer, QueryTerm, get_analyzer
from kraft.search.analysis.analyzer import FOREIGN_QUERY_LANGUAGES, foreign_analyzer
from kraft.search.backends.dense import VectorIndex, embed_missing
from kraft.search.documents import ORGANISATION, PUBLIC, SHARED, Hit, SearchDocument, SearchQuery, SearchResult, Viewer
from kraft.search.embedders import get_embedder
from kraft.search.embedders.base import BaseEmbedder
from kraft.search.embedders.cache import embed_query
from kraft.search.models import SearchAttribute, SearchEntry
from kraft.search.snippets import make_snippet

# SQL below is assembled from constants and "%s" placeholders only; every value travels as a parameter.
logger = logging.getLogger(__name__)
SHARED_WITH = "_shared_with"
ACRONYM = "_acronym"  # an acronym a public text defines, "ai=artificiell intelligens" (see kraft.search.acronyms)
ENTRY = SearchEntry._meta.db_table
ATTRIBUTE = SearchAttribute._meta.db_table
KEY_BATCH = 500


def scope_tokens(collection: str, visibility: str, organisation_id: int | None, shared_with: Iterable[Any]) -> str:
    """Index tokens for an entry's collection and audience (see ``SearchEntry.scope``)."""
    tokens = [collection_token(collection)]
    if visibility == PUBLIC:
        tokens.append("vpublic")
    if organisation_id is not None:
        tokens.append(f"o{int(organisation_id)}")
    if visibility == SHARED:
        tokens += [f"s{int(org)}" for org in shared_with]
    return " ".join(tokens)


def collection_token(collection: str) -> str:
    return "c" + collection.encode().hex()


def viewer_tokens(viewer: Viewer) -> list[str] | None:
    """The scope tokens a viewer may see, or None for staff (everything)."""
    if viewer.is_staff:
        return None
    orgs = sorted(viewer.organisation_ids)
    return ["vpublic", *[f"o{org}" for org in orgs], *[f"s{org}" for org in orgs]]


_FORKED_BACKEND: DatabaseSearchBackend | None = None


def _analyse_in_worker(document: SearchDocument) -> tuple[str, str, str]:
    assert _FORKED_BACKEND is not None
    return _FORKED_BACKEND.analyse(document)


class BaseSearchBackend:
    """What the search service needs from a backend."""

    vendor = ""
    supports_vectors = False

    def __init__(self, alias: str = "default", options: dict[str, Any] | None = None) -> None:
        self.alias = alias
        self.options = dict(options or {})

    def check(self) -> list[CheckMessage]:
        return []

    def index(self, documents: Iterable[SearchDocument], batch_size: int = 500, workers: int | None = None) -> int:
        raise NotImplementedError

    def delete(self, collection: str, keys: Iterable[str]) -> int:
        raise NotImplementedError

    def move(self, source: str, target: str, keys: Iterable[str]) -> int:
        raise NotImplementedError

    def clear(self, collection: str | None = None) -> int:
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResult:
        raise NotImplementedError

    def hits_for(self, query: SearchQuery, keys: Sequence[str]) -> list[Hit]:
        """Hits for the given keys of the query's collection that its viewer and filters admit, in that order."""
        raise NotImplementedError

    def similarities(self, query: SearchQuery, keys: Sequence[str]) -> dict[str, float]:
        """Cosine similarity of the query's text to each given entry the viewer may see (empty without vectors)."""
        return {}


def fuse(rankings: Sequence[Sequence[str]], weights: Sequence[float], k: int = 60) -> list[str]:
    """Weighted reciprocal-rank fusion."""
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, key in enumerate(ranking):
            scores[key] = scores.get(key, 0.0) + weight / (k + rank + 1)
    return [key for key, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))]


def pack_vector(vector: Sequence[float] | None) -> bytes | None:
    if vector is None:
        return None
    return struct.pack(f"<{len(vector)}f", *vector)


class DatabaseSearchBackend(BaseSearchBackend):
    """Shared storage and query building over ``SearchEntry``; subclasses add the full-text match."""

    supports_vectors = True
    database = "default"

    def __init__(self, alias: str = "default", options: dict[str, Any] | None = None) -> None:
        super().__init__(alias, options)
        self.database = str(self.options.get("DATABASE", "default"))
        self.title_weight = float(self.options.get("TITLE_WEIGHT", 2.0))
        self.body_weight = float(self.options.get("BODY_WEIGHT", 1.0))
        self.extra_weight = float(self.options.get("EXTRA_WEIGHT", 0.5))
        # A term held by very many entries tells little (BM25 gives it an IDF near zero). When a query has rarer
        # terms, terms in more than COMMON_TERM_DOCS entries are left out of the match, and the rarest terms are
        # kept while their entries add up to at most TERM_BUDGET_DOCS. Both backends select terms this way.
        self.common_term_docs = int(self.options.get("COMMON_TERM_DOCS", 3000))
        self.term_budget_docs = int(self.options.get("TERM_BUDGET_DOCS", 8000))
        self._analyzer: Analyzer | None = None
        self.embed_seconds = 0.0  # time spent embedding documents, reported apart by the benchmark
        self.vectors = VectorIndex(self.database)
        self.rrf_k = int(self.options.get("RRF_K", 10))  # k and weights tuned on the SweFAQ and SQuAD-sv dev files
        self.lexical_weight = float(self.options.get("HYBRID_LEXICAL_WEIGHT", 0.8))
        self.dense_weight = float(self.options.get("HYBRID_DENSE_WEIGHT", 1.0))
        self.fusion_depth = int(self.options.get("FUSION_DEPTH", 100))
        # Near-misses (kraft.search.vocabulary): indexed terms one edit from a query word, at this weight (0: off).
        self.near_weight = float(self.options.get("NEAR_WEIGHT", 0.5))
        self.near_limit = int(self.options.get("NEAR_LIMIT", 3))

    def embedder(self) -> BaseEmbedder | None:
        """The embedder named by the ``EMBEDDER`` option ("default"), or None: lexical search only."""
        return get_embedder(str(self.options.get("EMBEDDER", "default")))

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = get_analyzer()
        return self._analyzer

    @analyzer.setter
    def analyzer(self, value: Analyzer) -> None:
        self._analyzer = value

    # ------------------------------------------------------------------ writing

    def analyse(self, document: SearchDocument) -> tuple[str, str, str]:
        """Analysed title, body and extra; a record in another language gets that language's stemmer."""
        analyzer = self.analyzer if document.language in ("sv", "") else foreign_analyzer(document.language)
        analyse = (analyzer or self.analyzer).index_text
        return analyse(document.title), analyse(document.body), analyse(document.extra)

    def query_terms(self, text: str) -> list[QueryTerm]:
        """Swedish query terms, their near-misses, and at low weight how English and Dutch records stem the
        same words (so *chatbots* finds an English record's *chatbot*)."""
        terms = self.expand_terms(self.analyzer.query_terms(text))
        terms += self.acronym_terms(text, terms)
        present = {t.term for t in terms}
        for language in FOREIGN_QUERY_LANGUAGES:
            analyzer = foreign_analyzer(language)
            for term in analyzer.query_terms(text) if analyzer else []:
                if term.term not in present:
                    present.add(term.term)
                    terms.append(QueryTerm(term.term, self.analyzer.part_weight, term.source))
        return terms

    def entry_for(self, document: SearchDocument, analysed: tuple[str, str, str] | None = None) -> SearchEntry:
        title, body, extra = analysed or self.analyse(document)
        return SearchEntry(
            collection=document.collection,
            key=str(document.key),
            title=document.title,
            body=document.body,
            extra=document.extra,
            organisation_id=document.organisation_id,
            visibility=document.visibility,
            shared_with=list(document.shared_with),
            kind=document.kind,
            language=document.language,
            attributes={name: list(values) for name, values in document.attributes.items()},
            analysed_title=title,
            analysed_body=body,
            analysed_extra=extra,
            scope=scope_tokens(
                document.collection, document.visibility, document.organisation_id, document.shared_with
            ),
            vector=pack_vector(document.vector),
        )

    def attribute_rows(self, entry: SearchEntry) -> list[SearchAttribute]:
        rows = [
            SearchAttribute(entry=entry, name=name, value=str(value)[:200])
            for name, values in entry.attributes.items()
            for value in values
        ]
        rows += [SearchAttribute(entry=entry, name=SHARED_WITH, value=str(org)) for org in entry.shared_with]
        if entry.kind and "kind" not in entry.attributes:
            rows.append(SearchAttribute(entry=entry, name="kind", value=entry.kind))
        if entry.language and "language" not in entry.attributes:
            rows.append(SearchAttribute(entry=entry, name="language", value=entry.language))
        if entry.visibility == PUBLIC and entry.language in ("sv", ""):
            defined = acronyms.definitions(f"{entry.title}\n{entry.body}", self.analyzer.stopwords)
            rows += [SearchAttribute(entry=entry, name=ACRONYM, value=acronyms.encode(*pair)) for pair in defined]
        return rows

    def index(self, documents: Iterable[SearchDocument], batch_size: int = 500, workers: int | None = None) -> int:
        """Add or replace documents. ``workers`` > 1 analyses in that many forked processes (bulk loads)."""
        count = 0
        batch: list[tuple[SearchDocument, tuple[str, str, str]]] = []
        for document, analysed in self._analysed(documents, workers):
            batch.append((document, analysed))
            if len(batch) >= batch_size:
                count += self._index_batch(batch)
                batch = []
        if batch:
            count += self._index_batch(batch)
        self.index_changed()
        return count

    def index_changed(self) -> None:
        """Called after every write to the index: a backend forgets the statistics it keeps in memory."""

    def _analysed(
        self, documents: Iterable[SearchDocument], workers: int | None
    ) -> Iterator[tuple[SearchDocument, tuple[str, str, str]]]:
        if not workers or workers < 2:
            for document in documents:
                yield document, self.analyse(document)
            return
        global _FORKED_BACKEND
        self.analyse(SearchDocument("", "", "Förvärmning av analysen", "äldreomsorg"))  # load before forking
        _FORKED_BACKEND = self
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            pending = iter(documents)
            while chunk := list(islice(pending, 2000)):
                yield from zip(chunk, pool.imap(_analyse_in_worker, chunk, chunksize=50), strict=True)

    def _index_batch(self, batch: list[tuple[SearchDocument, tuple[str, str, str]]]) -> int:
        latest = {(d.collection, str(d.key)): (d, a) for d, a in batch}  # the last version of a key wins
        entries = [self.entry_for(d, a) for d, a in latest.values()]
        embedder = self.embedder()
        if embedder is not None:
            vectors, seconds = embed_missing(embedder, [d for d, _ in latest.values()], self.database)
            self.embed_seconds += seconds
            for entry, vector in zip(entries, vectors, strict=True):
                entry.vector = pack_vector(vector)
        with transaction.atomic(using=self.database):
            for collection in {e.collection for e in entries}:
                keys = [e.key for e in entries if e.collection == collection]
                SearchEntry.objects.using(self.database).filter(collection=collection, key__in=keys).delete()
            created = SearchEntry.objects.using(self.database).bulk_create(entries)
            rows = [row for entry in created for row in self.attribute_rows(entry)]
            SearchAttribute.objects.using(self.database).bulk_create(rows, batch_size=1000)
        return len(entries)

    def delete(self, collection: str, keys: Iterable[str]) -> int:
        keys = [str(k) for k in keys]
        deleted = 0
        entries = SearchEntry.objects.using(self.database)
        for start in range(0, len(keys), KEY_BATCH):  # SQLite limits the variables of one statement
            found, _ = entries.filter(collection=collection, key__in=keys[start : start + KEY_BATCH]).delete()
            deleted += found
        self.index_changed()
        return len(keys) if deleted else 0

    def move(self, source: str, target: str, keys: Iterable[str]) -> int:
        """Move entries from one collection to another (a staged document going live), scope tokens included.

        No text is analysed again: the cost is one row update per entry, so it fits in a short transaction."""
        keys = [str(k) for k in keys]
        moved = 0
        scope = Replace(F("scope"), Value(collection_token(source)), Value(collection_token(target)))
        entries = SearchEntry.objects.using(self.database)
        now = timezone.now()
        for start in range(0, len(keys), KEY_BATCH):
            moved += entries.filter(collection=source, key__in=keys[start : start + KEY_BATCH]).update(
                collection=target, scope=scope, updated_at=now
            )
        self.index_changed()
        return moved

    def clear(self, collection: str | None = None) -> int:
        entries = SearchEntry.objects.using(self.database).all()
        if collection is not None:
            entries = entries.filter(collection=collection)
        self.index_changed()
        return entries.delete()[0]

    # ------------------------------------------------------------------ querying

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many entries hold each analysed term (all collections)."""
        raise NotImplementedError

    def entry_count(self) -> int:
        """How many entries the index holds (all collections): the N of ``document_frequencies``."""
        return SearchEntry.objects.using(self.database).count()

    def selective_terms(self, terms: list[QueryTerm]) -> tuple[list[QueryTerm], bool]:
        """The terms to match, and whether all of them are required.

        Rare terms are matched with OR (BM25 ranks them); terms in very many entries are dropped when rarer ones
        exist. A query made only of such common terms requires them all, as Lucene's common-terms query does."""
        if len(terms) < 2 or not self.common_term_docs:
            return terms, False
        frequencies = self.document_frequencies([t.term for t in terms])
        rare = sorted(
            (t for t in terms if 0 < frequencies[t.term] <= self.common_term_docs), key=lambda t: frequencies[t.term]
        )
        if not rare:
            common = [t for t in terms if frequencies[t.term] > 0 and t.weight >= 1.0]
            return (common, True) if len(common) > 1 else (terms, False)
        kept: list[QueryTerm] = []
        budget = 0
        for term in rare:
            budget += frequencies[term.term]
            if kept and budget > self.term_budget_docs:
                break
            kept.append(term)
        return kept, False

    _vocabulary: dict[str, int] | None = None
    _vocabulary_version: tuple[Any, ...] | None = None

    def load_vocabulary(self) -> dict[str, int]:
        """Every index term with the number of entries holding it (read once, see ``known_terms``)."""
        return {}

    def known_terms(self, terms: Sequence[str]) -> dict[str, int]:
        """How many entries hold each of ``terms`` (only terms the index holds are returned). The vocabulary is
        kept in memory and read again when the index has changed (its size or newest entry)."""
        version = tuple(self._fetch(f"SELECT COUNT(*), COALESCE(MAX(id), 0) FROM {ENTRY}", [])[0])  # noqa: S608
        if self._vocabulary is None or self._vocabulary_version != version:
            self._vocabulary = self.load_vocabulary()
            self._vocabulary_version = version
        vocabulary = self._vocabulary
        return {term: vocabulary[term] for term in terms if term in vocabulary}

    _acronyms: dict[str, set[str]] | None = None
    _acronyms_version: tuple[Any, ...] | None = None

    def defined_acronyms(self) -> dict[str, set[str]]:
        """Each acronym the public indexed texts define, with the ways they write it out (read again when the index
        has changed, like the vocabulary)."""
        version = tuple(self._fetch(f"SELECT COUNT(*), COALESCE(MAX(id), 0) FROM {ENTRY}", [])[0])  # noqa: S608
        if self._acronyms is None or self._acronyms_version != version:
            rows = self._fetch(f"SELECT DISTINCT value FROM {ATTRIBUTE} WHERE name = %s", [ACRONYM])  # noqa: S608
            self._acronyms = acronyms.decode(str(row[0]) for row in rows)
            self._acronyms_version = version
        return self._acronyms

    def acronym_terms(self, text: str, terms: list[QueryTerm]) -> list[QueryTerm]:
        """For an acronym in the query, the words its texts write out; for words written out, the acronym – both
        at ``near_weight`` (*AI* also finds *artificiell intelligens* and the other way round)."""
        if self.near_weight <= 0:
            return []
        table = self.defined_acronyms()
        if not table:
            return []
        present = {t.term for t in terms}
        words = [word.lower() for word in acronyms.WORD.findall(text)]
        written = f" {' '.join(words)} "
        expansions: list[str] = []
        for word in set(words) - self.analyzer.stopwords:
            expansions += sorted(table.get(word, ()))  # an acronym → its words
        for acronym, long_forms in table.items():  # words written out → the acronym
            if acronym not in words and any(f" {long_form} " in written for long_form in long_forms):
                expansions.append(acronym)
        added: dict[str, QueryTerm] = {}
        for expansion in expansions:
            for term in self.analyzer.query_terms(expansion):
                if term.weight >= 1.0 and term.term not in present:
                    added[term.term] = QueryTerm(term.term, self.near_weight, term.source)
        return list(added.values())

    def _neighbours(self, term: str, written: str) -> frozenset[str]:
        """A word's one-edit neighbours, remembered (a running server sees the same words again and again)."""
        cache: dict[tuple[str, str], frozenset[str]] = self.__dict__.setdefault("_neighbour_cache", {})
        found = cache.get((term, written))
        if found is None:
            found = frozenset(vocabulary.candidates([(term, written)], self.analyzer.stem_words).get(term, ()))
            if len(cache) > 20_000:
                cache.clear()
            cache[(term, written)] = found
        return found

    def expand_terms(self, terms: list[QueryTerm]) -> list[QueryTerm]:
        """The query's terms plus indexed spellings one edit from its words: a word the index does not hold gets
        its most frequent neighbour at full weight (a misspelling), a known word up to ``near_limit`` neighbours
        at ``near_weight`` (*chattbot* also finds *chatbot* and the other way round)."""
        if self.near_weight <= 0:
            return terms
        words = [t for t in terms if t.weight >= 1.0 and vocabulary.expandable(t.term)]
        if not words:
            return terms
        neighbours = {t.term: self._neighbours(t.term, t.source) for t in words}
        frequencies = self.known_terms([t.term for t in words] + [n for found in neighbours.values() for n in found])
        present = {t.term for t in terms}
        added: dict[str, QueryTerm] = {}
        for term in words:
            found = sorted(
                ((frequencies[n], n) for n in neighbours[term.term] if n in frequencies and n not in present),
                reverse=True,
            )
            known = frequencies.get(term.term, 0) > 0
            weight = self.near_weight if known else 1.0
            for _count, neighbour in found[: self.near_limit if known else 1]:
                if neighbour not in added or added[neighbour].weight < weight:
                    added[neighbour] = QueryTerm(neighbour, weight, term.source)
        return terms + list(added.values())

    def match_sql(self, terms: list[QueryTerm], query: SearchQuery) -> tuple[str, list[Any]]:
        """SQL selecting ``id`` and ``score`` (higher is better) of entries matching any of ``terms``.

        It may also narrow by the query's collection and viewer (a prefilter); ``scope_sql`` still decides."""
        raise NotImplementedError

    def rank_in_index(
        self, query: SearchQuery, terms: list[QueryTerm], limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], int] | None:
        """(id, score) of one page and the total, straight from the full-text index, when the backend can do it
        exactly for this query without joining the entries table; None otherwise."""
        return None

    @staticmethod
    def scope_sql(query: SearchQuery) -> tuple[str, list[Any]]:
        """WHERE conditions on entries ``e``: collection, what the viewer may see, and attribute filters."""
        clauses = ["e.collection = %s"]
        params: list[Any] = [query.collection]
        viewer: Viewer = query.viewer
        if not viewer.is_staff:
            orgs = sorted(viewer.organisation_ids)
            if orgs:
                marks = ", ".join(["%s"] * len(orgs))
                clauses.append(
                    f"(e.visibility = %s OR (e.visibility IN (%s, %s) AND e.organisation_id IN ({marks}))"  # noqa: S608
                    f" OR (e.visibility = %s AND e.id IN (SELECT entry_id FROM {ATTRIBUTE}"
                    f" WHERE name = %s AND value IN ({marks}))))"
                )
                params += [PUBLIC, ORGANISATION, SHARED, *orgs, SHARED, SHARED_WITH, *[str(o) for o in orgs]]
            else:
                clauses.append("e.visibility = %s")
                params.append(PUBLIC)
        for name, values in sorted(query.filters.items()):
            values = tuple(str(v) for v in values)
            if not values:
                continue
            marks = ", ".join(["%s"] * len(values))
            clauses.append(f"e.id IN (SELECT entry_id FROM {ATTRIBUTE} WHERE name = %s AND value IN ({marks}))")  # noqa: S608
            params += [name, *values]
        return " AND ".join(clauses), params

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with connections[self.database].cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def search(self, query: SearchQuery) -> SearchResult:
        if query.mode in ("dense", "hybrid") and query.text.strip():
            embedder = self.embedder()
            if embedder is not None:
                try:
                    vector = embed_query(embedder, query.text, self.database)
                except Exception:  # the embedding service is down: answer lexically rather than not at all
                    logger.exception("Frågan kunde inte bäddas in; söker lexikalt")
                else:
                    return self._search_dense(query, vector)
        return self._search_lexical(query)

    def _search_dense(self, query: SearchQuery, vector: Sequence[float]) -> SearchResult:
        page_size = max(1, min(int(query.page_size), 1000))
        offset = (max(1, int(query.page)) - 1) * page_size
        depth = max(self.fusion_depth, offset + page_size)
        nearest = self.vectors.nearest(query.collection, vector, depth * 3)
        visible = self._visible_pairs(query, [pk for pk, _ in nearest])
        if len(visible) < depth and len(nearest) == depth * 3:  # a narrow scope: rank within it instead
            scoped = self._scoped_pairs(query)
            nearest = self.vectors.nearest_among(query.collection, vector, list(scoped), depth)
            visible = {pk: scoped[pk] for pk, _ in nearest}
        similarity = {visible[pk]: value for pk, value in nearest if pk in visible}
        dense_keys = list(similarity)[:depth]
        rankings, weights = [dense_keys], [self.dense_weight]
        lexical = None
        if query.mode == "hybrid":
            lexical = self._search_lexical(replace(query, page=1, page_size=depth, snippets=False))
            rankings.insert(0, [hit.key for hit in lexical.hits])
            weights.insert(0, self.lexical_weight)
        fused = fuse(rankings, weights, self.rrf_k) if len(rankings) > 1 else rankings[0]
        page = fused[offset : offset + page_size]
        rows = {row[0]: row for row in self._rows_by_key(query.collection, page)}
        terms = {t.term for t in self.analyzer.query_terms(query.text)}
        hits = [
            Hit(
                key=key,
                # dense alone: the cosine similarity (callers may fuse scores); fused: the rank's reciprocal
                score=similarity[key] if lexical is None else 1.0 / (rank + 1 + offset),
                title=rows[key][1],
                snippet=make_snippet(self.analyzer, rows[key][2], terms) if query.snippets else "",
            )
            for rank, key in enumerate(page)
            if key in rows
        ]
        facets = self._search_lexical(replace(query, page_size=1)).facets if query.facets else {}
        return SearchResult(total=len(fused), hits=hits, facets=facets)

    def similarities(self, query: SearchQuery, keys: Sequence[str]) -> dict[str, float]:
        embedder = self.embedder()
        if embedder is None or not keys or not query.text.strip():
            return {}
        try:
            vector = np.asarray(embed_query(embedder, query.text, self.database), dtype="<f4")
        except Exception:  # the embedding service is down: no similarities, the caller ranks without them
            logger.exception("Frågan kunde inte bäddas in")
            return {}
        where, params = self.scope_sql(query)
        marks = ", ".join(["%s"] * len(keys))
        rows = self._fetch(
            f"SELECT e.key, e.vector FROM {ENTRY} e WHERE e.key IN ({marks}) AND e.vector IS NOT NULL AND {where}",  # noqa: S608
            [*[str(k) for k in keys], *params],
        )
        found = {}
        for key, blob in rows:
            stored = np.frombuffer(bytes(blob), dtype="<f4")
            if stored.shape == vector.shape:
                found[str(key)] = float(stored @ vector)
        return found

    def hits_for_keys(self, collection: str, keys: Sequence[str], viewer: Viewer, text: str = "") -> list[Hit]:
        """Hits for the given keys, in their order, leaving out what the viewer may not see (pinned hits)."""
        return self.hits_for(SearchQuery(collection, text, viewer=viewer), keys)

    def hits_for(self, query: SearchQuery, keys: Sequence[str]) -> list[Hit]:
        if not keys:
            return []
        where, params = self.scope_sql(query)
        marks = ", ".join(["%s"] * len(keys))
        rows = {
            row[0]: row
            for row in self._fetch(
                f"SELECT e.key, e.title, e.body FROM {ENTRY} e WHERE e.key IN ({marks}) AND {where}",  # noqa: S608
                [*[str(k) for k in keys], *params],
            )
        }
        terms = {t.term for t in self.analyzer.query_terms(query.text)} if query.snippets else set()
        return [
            Hit(
                key=key,
                score=0.0,
                title=rows[key][1],
                snippet=make_snippet(self.analyzer, rows[key][2], terms) if query.snippets else "",
            )
            for key in dict.fromkeys(str(k) for k in keys)
            if key in rows
        ]

    def _visible_pairs(self, query: SearchQuery, ids: list[int]) -> dict[int, str]:
        """Entry id → key of the given entries that the query's scope admits, in the given order."""
        if not ids:
            return {}
        where, params = self.scope_sql(query)
        marks = ", ".join(["%s"] * len(ids))
        allowed = dict(
            self._fetch(f"SELECT e.id, e.key FROM {ENTRY} e WHERE e.id IN ({marks}) AND {where}", [*ids, *params])  # noqa: S608
        )
        return {pk: allowed[pk] for pk in ids if pk in allowed}

    def _scoped_pairs(self, query: SearchQuery) -> dict[int, str]:
        """Entry id → key of every entry with a vector that the query's scope admits."""
        where, params = self.scope_sql(query)
        return dict(self._fetch(f"SELECT e.id, e.key FROM {ENTRY} e WHERE e.vector IS NOT NULL AND {where}", params))  # noqa: S608

    def _rows_by_key(self, collection: str, keys: list[str]) -> list[tuple[Any, ...]]:
        if not keys:
            return []
        marks = ", ".join(["%s"] * len(keys))
        return self._fetch(
            f"SELECT key, title, body FROM {ENTRY} WHERE collection = %s AND key IN ({marks})",  # noqa: S608
            [collection, *keys],
        )

    def _search_lexical(self, query: SearchQuery) -> SearchResult:
        terms = self.query_terms(query.text) if query.text.strip() else []
        if query.boosts:
            terms = [QueryTerm(t.term, t.weight * query.boosts.get(t.term, 1.0), t.source) for t in terms]
        if query.text.strip() and not terms:
            return SearchResult(total=0, hits=[], facets={f: {} for f in query.facets})
        page_size = max(1, min(int(query.page_size), 1000))
        offset = (max(1, int(query.page)) - 1) * page_size
        facets: dict[str, dict[str, int]] = {}
        ranked = self.rank_in_index(query, terms, page_size, offset) if terms and not query.facets else None
        if ranked is not None:
            scored, total = ranked
            rows = self._entries([pk for pk, _ in scored], dict(scored))
        else:
            rows, total, facets = self._search_with_entries(query, terms, page_size, offset)
        term_set = {t.term for t in terms}
        hits = [
            Hit(
                key=key,
                score=float(value or 0.0),
                title=title,
                snippet=make_snippet(self.analyzer, body, term_set) if query.snippets else "",
                language=language or "",
            )
            for _, key, title, body, value, language in rows
        ]
        return SearchResult(total=total, hits=hits, facets=facets)

    def _entries(self, ids: list[int], scores: dict[int, float]) -> list[tuple[Any, ...]]:
        if not ids:
            return []
        marks = ", ".join(["%s"] * len(ids))
        found = {
            row[0]: row
            for row in self._fetch(
                f"SELECT id, key, title, body, language FROM {ENTRY} WHERE id IN ({marks})",  # noqa: S608
                list(ids),
            )
        }
        return [(*found[pk][:4], scores[pk], found[pk][4]) for pk in ids if pk in found]

    def _search_with_entries(
        self, query: SearchQuery, terms: list[QueryTerm], page_size: int, offset: int
    ) -> tuple[list[tuple[Any, ...]], int, dict[str, dict[str, int]]]:
        where, where_params = self.scope_sql(query)
        if terms:
            match, match_params = self.match_sql(terms, query)
            # CROSS JOIN keeps SQLite from running the full-text match once per entry row.
            source = f"({match}) m CROSS JOIN {ENTRY} e"
            source_params = match_params
            where = f"e.id = m.id AND {where}"
            order = "m.score DESC, e.id"
            score = "m.score"
        else:
            source, source_params, order, score = f"{ENTRY} e", [], "e.title, e.id", "0.0"
        params = source_params + where_params
        rows = self._fetch(
            f"SELECT e.id, e.key, e.title, e.body, {score}, e.language FROM {source} WHERE {where}"  # noqa: S608
            f" ORDER BY {order} LIMIT {page_size} OFFSET {offset}",
            params,
        )
        if len(rows) < page_size and (rows or offset == 0):
            total = offset + len(rows)
        else:
            total = int(self._fetch(f"SELECT COUNT(*) FROM {source} WHERE {where}", params)[0][0])  # noqa: S608
        facets = self._facets(query, source, where, params) if query.facets else {}
        return rows, total, facets

    def _facets(self, query: SearchQuery, source: str, where: str, params: list[Any]) -> dict[str, dict[str, int]]:
        names = list(query.facets)
        marks = ", ".join(["%s"] * len(names))
        rows = self._fetch(
            f"SELECT a.name, a.value, COUNT(*) FROM {ATTRIBUTE} a WHERE a.name IN ({marks})"  # noqa: S608
            f" AND a.entry_id IN (SELECT e.id FROM {source} WHERE {where}) GROUP BY a.name, a.value",
            [*names, *params],
        )
        facets: dict[str, dict[str, int]] = {name: {} for name in names}
        for name, value, count in rows:
            facets[name][value] = int(count)
        for name in names:
            facets[name] = dict(sorted(facets[name].items(), key=lambda item: (-item[1], item[0])))
        return facets
