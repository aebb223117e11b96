"""The shape of an answer as the pages, the API and the history share it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kraft.knowledge.answers.claims import Claim

EXTRACTIVE = "extractive"
GENERATED = "generated"
ABSTAINED = "abstained"

# How sure an answer is (shown with it; "Osäkert – kontrollera källan").
SURE = "sure"
UNCERTAIN = "uncertain"

# Notice codes (messages in ``kraft.knowledge.answers.notices``).
PERSONAL_NUMBER = "personal_number"
PERSONAL_DATA_FALLBACK = "personal_data_fallback"
MODEL_FAILED = "model_failed"
CLAIMS_REMOVED = "claims_removed"
NOTHING_VERIFIED = "nothing_verified"
REPEALED = "repealed"
SOURCES_GONE = "sources_gone"
UNCERTAIN_ANSWER = "uncertain"  # the best passage answers only in part: "Osäkert – kontrollera källan"
NO_SUCH_PROVISION = "no_such_provision"  # the question cites a paragraph the library does not have
UNKNOWN_NAME = "unknown_name"  # the question names something no source mentions (a place, an agency …)
NO_SEARCH_WORDS = "no_search_words"  # only stop words, or only a personal identity number
OTHER_LANGUAGE = "other_language"
ORGANISATION_GUIDANCE = "organisation_guidance"  # your organisation's own guidance is quoted with the law
SYNONYMS = "synonyms"  # words no statute uses were searched as synonyms the statutes use (prata → samtala)


@dataclass
class Source:
    number: int
    passage_id: int
    document_id: int
    label: str  # the passage's citation: document, chapter and § or page
    document_title: str
    url: str  # the passage highlighted in its document
    repealed: bool = False
    excerpt: str = ""
    source_link: str = ""  # the passage at its official source (EU law: the Swedish text on EUR-Lex)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(**{key: data[key] for key in cls.__dataclass_fields__ if key in data})


@dataclass
class AnswerResult:
    question: str  # as stored: personal identity numbers replaced
    kind: str
    claims: list[Claim] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notices: list[dict[str, Any]] = field(default_factory=list)
    backend: str = ""
    took_ms: int = 0
    answer_id: int | None = None
    # every candidate, best first; for benchmarks, not stored
    ranked_passage_ids: list[int] = field(default_factory=list)
    similarity: float | None = None  # the best passage's cosine to the question (with an embedder); not stored
    coverage: float | None = None  # the share of the question's weight the best passage matches; not stored
    certainty: str = ""  # SURE or UNCERTAIN for an answer; "" when it abstained

    @property
    def text(self) -> str:
        return " ".join(claim.text for claim in self.claims)

    @property
    def abstained(self) -> bool:
        return self.kind == ABSTAINED

    def source(self, number: int) -> Source | None:
        return next((s for s in self.sources if s.number == number), None)

    def has_notice(self, code: str) -> bool:
        return any(n.get("code") == code for n in self.notices)
