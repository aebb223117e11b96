"""PostgreSQL full-text search over the same analysed terms (``simple`` configuration, no second stemmer)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage

from kraft.search.analysis import QueryTerm
from kraft.search.backends.base import DatabaseSearchBackend
from kraft.search.documents import SearchQuery


class PostgresSearchBackend(DatabaseSearchBackend):
    vendor = "postgresql"

    def check(self) -> list[CheckMessage]:
        return []

    def load_vocabulary(self) -> dict[str, int]:
        rows = self._fetch("SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_searchentry')", [])
        return {str(word): int(count) for word, count in rows}

    def match_sql(self, terms: list[QueryTerm], query: SearchQuery) -> tuple[str, list[Any]]:
        tsquery = " | ".join(f"'{term.term}'" for term in terms)
        # ts_rank's weights are {D, C, B, A}: extra is C, body B, title A. Normalisation 1 divides by log(length).
        top = max(self.title_weight, self.body_weight, self.extra_weight, 1e-9)
        scaled = [self.extra_weight / top, self.body_weight / top, self.title_weight / top]
        weights = "'{0, " + ", ".join(f"{w:.4f}" for w in scaled) + "}'"
        boosted = [t.term for t in terms if t.weight >= 1.0]
        boost = " | ".join(f"'{term}'" for term in boosted) or tsquery
        return (
            "SELECT id, ts_rank(" + weights + "::float4[], search_vector, to_tsquery('simple', %s), 1)"  # noqa: S608
            " + ts_rank(" + weights + "::float4[], search_vector, to_tsquery('simple', %s), 1) AS score"
            " FROM search_searchentry WHERE search_vector @@ to_tsquery('simple', %s)",
            [tsquery, boost, tsquery],
        )
