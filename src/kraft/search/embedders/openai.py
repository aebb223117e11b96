"""Embeddings from any OpenAI-compatible ``/v1/embeddings`` endpoint (vLLM, llama.cpp, Ollama, Infinity, TEI …).

``KRAFT_EMBEDDINGS_URL`` may be the server (``http://host:8080``), its ``/v1`` base, or the full endpoint.
E5-family models get their "query: " / "passage: " prefixes unless the options say otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import httpx
from django.core.checks import CheckMessage, Error

from kraft.search.embedders.base import BaseEmbedder


def endpoint(url: str) -> str:
    url = url.rstrip("/")
    if url.endswith("/embeddings"):
        return url
    if url.endswith("/v1"):
        return url + "/embeddings"
    return url + "/v1/embeddings"


def normalised(vector: Sequence[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return [float(x) / norm for x in vector]


class EmbeddingError(RuntimeError):
    pass


class OpenAIEmbedder(BaseEmbedder):
    def __init__(self, alias: str = "default", options: dict[str, Any] | None = None) -> None:
        super().__init__(alias, options)
        self.url = endpoint(str(self.options.get("url", "")))
        self.model = str(self.options.get("model", ""))
        self.api_key = str(self.options.get("api_key", "") or "")
        self.timeout = float(self.options.get("timeout", 30))
        e5 = "e5" in self.model.lower()
        self.query_prefix = str(self.options.get("query_prefix", "query: " if e5 else ""))
        self.document_prefix = str(self.options.get("document_prefix", "passage: " if e5 else ""))

    def check(self) -> list[CheckMessage]:
        if not self.options.get("url"):
            return [Error("KRAFT_EMBEDDINGS_URL saknas för inbäddningsmodellen.", id="kraft_search.E011")]
        return []

    def _embed(self, texts: Sequence[str]) -> list[list[float]]:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            response = httpx.post(
                self.url, json={"model": self.model, "input": list(texts)}, headers=headers, timeout=self.timeout
            )
            response.raise_for_status()
            data = sorted(response.json()["data"], key=lambda item: item.get("index", 0))
        except (httpx.HTTPError, KeyError, ValueError, TypeError) as error:
            raise EmbeddingError(f"Inbäddningstjänsten svarade inte som väntat: {error}") from error
        if len(data) != len(texts):
            raise EmbeddingError("Inbäddningstjänsten gav fel antal vektorer.")
        return [normalised(item["embedding"]) for item in data]
