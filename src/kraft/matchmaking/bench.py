"""``kraft bench similar``: the matching measured through the engine that serves the pages.

Corpus mode ranks a JSONL corpus for each query (its ``exclude`` ids take no part), and scores nDCG@10,
precision@5 and recall@10 next to textbook BM25 with the corpus language's Snowball stemmer, in the same run.
With an embedder, the corpus is also indexed through the search port (a throwaway SQLite file) and its dense
ranking is scored alone (the embedder baseline) and fused (the product). Pairs mode scores sentence pairs and
reports the Spearman correlation with the gold labels.

Verbatim copies: records whose text is, word for word, the query's own (beyond its ``exclude`` ids) are counted, with
how many of them the file labels relevant, and nDCG@10 is also reported with them set aside
(``ndcg@10_copies_aside``). In the Dutch dev file 212 of 325 queries have such copies (7,554 in all, 146 queries ten
or more) and none is labelled relevant, so the plain nDCG@10 mostly measures how a method orders a system's
near-copies against its exact copies; the copies-aside figure shows how it finds the other registrations. It is a
diagnostic of the file, not a different ranking: the pages show what the engine ranks.

Held-out part: a query (or pair) is held out when the SHA-1 of its id (of its two sentences) is 0 modulo 4 — a rule
fixed before looking at any result. Parameters were chosen on the other part only; both parts are reported.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kraft.matchmaking import text as analysis
from kraft.matchmaking.engine import EngineOptions, Item, Match, PairScorer, SimilarityEngine
from kraft.search.evaluation import BM25, CorpusDoc, ndcg_at, plain_tokens, recall_at, tie_aware_ndcg_at

SPLITS = ("dev", "held_out", "all")
DEPTH = 100  # how deep each ranking is read: past rank 10, so that a group of equal scores at the cut is whole
COLLECTION = "bench_similar"


@dataclass(frozen=True)
class SimilarQuery:
    id: str
    text: str
    relevant: frozenset[str]
    exclude: frozenset[str]


def read_jsonl(path: str | Path) -> Iterable[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def held_out(key: str) -> bool:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 4 == 0  # noqa: S324 - a split, not security


def split_of(key: str) -> str:
    return "held_out" if held_out(key) else "dev"


def read_queries(path: str | Path) -> list[SimilarQuery]:
    return [
        SimilarQuery(
            str(row["id"]),
            str(row["text"]),
            frozenset(str(r) for r in row.get("relevant") or []),
            frozenset(str(e) for e in row.get("exclude") or []),
        )
        for row in read_jsonl(path)
        if row.get("relevant")
    ]


def percentile(values: Sequence[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))], 2)


def precision_at(ranked: Sequence[str], relevant: frozenset[str], k: int) -> float:
    return sum(1 for key in ranked[:k] if key in relevant) / k


def verbatim_copies(items: Sequence[Item], queries: Sequence[SimilarQuery]) -> dict[str, frozenset[str]]:
    """Each query's records with word for word its text (case and spacing aside), its ``exclude`` ids left out."""
    by_text: dict[str, set[str]] = {}
    for item in items:
        by_text.setdefault(analysis.plain(item.text), set()).add(item.key)
    return {q.id: frozenset(by_text.get(analysis.plain(q.text), set()) - q.exclude) for q in queries}


def copies_summary(copies: dict[str, frozenset[str]], queries: Sequence[SimilarQuery]) -> dict[str, int]:
    return {
        "queries_with_copies": sum(1 for q in queries if copies[q.id]),
        "queries_with_10_or_more": sum(1 for q in queries if len(copies[q.id]) >= 10),
        "copies": sum(len(copies[q.id]) for q in queries),
        "copies_labelled_relevant": sum(len(copies[q.id] & q.relevant) for q in queries),
    }


