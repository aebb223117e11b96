"""Swedish text analysis shared by every search backend, so ranking sees the same terms on SQLite and PostgreSQL."""

from kraft.search.analysis.analyzer import Analyzer, QueryTerm, get_analyzer

__all__ = ["Analyzer", "QueryTerm", "get_analyzer"]
