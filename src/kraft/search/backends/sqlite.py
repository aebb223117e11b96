"""SQLite FTS5: the embedded default. Ranking is FTS5's BM25 with column weights over the analysed columns.

Collection and visibility are tokens in the FTS table's ``scope`` column, so a query without attribute filters is
matched, counted and ranked inside FTS5 alone; only the page's rows are read from the entries table.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from django.core.checks import CheckMessage, Error
from django.db import connections

from kraft.search.analysis import QueryTerm
from kraft.search.backends.base import DatabaseSearchBackend, collection_token, viewer_tokens
from kraft.search.documents import SearchQuery

TEXT_COLUMNS = "{analysed_title analysed_body analysed_extra}"


def fts5_available() -> bool:
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


class SQLiteSearchBackend(DatabaseSearchBackend):
    vendor = "sqlite"

    def check(self) -> list[CheckMessage]:
        if not fts5_available():
            return [Error("SQLite saknar FTS5; sökningen kräver en SQLite byggd med FTS5.", id="kraft_search.E001")]
        return []

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        frequencies: dict[str, int] = {}
        with connections[self.database].cursor() as cursor:
            for term in terms:
                cursor.execute("SELECT doc FROM search_fts_vocab WHERE term = %s", [term])
                row = cursor.fetchone()
                frequencies[term] = int(row[0]) if row else 0
        return frequencies

    def load_vocabulary(self) -> dict[str, int]:
        return {str(term): int(doc) for term, doc in self._fetch("SELECT term, doc FROM search_fts_vocab", [])}

    def match_expression(self, terms: list[QueryTerm], query: SearchQuery | None = None) -> str:
        """An FTS5 query; a term repeated n times counts n times in BM25, which is how terms are weighted."""
        selected, conjunctive = self.selective_terms(terms)
        groups = [" OR ".join([f'"{t.term}"'] * max(1, round(t.weight * 2))) for t in selected]
        joined = " AND ".join(f"({group})" for group in groups) if conjunctive else " OR ".join(groups)
        expression = f"{TEXT_COLUMNS} : ({joined})"
        if query is not None:
            expression += f' AND scope : "{collection_token(query.collection)}"'
            audience = viewer_tokens(query.viewer)
            if audience is not None:
                expression += " AND scope : (" + " OR ".join(f'"{token}"' for token in audience) + ")"
        return expression

    def _bm25(self) -> str:
        return f"bm25(search_fts, {self.title_weight:g}, {self.body_weight:g}, {self.extra_weight:g}, 0)"

    def match_sql(self, terms: list[QueryTerm], query: SearchQuery) -> tuple[str, list[Any]]:
        return (
            f"SELECT rowid AS id, -{self._bm25()} AS score FROM search_fts WHERE search_fts MATCH %s",  # noqa: S608
            [self.match_expression(terms, query)],
        )

    def rank_in_index(
        self, query: SearchQuery, terms: list[QueryTerm], limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], int] | None:
        if any(values for values in query.filters.values()):
            return None  # attribute filters live in the attributes table
        expression = self.match_expression(terms, query)
        rows = self._fetch(
            f"SELECT rowid, -{self._bm25()} AS score FROM search_fts WHERE search_fts MATCH %s"  # noqa: S608
            f" ORDER BY score DESC, rowid LIMIT {int(limit)} OFFSET {int(offset)}",
            [expression],
        )
        if len(rows) < limit and (rows or offset == 0):
            total = offset + len(rows)
        else:
            total = int(self._fetch("SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH %s", [expression])[0][0])
        return [(int(pk), float(score)) for pk, score in rows], total
