"""SQLite FTS5: the embedded default. Ranking is FTS5's BM25 with column weights over the analysed columns."""

from __future__ import annotations

import sqlite3
from typing import Any

from django.core.checks import CheckMessage, Error

from kraft.search.analysis import QueryTerm
from kraft.search.backends.base import DatabaseSearchBackend


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

    def match_expression(self, terms: list[QueryTerm]) -> str:
        """An FTS5 OR query; a term repeated n times counts n times in BM25, which is how terms are weighted."""
        phrases: list[str] = []
        for term in terms:
            repeat = max(1, round(term.weight * 2))
            phrases += [f'"{term.term}"'] * repeat
        return " OR ".join(phrases)

    def match_sql(self, terms: list[QueryTerm]) -> tuple[str, list[Any]]:
        weights = f"{self.title_weight:g}, {self.body_weight:g}, {self.extra_weight:g}"
        return (
            f"SELECT rowid AS id, -bm25(search_fts, {weights}) AS score FROM search_fts WHERE search_fts MATCH %s",  # noqa: S608
            [self.match_expression(terms)],
        )
