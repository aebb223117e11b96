"""The similarity engine behind every suggestion and the ``kraft bench similar`` benchmark.

Lexical part: cosine similarity of TF-IDF vectors over language-aware terms (``text.terms``; log-scaled term
frequencies, smoothed IDF), and *neighbour propagation*: the documents most similar to the query lend part of their
own similarity to their neighbours, so that a record phrased differently from the query but close to its best
matches still rises (records of the same system, written by different organisations, cluster this way).
Dense part, when an embedder is configured: the search port's dense search with each record's cosine similarity,
fused with the lexical score: both scaled to 0–1 over the candidates (lexical by its best score over its 200 best,
dense between the 50th and the best similarity) and added with ``lexical_share``. Fusing the scores keeps how much
better one record is than the next, which reciprocal-rank fusion throws away (on the dev part of the Dutch set,
with BM25 as the lexical part: nDCG@10 0.356 with rank fusion, 0.398 with score fusion). The dense side is cut at
its 50 nearest because an embedder's cosines lie close together: scaled over 200, the 150 beyond the nearest 50
still took a share of the fused score that said little (Dutch set: hybrid nDCG@10 0.387 → 0.394, its held-out part
0.357 → 0.371; any depth from 40 to 75 gives the same, 100 or more the old figure). The dense side is propagated
like the lexical side, with the same options: the embedder's nearest records lend their lexical neighbours part of
their similarity, so the other registrations of a system the embedder placed near the query rise with it (Dutch
set, tie-aware nDCG@10: dev part 0.406 → 0.425, held-out part 0.368 → 0.388; any propagation from 0.3 to 0.8
gives about the same, 1.0 lets the lenders' neighbours crowd out the query's own matches). All parameters are in
``EngineOptions`` and were chosen on the development part of the dev files only (see README, "kraft bench similar").

What those figures measure, found later: the Dutch file labels none of a query's verbatim copies relevant, and most
of the gain from propagation is in how it orders them. A lender does not lend to itself, so ten or fewer exact copies
at the top fall below the near-copies they lend to. With each query's copies set aside (``ndcg@10_copies_aside``),
propagation moves nDCG@10 only from 0.587 to 0.590 (dev part), and BM25, this engine, e5-small alone and the hybrid
all lie between 0.578 and 0.583 over the whole file.

Why cosine and not BM25: a query here is a whole description compared with other whole descriptions, so the
similarity should be symmetric and blind to length, and two records of one system mostly share their wording.
BM25 treats the query as a bag of keywords and corrects for a record's length only in part, so a long record that
contains many of them outranks a short one that says the same. On the dev part of the Dutch set cosine gives
nDCG@10 0.324 against BM25's 0.314 (held-out part 0.304 against 0.290), with the lenders sharpened from 3 to 5
(cosine's scores lie closer together; 4 to 6 give the same).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from kraft.matchmaking import text as analysis

DenseRanker = Callable[[str, int], list[tuple[str, float]]]  # (query text, depth) → (key, cosine), best first


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    language: str = "sv"


@dataclass(frozen=True)
class EngineOptions:
    neighbours: int = 10  # how many of the best matches lend their similarity
    propagation: float = 0.5  # how much they lend
    sharpness: float = 5.0  # lenders weighted by (their normalised score) ** sharpness
    candidates: int = 200  # depth of the lexical ranking before fusion
    dense_candidates: int = 50  # depth of the dense ranking: its similarity is scaled between the best and this one
    lexical_share: float = 0.6  # the lexical score's share of the fused score (the dense score has the rest)


@dataclass(frozen=True)
class Match:
    key: str
    score: float
    lexical_rank: int | None = None
    dense_rank: int | None = None
    shared_terms: tuple[str, ...] = ()


def item_terms(item: Item) -> Counter[str]:
    return Counter(analysis.terms(item.text, item.language))


def term_weight(tf: int) -> float:
    """A term's count, log-scaled: the tenth mention adds less than the second."""
    return 1 + math.log(tf)


def smoothed_idf(documents: int, frequency: int) -> float:
    """Smoothed, so a term of every record still counts a little and an unseen one the most."""
    return math.log((documents + 1) / (frequency + 1)) + 1


