"""The search backend interface and the storage every database backend shares.

A backend stores ``SearchDocument``s as ``SearchEntry`` rows (plain tables, so visibility, filters and facets are
ordinary SQL) and ranks them with its database's full-text engine. Subclasses only say how to match and score
analysed terms (``match_sql``); everything else, including the contract tests, is shared.
"""

from __future__ import annotations

import multiprocessing
import struct
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from django.core.checks import CheckMessage
from django.db import connections, transaction

from kraft.search.analysis import Analyzer, QueryTerm, get_analyzer
from kraft.search.documents import ORGANISATION, PUBLIC, SHARED, Hit, SearchDocument, SearchQuery, SearchResult, Viewer
from kraft.search.embedders import get_embedder
from kraft.search.embedders.base import BaseEmbedder
from kraft.search.models import SearchAttribute, SearchEntry
from kraft.search.snippets import make_snippet

# SQL below is assembled from constants and "%s" placeholders only; every value travels as a parameter.
SHARED_WITH = "_shared_with"
ENTRY = SearchEntry._meta.db_table
ATTRIBUTE = SearchAttribute._meta.db_table


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

    def clear(self, collection: str | None = None) -> int:
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResult:
        raise NotImplementedError


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
        self._analyzer: Analyzer | None = None

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
        analyse = self.analyzer.index_text
        return analyse(document.title), analyse(document.body), analyse(document.extra)

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
            vector=pack_vector(document.vector),
        )

    @staticmethod
    def attribute_rows(entry: SearchEntry) -> list[SearchAttribute]:
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
        return count

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
        deleted, _ = SearchEntry.objects.using(self.database).filter(collection=collection, key__in=keys).delete()
        return sum(1 for _ in keys) if deleted else 0

    def clear(self, collection: str | None = None) -> int:
        entries = SearchEntry.objects.using(self.database).all()
        if collection is not None:
            entries = entries.filter(collection=collection)
        return entries.delete()[0]

    # ------------------------------------------------------------------ querying

    def match_sql(self, terms: list[QueryTerm]) -> tuple[str, list[Any]]:
        """SQL selecting ``id`` and ``score`` (higher is better) of entries matching any of ``terms``."""
        raise NotImplementedError

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
        terms = self.analyzer.query_terms(query.text) if query.text.strip() else []
        if query.text.strip() and not terms:
            return SearchResult(total=0, hits=[], facets={f: {} for f in query.facets})
        where, where_params = self.scope_sql(query)
        if terms:
            match, match_params = self.match_sql(terms)
            # CROSS JOIN keeps SQLite from running the full-text match once per entry row.
            source = f"({match}) m CROSS JOIN {ENTRY} e"
            source_params = match_params
            where = f"e.id = m.id AND {where}"
            order = "m.score DESC, e.id"
            score = "m.score"
        else:
            source, source_params, order, score = f"{ENTRY} e", [], "e.title, e.id", "0.0"
        params = source_params + where_params
        page_size = max(1, min(int(query.page_size), 1000))
        offset = (max(1, int(query.page)) - 1) * page_size
        rows = self._fetch(
            f"SELECT e.id, e.key, e.title, e.body, {score} FROM {source} WHERE {where}"  # noqa: S608
            f" ORDER BY {order} LIMIT {page_size} OFFSET {offset}",
            params,
        )
        if len(rows) < page_size and (rows or offset == 0):
            total = offset + len(rows)
        else:
            total = int(self._fetch(f"SELECT COUNT(*) FROM {source} WHERE {where}", params)[0][0])  # noqa: S608
        facets = self._facets(query, source, where, params) if query.facets else {}
        term_set = {t.term for t in terms}
        hits = [
            Hit(
                key=key,
                score=float(value or 0.0),
                title=title,
                snippet=make_snippet(self.analyzer, body, term_set) if query.snippets else "",
            )
            for _, key, title, body, value in rows
        ]
        return SearchResult(total=total, hits=hits, facets=facets)

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