def score(
    rankings: dict[str, list[tuple[str, float]]],
    queries: Sequence[SimilarQuery],
    copies: dict[str, frozenset[str]] | None = None,
) -> dict[str, dict[str, float]]:
    """The metrics of each split; the rankings hold (key, score) pairs past rank 10, for the tie-aware nDCG@10.
    With ``copies`` (``verbatim_copies``), also nDCG@10 with each query's verbatim copies set aside."""
    report: dict[str, dict[str, float]] = {}
    for split in SPLITS:
        chosen = [q for q in queries if split == "all" or split_of(q.id) == split]
        n = len(chosen) or 1
        top = {q.id: [key for key, _score in rankings[q.id][:10]] for q in chosen}
        report[split] = {
            "queries": len(chosen),
            "ndcg@10": round(sum(ndcg_at(top[q.id], q.relevant) for q in chosen) / n, 4),
            "ndcg@10_tie_aware": round(sum(tie_aware_ndcg_at(rankings[q.id], q.relevant) for q in chosen) / n, 4),
            "precision@5": round(sum(precision_at(top[q.id], q.relevant, 5) for q in chosen) / n, 4),
            "recall@10": round(sum(recall_at(top[q.id], q.relevant, 10) for q in chosen) / n, 4),
        }
        if copies is not None:
            aside = {q.id: [key for key, _score in rankings[q.id] if key not in copies[q.id]][:10] for q in chosen}
            report[split]["ndcg@10_copies_aside"] = round(sum(ndcg_at(aside[q.id], q.relevant) for q in chosen) / n, 4)
    return report


def run_queries(
    rank: Callable[[SimilarQuery], Sequence[tuple[str, float]]],
    queries: Sequence[SimilarQuery],
    copies: dict[str, frozenset[str]] | None = None,
) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """``rank`` gives (key, score) pairs, best first, ``DEPTH`` deep (the query's excluded ids are dropped here)."""
    rankings: dict[str, list[tuple[str, float]]] = {}
    latencies: list[float] = []
    for query in queries:
        started = time.perf_counter()
        rankings[query.id] = [(k, v) for k, v in rank(query) if k not in query.exclude][:DEPTH]
        latencies.append((time.perf_counter() - started) * 1000)
    return score(rankings, queries, copies), {
        "query_p50_ms": percentile(latencies, 50),
        "query_p95_ms": percentile(latencies, 95),
    }


def majority_language(items: Sequence[Item]) -> str:
    return Counter(item.language for item in items).most_common(1)[0][0] if items else "sv"


def bm25_baseline(docs: Sequence[CorpusDoc], language: str) -> BM25:
    """Textbook BM25 (k1 = 1.2, b = 0.75) with the language's Snowball stemmer and nothing else."""
    import Stemmer

    stemmer = Stemmer.Stemmer({"sv": "swedish", "nl": "dutch", "en": "english"}[language])
    return BM25(docs, lambda text: list(stemmer.stemWords(plain_tokens(text))))


def corpus_report(
    corpus: str | Path,
    queries_path: str | Path,
    *,
    language: str = "auto",
    dense_index: Callable[[Sequence[Item]], Callable[[str, int], list[tuple[str, float]]]] | None = None,
    options: EngineOptions | None = None,
) -> dict[str, Any]:
    rows = list(read_jsonl(corpus))
    items = [
        Item(str(r["id"]), f"{r.get('title') or ''}\n{r.get('text') or ''}".strip(), _language(r, language))
        for r in rows
    ]
    queries = read_queries(queries_path)
    report: dict[str, Any] = {
        "corpus": str(corpus),
        "documents": len(items),
        "queries": len(queries),
        "languages": dict(Counter(item.language for item in items)),
        "held_out_rule": "sha1(query id) % 4 == 0",
    }
    copies = verbatim_copies(items, queries)
    report["verbatim_copies"] = copies_summary(copies, queries)
    started = time.perf_counter()
    lexical = SimilarityEngine(items, options=options)
    report["index_seconds"] = round(time.perf_counter() - started, 2)
    main = majority_language(items)
    baseline = bm25_baseline([CorpusDoc(i.key, i.text) for i in items], main)
    report[f"baseline_bm25_{main}_stemming"], _ = run_queries(
        lambda q: baseline.scored_search(q.text, DEPTH + 1), queries, copies
    )
    scores, timing = run_queries(
        lambda q: scored(lexical.rank(q.text, None, exclude=q.exclude, limit=DEPTH)), queries, copies
    )
    report["kraft_lexical"] = {**scores, **timing}
    if dense_index is not None:
        started = time.perf_counter()
        dense = dense_index(items)
        report["embed_index_seconds"] = round(time.perf_counter() - started, 2)
        report["baseline_embedder_alone"], _ = run_queries(lambda q: dense(q.text, DEPTH + 1), queries, copies)
        hybrid = SimilarityEngine(items, dense=dense, options=options)
        hybrid.index = lexical.index  # same analysis and neighbour cache
        scores, timing = run_queries(
            lambda q: scored(hybrid.rank(q.text, None, exclude=q.exclude, limit=DEPTH)), queries, copies
        )
        report["kraft_hybrid"] = {**scores, **timing}
    return report