class LexicalIndex:
    """TF-IDF vectors in memory over pre-analysed items, compared by cosine; built once per corpus version."""

    def __init__(self, items: Sequence[Item], analysed: Callable[[Item], Counter[str]] | None = None) -> None:
        self.keys = [item.key for item in items]
        self.position = {key: i for i, key in enumerate(self.keys)}
        count = analysed or item_terms
        self.counts: list[Counter[str]] = [count(item) for item in items]
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for index, counts in enumerate(self.counts):
            for term, tf in counts.items():
                self.postings[term].append((index, term_weight(tf)))
        self.norms = [self._norm(counts) for counts in self.counts]
        self._neighbours: dict[int, dict[int, float]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def idf(self, term: str) -> float:
        return smoothed_idf(len(self.keys), len(self.postings.get(term, ())))

    def _norm(self, counts: Counter[str]) -> float:
        return math.sqrt(sum((term_weight(tf) * self.idf(term)) ** 2 for term, tf in counts.items())) or 1.0

    def query_weights(self, counts: Counter[str]) -> dict[str, float]:
        """The query's unit TF-IDF vector, its term frequencies log-scaled like a record's."""
        norm = self._norm(counts)
        return {term: term_weight(tf) * self.idf(term) / norm for term, tf in counts.items()}

    def scores(self, weights: dict[str, float]) -> dict[int, float]:
        """Cosine of the query vector with every record that shares a term with it."""
        scores: dict[int, float] = defaultdict(float)
        for term, weight in weights.items():
            postings = self.postings.get(term)
            if not postings:
                continue
            idf = self.idf(term) * weight
            for index, tf in postings:
                scores[index] += idf * tf / self.norms[index]
        return scores

    def neighbours(self, index: int) -> dict[int, float]:
        """Similarity of every other item to item ``index``, scaled so the nearest is 1 (cached)."""
        found = self._neighbours.get(index)
        if found is None:
            raw = self.scores(self.query_weights(self.counts[index]))
            raw.pop(index, None)
            top = max(raw.values(), default=0.0) or 1.0
            found = {other: value / top for other, value in raw.items()}
            self._neighbours[index] = found
        return found


class SimilarityEngine:
    def __init__(
        self,
        items: Sequence[Item],
        *,
        dense: DenseRanker | None = None,
        options: EngineOptions | None = None,
        analysed: Callable[[Item], Counter[str]] | None = None,
    ) -> None:
        self.options = options or EngineOptions()
        self.items = list(items)
        self.index = LexicalIndex(self.items, analysed)
        self.dense = dense

    def lexical_scores(self, text: str, language: str, exclude: Iterable[str] = ()) -> dict[int, float]:
        """Cosine with neighbour propagation; excluded keys take no part (neither as results nor as lenders)."""
        excluded = {self.index.position[k] for k in exclude if k in self.index.position}
        raw = self.index.scores(self.index.query_weights(Counter(analysis.terms(text, language))))
        for index in excluded:
            raw.pop(index, None)
        if not raw:
            return {}
        top = max(raw.values()) or 1.0
        return self.propagate({index: value / top for index, value in raw.items()}, excluded)

    def propagate(self, scores: dict[int, float], excluded: set[int]) -> dict[int, float]:
        """``scores`` (the best is 1) with what the best ``neighbours`` of them lend their own lexical neighbours:
        ``propagation`` × (the lender's score) ** ``sharpness`` × the neighbour's similarity to it. Ties among the
        lenders keep the order ``scores`` came in."""
        options = self.options
        final = dict(scores)
        lenders = sorted(scores.items(), key=lambda item: -item[1])[: options.neighbours]
        for lender, value in lenders:
            weight = options.propagation * value**options.sharpness
            if weight <= 0:
                continue
            for other, similarity in self.index.neighbours(lender).items():
                if other not in excluded:
                    final[other] = final.get(other, 0.0) + weight * similarity
        return final

    def dense_scores(self, nearest: Sequence[tuple[str, float]], excluded: set[int]) -> dict[str, float]:
        """The dense side as the lexical side: the similarities scaled between the deepest and the best of
        ``nearest`` (0–1), propagated over the lexical neighbours the same way, scaled by the best again and cut at
        ``candidates``. A record the dense side puts near the top lends to the records written like it, so a
        system's other registrations rise even when the embedder placed only one of them near the query."""
        if not nearest:
            return {}
        best, deepest = nearest[0][1], nearest[-1][1]
        scaled = {key: (value - deepest) / (best - deepest) if best > deepest else 1.0 for key, value in nearest}
        known = {self.index.position[key]: value for key, value in scaled.items() if key in self.index.position}
        spread = {self.index.keys[i]: value for i, value in self.propagate(known, excluded).items()}
        for key, value in scaled.items():
            spread.setdefault(key, value)  # a record the lexical index does not hold keeps its own similarity
        top = max(spread.values()) or 1.0
        ordered = sorted(spread.items(), key=lambda item: (-item[1], item[0]))[: self.options.candidates]
        return {key: value / top for key, value in ordered}

    def rank(
        self, text: str, language: str | None = None, *, exclude: Iterable[str] = (), limit: int = 10
    ) -> list[Match]:
        language = language or analysis.guess_language(text)
        excluded = set(exclude)
        lexical = self.lexical_scores(text, language, excluded)
        depth = max(limit, self.options.candidates)
        lexical_keys = [self.index.keys[i] for i, _ in sorted(lexical.items(), key=lambda x: (-x[1], x[0]))[:depth]]
        dense_keys: list[str] = []
        dense: dict[str, float] = {}
        if self.dense is not None:
            dense_depth = self.options.dense_candidates  # not ``limit``: a longer list must not change the scaling
            found = self.dense(text, dense_depth + len(excluded))
            nearest = [(k, v) for k, v in found if k not in excluded][:dense_depth]
            dense_keys = [key for key, _ in nearest]
            positions = {self.index.position[k] for k in excluded if k in self.index.position}
            dense = self.dense_scores(nearest, positions)
        if dense:
            by_key = {self.index.keys[i]: value for i, value in lexical.items()}
            fused = fuse_scores(by_key, lexical_keys, dense, self.options.lexical_share)
        else:
            fused = {key: lexical[self.index.position[key]] for key in lexical_keys}
        lexical_rank = {key: rank for rank, key in enumerate(lexical_keys)}
        dense_rank = {key: rank for rank, key in enumerate(dense_keys)}
        query_terms = set(analysis.terms(text, language))
        ordered = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [
            Match(
                key=key,
                score=round(score, 6),
                lexical_rank=lexical_rank.get(key),
                dense_rank=dense_rank.get(key),
                shared_terms=self.shared_terms(query_terms, key),
            )
            for key, score in ordered
        ]

    def shared_terms(self, query_terms: set[str], key: str, limit: int = 5) -> tuple[str, ...]:
        """The rarest terms the query and the item share (the "same words" reason)."""
        position = self.index.position.get(key)
        if position is None:
            return ()
        shared = [t for t in self.index.counts[position] if t in query_terms and len(t) > 2]
        shared.sort(key=lambda t: (-self.index.idf(t), t))
        return tuple(shared[:limit])


def fuse_scores(
    lexical: dict[str, float], lexical_keys: Sequence[str], dense: dict[str, float], share: float
) -> dict[str, float]:
    """``share`` × lexical score (scaled by the best) + (1 − ``share``) × dense score (``dense_scores``: 0–1), over
    the union of both candidate lists."""
    top = max(lexical.values(), default=0.0) or 1.0
    keys = dict.fromkeys([*lexical_keys, *dense])
    return {key: share * lexical.get(key, 0.0) / top + (1 - share) * dense.get(key, 0.0) for key in keys}


# ------------------------------------------------------------------ sentence pairs


@dataclass
class PairScorer:
    """Similarity of two short texts: TF-IDF cosine over language-aware terms (IDF from the texts at hand),
    blended with the embedder's cosine when vectors are given."""

    texts: Sequence[str]
    language: str = "sv"
    dense_weight: float = 1.0
    lexical_weight: float = 0.35
    _idf: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        document_frequency: Counter[str] = Counter()
        for text in self.texts:
            document_frequency.update(set(analysis.terms(text, self.language)))
        n = max(1, len(self.texts))
        self._idf = {term: smoothed_idf(n, df) for term, df in document_frequency.items()}

    def _vector(self, text: str) -> dict[str, float]:
        counts = Counter(analysis.terms(text, self.language))
        vector = {t: term_weight(tf) * self._idf.get(t, 1.0) for t, tf in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def lexical(self, a: str, b: str) -> float:
        va, vb = self._vector(a), self._vector(b)
        return sum(weight * vb.get(term, 0.0) for term, weight in va.items())

    def score(self, a: str, b: str, cosine: float | None = None) -> float:
        lexical = self.lexical(a, b)
        if cosine is None:
            return lexical
        return self.dense_weight * cosine + self.lexical_weight * lexical
