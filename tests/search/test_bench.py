"""``kraft bench retrieval`` indexes through the product's backend and reports comparable figures."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from kraft.search.evaluation import mrr_at, ndcg_at, recall_at

CORPUS = [
    {"id": "a", "title": "Hemtjänst", "text": "Hemtjänstinsatser planeras varje vecka av biståndshandläggare."},
    {"id": "b", "title": "Skola", "text": "Förskoleklass och skolskjuts i kommunen."},
    {"id": "c", "title": "Trafik", "text": "Kollektivtrafiken i regionen får nya busslinjer."},
    {"id": "d", "title": "Dataskydd", "text": "Personuppgiftsbehandling kräver en rättslig grund enligt 2 kap. 1 §."},
]
QUERIES = [
    {"id": "q1", "text": "Vem planerar insatser i hemtjänsten?", "relevant": ["a"]},
    {"id": "q2", "text": "bussar i kollektivtrafik", "relevant": ["c"]},
    {"id": "q3", "text": "behandling av personuppgifter", "relevant": ["d"]},
    {"id": "q4", "text": "Finns det svar?", "relevant": []},  # unanswerable: skipped
]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows), encoding="utf-8")
    return path


def run_bench(django_db_blocker: Any, **options: Any) -> dict[str, Any]:
    out = io.StringIO()
    with django_db_blocker.unblock():
        call_command("bench_retrieval", json=True, stdout=out, **options)
    return dict(json.loads(out.getvalue()))


def test_metrics_follow_their_definitions() -> None:
    assert ndcg_at(["x", "a"], frozenset({"a"})) == pytest.approx(1 / 1.5849625, rel=1e-6)
    assert mrr_at(["x", "y", "a"], frozenset({"a"})) == pytest.approx(1 / 3)
    assert recall_at(["a", "x"], frozenset({"a", "b"}), 1) == 0.5
    assert ndcg_at(["x"] * 10 + ["a"], frozenset({"a"})) == 0.0


def test_bench_reports_quality_speed_and_baselines_for_an_eval_set(tmp_path: Path, django_db_blocker: Any) -> None:
    report = run_bench(
        django_db_blocker,
        corpus=str(write_jsonl(tmp_path / "corpus.jsonl", CORPUS)),
        queries=str(write_jsonl(tmp_path / "queries.jsonl", QUERIES)),
    )
    for key in ("ndcg@10", "mrr@10", "recall@1", "recall@5", "recall@10", "queries", "docs", "index_seconds"):
        assert key in report
    assert ("query_p50_ms" in report) and ("query_p95_ms" in report) and ("peak_rss_mb" in report)
    assert (report["queries"], report["docs"]) == (3, 4)
    assert report["recall@1"] == 1.0  # compounds and stems find every answer first
    assert set(report["baselines"]) == {"bm25", "bm25_snowball"}
    assert report["baselines"]["bm25"]["recall@1"] < 1.0  # plain BM25 misses "hemtjänsten" ≠ "hemtjänstinsatser"


def test_bench_chunks_and_indexes_a_tar_of_markdown_pages(tmp_path: Path, django_db_blocker: Any) -> None:
    archive = tmp_path / "pages.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for number in range(5):
            page = f"# Sida {number} om äldreomsorgen\n\nFörsta stycket.\n\n## Bakgrund\n\nHemtjänst och omsorg.\n"
            data = page.encode()
            info = tarfile.TarInfo(f"pages/{number}.md")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    report = run_bench(django_db_blocker, corpus=str(archive))
    assert (report["pages"], report["passages"]) == (5, 10)
    assert report["pages_per_second"] > 0 and report["index_size_mb"] > 0
    assert report["lexical"]["query_p95_ms"] >= report["lexical"]["query_p50_ms"] > 0


def test_dense_modes_need_an_embedder(tmp_path: Path, django_db_blocker: Any) -> None:
    with pytest.raises(CommandError):
        run_bench(
            django_db_blocker,
            corpus=str(write_jsonl(tmp_path / "corpus.jsonl", CORPUS)),
            queries=str(write_jsonl(tmp_path / "queries.jsonl", QUERIES)),
            mode="hybrid",
        )


def test_with_an_embedder_the_bench_adds_dense_hybrid_and_the_fusion_baseline(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    embedders = {"default": {"BACKEND": "tests.search.test_embeddings.TopicEmbedder"}}
    with override_settings(EMBEDDERS=embedders):
        report = run_bench(
            django_db_blocker,
            corpus=str(write_jsonl(tmp_path / "corpus.jsonl", CORPUS)),
            queries=str(write_jsonl(tmp_path / "queries.jsonl", QUERIES)),
            mode="all",
        )
    assert {"lexical", "dense", "hybrid"} <= set(report)
    assert set(report["baselines"]) == {"bm25", "bm25_snowball", "bm25_snowball_dense_rrf"}
    assert 0.0 <= report["hybrid"]["ndcg@10"] <= 1.0
