"""The embedder interface: text in, unit-length vectors out. Optional; search works without one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.checks import CheckMessage
from django.core.exceptions import ImproperlyConfigured


class BaseEmbedder:
    """Subclasses implement ``_embed``; E5-style models want "query: " and "passage: " prefixes, which they add."""

    query_prefix = ""
    document_prefix = ""
    # The cosine from which a passage counts as being about the question even when it shares few of its words
    # (answers then say "Osäkert – kontrollera källan" instead of refusing). Model-specific, so None (off) unless
    # the adapter knows its model or OPTIONS["answer_similarity"] sets it.
    default_answer_similarity: float | None = None

    def __init__(self, alias: str = "default", options: dict[str, Any] | None = None) -> None:
        self.alias = alias
        self.options = dict(options or {})
        self.batch_size = int(self.options.get("batch_size", 32))
        self.answer_similarity = _similarity(self.options.get("answer_similarity"), self.default_answer_similarity)

    @property
    def identity(self) -> str:
        """What makes two vectors of the same text interchangeable: adapter, model and prefixes."""
        model = str(self.options.get("model", ""))
        return f"{type(self).__module__}.{type(self).__qualname__}|{model}|{self.document_prefix}|{self.query_prefix}"

    def check(self) -> list[CheckMessage]:
        return []

    def _embed(self, texts: Sequence[str]) -> list[list[float]]:
        raise NotImplementedError

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = [self.document_prefix + text for text in texts[start : start + self.batch_size]]
            vectors += self._embed(batch)
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self._embed([self.query_prefix + text])[0]


def _similarity(value: Any, default: float | None) -> float | None:
    if value in (None, ""):
        return default
    try:
        similarity = float(value)
    except (TypeError, ValueError):
        similarity = -1.0
    if not -1.0 < similarity <= 1.0:
        raise ImproperlyConfigured(
            f"answer_similarity (KRAFT_EMBEDDINGS_ANSWER_SIMILARITY) ska vara en cosinus i ]-1, 1]: {value!r}"
        )
    return similarity
