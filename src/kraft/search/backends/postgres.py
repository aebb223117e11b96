"""PostgreSQL full-text search over the same analysed terms (``simple`` configuration, no second stemmer)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.checks import CheckMessage

from kraft.search.analysis import QueryTerm
from kraft.search.backends.base import DatabaseSearchBackend
from kraft.search.documents import SearchQuery


class PostgresSearchBackend(DatabaseSearchBackend):
    vendor = "postgresql"
    _vocabulary: dict[str, int]
    _vocabulary_version: tuple[Any, ...] | None = None

    def check(self) -> list[CheckMessage]:
        return []

    def known_terms(self, terms: Sequence[str]) -> dict[str, int]:
        """From the index's vocabulary (``ts_stat``), read once per process and again when the index changes."""
        version = tuple(self._fetch("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM search_searchentry", [])[0])
        if self._vocabulary_version != version:
            rows = self._fetch("SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_searchentry')", [])
            self._vocabulary = {str(word): int(count) for word, count in rows}
            self._vocabulary_version = version
        return {term: self._vocabulary[term] for term in terms if term in self._vocabulary}

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
