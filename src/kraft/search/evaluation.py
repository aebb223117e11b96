"""Retrieval evaluation: metrics, the files of ``shared/data/eval``, and in-memory BM25 baselines.

The baselines (plain BM25, BM25 with Snowball stemming) are scored by the same metric code as the product's
backends, in the same run, so "beats BM25 with stemming" is measured rather than claimed.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import Stemmer

from kraft.search import okapi

CUTOFFS = (1, 5, 10)


@dataclass(frozen=True)
class CorpusDoc:
    id: str
    text: str
    title: str = ""


@dataclass(frozen=True)
class EvalQuery:
    id: str
    text: str
    relevant: frozenset[str] = field(default_factory=frozenset)


def read_jsonl(path: str | Path) -> Iterable[dict[str, object]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def read_corpus(path: str | Path) -> list[CorpusDoc]:
    return [CorpusDoc(str(r["id"]), str(r.get("text") or ""), str(r.get("title") or "")) for r in read_jsonl(path)]


def read_queries(path: str | Path) -> list[EvalQuery]:
    """Queries with at least one relevant document (the others are skipped by the retrieval metrics)."""
    queries = []
    for row in read_jsonl(path):
        relevant = row.get("relevant") or []
        assert isinstance(relevant, list)
        if relevant:
            queries.append(EvalQuery(str(row["id"]), str(row["text"]), frozenset(str(r) for r in relevant)))
    return queries


def ndcg_at(ranked: Sequence[str], relevant: frozenset[str], k: int = 10) -> float:
    gain = sum(1.0 / math.log2(rank + 2) for rank, key in enumerate(ranked[:k]) if key in relevant)
    ideal = sum(1.0 / math.log2(rank + 2) for rank in range(min(k, len(relevant))))
    return gain / ideal if ideal else 0.0


def tie_aware_ndcg_at(ranked: Sequence[tuple[str, float]], relevant: frozenset[str], k: int = 10) -> float:
    """nDCG@k averaged over every order of the records that score the same (McSherry and Najork, ECIR 2008): each
    rank a group of equal scores spans gets the group's share of relevant records. ``ranked`` must reach past rank
    k far enough to hold the whole group at the cut. Identical texts score the same, so a plain nDCG@k would
    depend on how the ranking happens to order them (by key, here)."""
    gain = 0.0
    start = 0
    while start < min(k, len(ranked)):
        end = start
        while end < len(ranked) and ranked[end][1] == ranked[start][1]:
            end += 1
        share = sum(1 for key, _ in ranked[start:end] if key in relevant) / (end - start)
        gain += share * sum(1.0 / math.log2(rank + 2) for rank in range(start, min(end, k)))
        start = end
    ideal = sum(1.0 / math.log2(rank + 2) for rank in range(min(k, len(relevant))))
    return gain / ideal if ideal else 0.0


def mrr_at(ranked: Sequence[str], relevant: frozenset[str], k: int = 10) -> float:
    for rank, key in enumerate(ranked[:k]):
        if key in relevant:
            return 1.0 / (rank + 1)
    return 0.0


def recall_at(ranked: Sequence[str], relevant: frozenset[str], k: int) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


def score_run(rankings: Mapping[str, Sequence[str]], queries: Sequence[EvalQuery]) -> dict[str, float]:
    """Mean nDCG@10, MRR@10 and recall@1/5/10 over the queries (a missing ranking counts as empty)."""
    n = len(queries) or 1
    totals: dict[str, float] = defaultdict(float)
    for query in queries:
        ranked = rankings.get(query.id, [])
        totals["ndcg@10"] += ndcg_at(ranked, query.relevant)
        totals["mrr@10"] += mrr_at(ranked, query.relevant)
        for k in CUTOFFS:
            totals[f"recall@{k}"] += recall_at(ranked, query.relevant, k)
    return {name: round(value / n, 4) for name, value in totals.items()}


_WORD = re.compile(r"\w+")


def plain_tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def stemmed_tokenizer() -> Callable[[str], list[str]]:
    stemmer = Stemmer.Stemmer("swedish")

    def tokens(text: str) -> list[str]:
        return list(stemmer.stemWords(plain_tokens(text)))

    return tokens


class BM25:
    """Okapi BM25 in memory (k1 = 1.2, b = 0.75): the textbook baseline, nothing tuned."""

    def __init__(
        self, docs: Sequence[CorpusDoc], tokenize: Callable[[str], list[str]], k1: float = 1.2, b: float = 0.75
    ) -> None:
        self.tokenize = tokenize
        self.ids = [d.id for d in docs]
        self.index = okapi.BM25([Counter(tokenize(f"{doc.title} {doc.text}")) for doc in docs], k1, b)

    def search(self, text: str, k: int = 10) -> list[str]:
        return [key for key, _score in self.scored_search(text, k)]

    def scored_search(self, text: str, k: int = 10) -> list[tuple[str, float]]:
        scores = self.index.scores(dict.fromkeys(self.tokenize(text), 1.0))
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [(self.ids[index], score) for index, score in best]


def baseline_runs(
    docs: Sequence[CorpusDoc], queries: Sequence[EvalQuery], dense: Mapping[str, Sequence[str]] | None = None
) -> dict[str, dict[str, float]]:
    """Plain BM25 and BM25 with Snowball stemming; with ``dense`` rankings (the embedder's, 100 deep) also their
    textbook fusion with BM25+Snowball (reciprocal-rank fusion, k = 60, equal weights)."""
    results = {}
    for name, tokenize in (("bm25", plain_tokens), ("bm25_snowball", stemmed_tokenizer())):
        index = BM25(docs, tokenize)
        depth = 100 if dense is not None and name == "bm25_snowball" else 10
        rankings = {q.id: index.search(q.text, depth) for q in queries}
        results[name] = score_run(rankings, queries)
        if dense is not None and name == "bm25_snowball":
            fused = {q.id: rrf([rankings[q.id], dense.get(q.id, [])]) for q in queries}
            results["bm25_snowball_dense_rrf"] = score_run(fused, queries)
    return results


def rrf(rankings: Sequence[Sequence[str]], k: int = 60, weights: Sequence[float] | None = None) -> list[str]:
    """Reciprocal-rank fusion of several rankings."""
    scores: dict[str, float] = defaultdict(float)
    for position, ranking in enumerate(rankings):
        weight = weights[position] if weights else 1.0
        for rank, key in enumerate(ranking):
            scores[key] += weight / (k + rank + 1)
    return [key for key, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))]
