"""Vectors kept by content: a text is embedded once per model, whatever collection, reindex or benchmark asks.

The key is the SHA-256 of the embedder's identity (``BaseEmbedder.identity``: adapter, model, prefixes) and the
exact text, so a changed passage or another model never reuses a vector, and an unchanged one is never embedded
again after a restart, a ``reindex`` or a second benchmark run over the same texts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from kraft.search.embedders.base import BaseEmbedder
from kraft.search.models import EmbeddingVector

LOOKUP_BATCH = 500


def digest(embedder: BaseEmbedder, text: str, *, role: str) -> str:
    return hashlib.sha256(f"{embedder.identity}\n{role}\n{text}".encode()).hexdigest()


def _pack(vector: Sequence[float]) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def _unpack(data: bytes | memoryview) -> list[float]:
    return [float(x) for x in np.frombuffer(bytes(data), dtype="<f4")]


def _lookup(keys: list[str], database: str) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    for start in range(0, len(keys), LOOKUP_BATCH):
        rows = EmbeddingVector.objects.using(database).filter(digest__in=keys[start : start + LOOKUP_BATCH])
        found.update((row.digest, _unpack(row.vector)) for row in rows)
    return found


def _store(rows: dict[str, list[float]], model: str, database: str) -> None:
    objects = [EmbeddingVector(digest=key, model=model[:200], vector=_pack(v)) for key, v in rows.items()]
    EmbeddingVector.objects.using(database).bulk_create(objects, batch_size=500, ignore_conflicts=True)


def embed_documents(embedder: BaseEmbedder, texts: Sequence[str], database: str = "default") -> list[list[float]]:
    """Vectors for ``texts``: stored ones as they are, the others embedded (once per distinct text) and stored."""
    keys = [digest(embedder, text, role="document") for text in texts]
    found = _lookup(list(dict.fromkeys(keys)), database)
    missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
    if missing:
        vectors = embedder.embed_documents(list(missing.values()))
        new = dict(zip(missing, vectors, strict=True))
        _store(new, embedder.identity, database)
        found.update(new)
    return [found[key] for key in keys]


def embed_query(embedder: BaseEmbedder, text: str, database: str = "default") -> list[float]:
    key = digest(embedder, text, role="query")
    found = _lookup([key], database)
    if key in found:
        return found[key]
    vector = embedder.embed_query(text)
    _store({key: vector}, embedder.identity, database)
    return vector
