"""Okapi BM25 in memory, over term counts someone else has analysed.

For small collections scored in Python: the textbook baselines of the benchmarks (``kraft.search.evaluation``) and
the statutes' tables of contents (``kraft.knowledge.answers.contents``). The search backends score BM25 in SQL.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence


class BM25:
    """BM25 with k1 = 1.2, b = 0.75 and the non-negative IDF log(1 + (N − df + 0.5) / (df + 0.5))."""

    def __init__(self, documents: Sequence[Counter[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.lengths: list[int] = []
        for index, counts in enumerate(documents):
            self.lengths.append(sum(counts.values()))
            for term, tf in counts.items():
                self.postings[term].append((index, tf))
        self.average = sum(self.lengths) / max(1, len(self.lengths))

    def __len__(self) -> int:
        return len(self.lengths)

    def scores(self, terms: Mapping[str, float]) -> dict[int, float]:
        """Each document's score (by position) for weighted query terms; documents sharing none are left out."""
        scores: dict[int, float] = defaultdict(float)
        n = len(self.lengths)
        for term, weight in terms.items():
            postings = self.postings.get(term)
            if not postings:
                continue
            idf = math.log(1 + (n - len(postings) + 0.5) / (len(postings) + 0.5))
            for index, tf in postings:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[index] / self.average)
                scores[index] += weight * idf * tf * (self.k1 + 1) / (tf + norm)
        return dict(scores)
