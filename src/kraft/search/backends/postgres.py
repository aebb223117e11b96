"""PostgreSQL full-text search over the same analysed terms (``simple`` configuration, no second stemmer).

``ts_rank`` alone knows nothing of how rare a term is, so each query term's rank is weighted by its BM25 inverse
document frequency, counted through the GIN index; common terms are selected away as on SQLite. The two backends
thus rank alike: BM25-style, title/body/extra weighted."""

from __future__ import annotations

import math
import time
from typing import Any

from django.core.checks import CheckMessage

from kraft.search.analysis import QueryTerm
from kraft.search.backends.base import ENTRY, DatabaseSearchBackend
from kraft.search.documents import SearchQuery


def _tsquery_term(term: str) -> str:
    return "'" + term.replace("'", "''").replace("\\", "") + "'"


class PostgresSearchBackend(DatabaseSearchBackend):
    vendor = "postgresql"
    _avgdl: tuple[float, float] | None = None

    def check(self) -> list[CheckMessage]:
        return []

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        frequencies: dict[str, int] = {}
        for term in dict.fromkeys(terms):
            rows = self._fetch(
                f"SELECT COUNT(*) FROM {ENTRY} WHERE search_vector @@ to_tsquery('simple', %s)",  # noqa: S608
                [_tsquery_term(term)],
            )
            frequencies[term] = int(rows[0][0])
        return frequencies

    def index_changed(self) -> None:
        self._avgdl = None  # this process wrote to the index: the next search reads the mean length again

    def average_length(self) -> float:
        """Mean number of distinct terms per entry (BM25's avgdl), read again after this process wrote to the
        index and at least once a minute (other processes' writes)."""
        now = time.monotonic()
        if self._avgdl is None or now - self._avgdl[0] > 60:
            rows = self._fetch(f"SELECT AVG(length(search_vector)) FROM {ENTRY}", [])  # noqa: S608
            self._avgdl = (now, float(rows[0][0] or 1.0))
        return max(1.0, self._avgdl[1])

    def load_vocabulary(self) -> dict[str, int]:
        rows = self._fetch("SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_searchentry')", [])
        return {str(word): int(count) for word, count in rows}

    def match_sql(self, terms: list[QueryTerm], query: SearchQuery) -> tuple[str, list[Any]]:
        """BM25 (k1 1.2, b 0.75) as on SQLite: a term's frequency counts each occurrence by its column's weight
        (title, body, extra), read from the tsvector's positions; length is the entry's number of distinct terms."""
        selected, conjunctive = self.selective_terms(terms)
        frequencies = self.document_frequencies([t.term for t in selected])
        entries = max(1, int(self._fetch(f"SELECT COUNT(*) FROM {ENTRY}", [])[0][0]))  # noqa: S608
        weights: dict[str, float] = {}
        for term in selected:
            df = frequencies.get(term.term, 0)
            idf = math.log(1 + (entries - df + 0.5) / (df + 0.5))
            weights[term.term] = weights.get(term.term, 0.0) + term.weight * idf
        values = ", ".join(["(%s, %s::float8)"] * len(weights))
        value_params: list[Any] = [v for pair in weights.items() for v in pair]
        joiner = " & " if conjunctive else " | "
        tsquery = joiner.join(_tsquery_term(t) for t in weights)
        column = (
            f"CASE w WHEN 'A' THEN {self.title_weight:g} WHEN 'B' THEN {self.body_weight:g}"
            f" WHEN 'C' THEN {self.extra_weight:g} ELSE 0 END"
        )
        sql = (
            "SELECT m.id, SUM(q.idf * m.tf * 2.2 / (m.tf + 1.2 * (0.25 + 0.75 * m.dl / %s))) AS score FROM ("  # noqa: S608
            f"SELECT e.id, u.lexeme, SUM({column}) AS tf, MAX(length(e.search_vector)) AS dl FROM {ENTRY} e"
            " CROSS JOIN LATERAL unnest(e.search_vector) u CROSS JOIN LATERAL unnest(u.weights) w"
            " WHERE e.search_vector @@ to_tsquery('simple', %s) AND u.lexeme = ANY(%s)"
            " GROUP BY e.id, u.lexeme"
            f") m JOIN (VALUES {values}) q(lexeme, idf) ON q.lexeme = m.lexeme GROUP BY m.id"
        )
        return sql, [self.average_length(), tsquery, list(weights), *value_params]
