"""Dense retrieval over the vectors stored with the entries: numpy cosine over a cached per-collection matrix.

Vectors are float32, unit length, in ``SearchEntry.vector`` (a BLOB on SQLite, bytea on PostgreSQL), so every
database works without an extension. The matrix of a collection is cached in the process and rebuilt when the
collection's row count or latest change differs, which any process's write changes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connections

from kraft.search.documents import SearchDocument
from kraft.search.embedders import cache
from kraft.search.embedders.base import BaseEmbedder
from kraft.search.models import SearchEntry

logger = logging.getLogger(__name__)
ENTRY = SearchEntry._meta.db_table


@dataclass
class Matrix:
    version: tuple[Any, ...]
    ids: np.ndarray
    vectors: np.ndarray


def document_text(document: SearchDocument) -> str:
    return "\n".join(part for part in (document.title, document.body) if part)[:2000]


def embed_missing(
    embedder: BaseEmbedder, documents: Sequence[SearchDocument], database: str = "default"
) -> tuple[list[list[float] | None], float]:
    """Vectors for the documents (their own when given, else stored by content, else embedded now), and the
    seconds spent. Failures leave None: the document is still found lexically, and a later reindex fills it in."""
    vectors: list[list[float] | None] = [list(d.vector) if d.vector is not None else None for d in documents]
    missing = [i for i, v in enumerate(vectors) if v is None]
    started = time.perf_counter()
    if missing:
        try:
            embedded = cache.embed_documents(embedder, [document_text(documents[i]) for i in missing], database)
        except Exception:  # an unreachable embedding service must not stop records from being saved
            logger.exception("Inbäddning misslyckades; dokumenten indexeras utan vektorer")
            return vectors, time.perf_counter() - started
        for i, vector in zip(missing, embedded, strict=True):
            vectors[i] = vector
    return vectors, time.perf_counter() - started


class VectorIndex:
    def __init__(self, database: str) -> None:
        self.database = database
        self._matrices: dict[str, Matrix] = {}

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with connections[self.database].cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def matrix(self, collection: str) -> Matrix:
        version = tuple(
            self._fetch(
                f"SELECT COUNT(*), MAX(updated_at) FROM {ENTRY} WHERE collection = %s AND vector IS NOT NULL",  # noqa: S608
                [collection],
            )[0]
        )
        cached = self._matrices.get(collection)
        if cached is not None and cached.version == version:
            return cached
        rows = self._fetch(
            f"SELECT id, vector FROM {ENTRY} WHERE collection = %s AND vector IS NOT NULL ORDER BY id",  # noqa: S608
            [collection],
        )
        ids = np.array([row[0] for row in rows], dtype=np.int64)
        if rows:
            vectors = np.vstack([np.frombuffer(bytes(row[1]), dtype="<f4") for row in rows])
        else:
            vectors = np.zeros((0, 1), dtype=np.float32)
        matrix = Matrix(version, ids, vectors)
        self._matrices[collection] = matrix
        return matrix

    def nearest(self, collection: str, query: Sequence[float], limit: int) -> list[tuple[int, float]]:
        matrix = self.matrix(collection)
        if not len(matrix.ids):
            return []
        vector = np.asarray(query, dtype=np.float32)
        if vector.shape[0] != matrix.vectors.shape[1]:
            logger.warning("Frågevektorn har %s dimensioner, indexet %s", vector.shape[0], matrix.vectors.shape[1])
            return []
        return _best(matrix.ids, matrix.vectors @ vector, limit)

    def nearest_among(
        self, collection: str, query: Sequence[float], ids: Sequence[int], limit: int
    ) -> list[tuple[int, float]]:
        """The nearest of the given entries only: a search narrowed to one statute or one organisation's library
        ranks all of it by meaning, not just what of it happens to be among the collection's nearest."""
        matrix = self.matrix(collection)
        vector = np.asarray(query, dtype=np.float32)
        if not len(matrix.ids) or not len(ids) or vector.shape[0] != matrix.vectors.shape[1]:
            return []
        wanted = np.asarray(sorted(set(ids)), dtype=np.int64)
        rows = np.searchsorted(matrix.ids, wanted)  # the matrix is ordered by id
        rows = rows[(rows < len(matrix.ids)) & (matrix.ids[np.minimum(rows, len(matrix.ids) - 1)] == wanted)]
        if not len(rows):
            return []
        return _best(matrix.ids[rows], matrix.vectors[rows] @ vector, limit)


def _best(ids: np.ndarray, scores: np.ndarray, limit: int) -> list[tuple[int, float]]:
    limit = min(limit, len(scores))
    best = np.argpartition(-scores, limit - 1)[:limit]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(int(ids[i]), float(scores[i])) for i in best]