def scored(matches: Sequence[Match]) -> list[tuple[str, float]]:
    return [(match.key, match.score) for match in matches]


def _language(row: dict[str, Any], language: str) -> str:
    if language != "auto":
        return language
    if row.get("language") in analysis.LANGUAGES:
        return str(row["language"])
    if row.get("country"):
        return analysis.language_of_country(str(row["country"]))
    return analysis.guess_language(str(row.get("text") or ""))


# ------------------------------------------------------------------ sentence pairs


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    def ranks(values: Sequence[float]) -> list[float]:
        order = sorted(range(len(values)), key=lambda i: values[i])
        result = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                result[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return result

    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sx = math.sqrt(sum((a - mx) ** 2 for a in rx))
    sy = math.sqrt(sum((b - my) ** 2 for b in ry))
    return round(cov / (sx * sy), 4) if sx and sy else 0.0


def pairs_report(
    path: str | Path, *, embed: Callable[[list[str]], list[list[float]]] | None = None, language: str = "sv"
) -> dict[str, Any]:
    pairs = [(str(r["sentence_1"]), str(r["sentence_2"]), float(r["label"])) for r in read_jsonl(path)]
    sentences = sorted({s for a, b, _ in pairs for s in (a, b)})
    scorer = PairScorer(sentences, language)
    splits = {
        name: [i for i, (a, b, _) in enumerate(pairs) if name == "all" or split_of(a + "\n" + b) == name]
        for name in SPLITS
    }
    report: dict[str, Any] = {"pairs": len(pairs), "held_out_rule": "sha1(sentence_1 + newline + sentence_2) % 4 == 0"}
    labels = [label for _, _, label in pairs]
    lexical = [scorer.lexical(a, b) for a, b, _ in pairs]
    report["kraft_lexical"] = {
        name: spearman([lexical[i] for i in idx], [labels[i] for i in idx]) for name, idx in splits.items()
    }
    if embed is not None:
        started = time.perf_counter()
        vectors = dict(zip(sentences, embed(sentences), strict=True))
        report["embed_seconds"] = round(time.perf_counter() - started, 1)
        cosines = [sum(x * y for x, y in zip(vectors[a], vectors[b], strict=True)) for a, b, _ in pairs]
        report["baseline_embedder_cosine"] = {
            name: spearman([cosines[i] for i in idx], [labels[i] for i in idx]) for name, idx in splits.items()
        }
        fused = [scorer.score(a, b, cosine) for (a, b, _), cosine in zip(pairs, cosines, strict=True)]
        report["kraft_hybrid"] = {
            name: spearman([fused[i] for i in idx], [labels[i] for i in idx]) for name, idx in splits.items()
        }
    return report


def feedback_summary() -> dict[str, Any]:
    """What people marked on the pages: useful / not useful per kind of suggestion."""
    from django.db import DatabaseError
    from django.db.models import Count, Q

    from kraft.matchmaking.models import SuggestionFeedback

    query = SuggestionFeedback.objects.values("target_kind").annotate(
        marked_useful=Count("pk", filter=Q(useful=True)), marked_not_useful=Count("pk", filter=Q(useful=False))
    )
    try:
        rows = list(query)
    except DatabaseError:  # a database without Kraft's tables (run `kraft manage migrate` first)
        return {"by_kind": {}, "marked": 0, "share_useful": None, "note": "ingen databas med omdömen"}
    summary = {r["target_kind"]: {"useful": r["marked_useful"], "not_useful": r["marked_not_useful"]} for r in rows}
    total_useful = sum(v["useful"] for v in summary.values())
    total = total_useful + sum(v["not_useful"] for v in summary.values())
    return {"by_kind": summary, "marked": total, "share_useful": round(total_useful / total, 3) if total else None}
