"""The search port's vocabulary: what gets indexed and what a query asks for.

Apps describe their records as ``SearchDocument``s (through a collection class named in ``SEARCH_COLLECTIONS``)
and ask questions with ``SearchQuery``; the configured backend (SQLite FTS5, PostgreSQL full-text search)
does the rest. Visibility is part of every document so that no backend can leak a private record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PUBLIC = "public"  # anyone, signed in or not
ORGANISATION = "organisation"  # active members of ``organisation_id`` (and staff)
SHARED = "shared"  # members of ``organisation_id`` and of the organisations in ``shared_with``


@dataclass(frozen=True)
class SearchDocument:
    collection: str  # "initiatives", "organisations", "passages", …
    key: str  # the record's id within the collection
    title: str
    body: str
    extra: str = ""  # more searchable text with lower weight (tags, organisation names …)
    organisation_id: int | None = None
    visibility: str = PUBLIC
    shared_with: tuple[int, ...] = ()
    kind: str = ""
    language: str = "sv"
    attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # filter and facet values
    vector: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Viewer:
    """Who is searching: staff see everything, members see their organisations' private documents."""

    organisation_ids: frozenset[int] = frozenset()
    is_staff: bool = False


@dataclass(frozen=True)
class SearchQuery:
    collection: str
    text: str = ""
    viewer: Viewer = Viewer()
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # attribute → any of these values
    facets: tuple[str, ...] = ()
    page: int = 1
    page_size: int = 20
    mode: str = "lexical"  # lexical | dense | hybrid
    snippets: bool = True
    # Records the text cites exactly ("10 § LSS") come first, where the collection can read citations
    # (``SearchCollection.cited_keys``). Pages and the API ask for it; benchmarks' baselines do not.
    pin_cited: bool = False
    # Factors on the weights of analysed query terms (``{"turordning": 1.4}``): a caller that knows which of the
    # text's words matter more, e.g. the answers' statute topicality. Terms not named keep their weight.
    boosts: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    key: str
    score: float
    title: str = ""
    snippet: str = ""  # HTML-safe text with <mark>…</mark> around matched terms
    language: str = ""  # the record's language (ISO 639-1), when the backend knows it


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
