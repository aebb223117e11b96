"""``kraft bench similar`` runs the engine of the pages on evaluation files and prints JSON with its baseline."""

from __future__ import annotations

import io
import json
import math

import pytest
from django.core.management import call_command

from kraft.matchmaking.bench import held_out, spearman
from kraft.search.evaluation import ndcg_at, tie_aware_ndcg_at

pytestmark = pytest.mark.django_db


def _write(path, rows) -> str:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return str(path)


def _run(*args: str) -> dict:
    out = io.StringIO()
    call_command("bench_similar", *args, "--json", "--mode", "lexical", stdout=out)
    return json.loads(out.getvalue())


def test_corpus_mode_removes_excluded_ids_and_prints_metrics_with_the_bm25_baseline(tmp_path) -> None:
    corpus = _write(
        tmp_path / "corpus.jsonl",
        [
            {"id": "a", "text": "Gezichtsvergelijking aan de balie van de BRP tegen identiteitsfraude."},
            {
                "id": "b",
                "text": "De baliemedewerker vergelijkt het gezicht met de foto in het identiteitsdocument (BRP).",
            },
            {"id": "c", "text": "Een chatbot beantwoordt vragen van inwoners over afval en parkeren."},
            {"id": "d", "text": "Het algoritme voorspelt de drukte in het zwembad."},
        ],
    )
    queries = _write(
        tmp_path / "queries.jsonl",
        [
            {
                "id": "qa",
                "text": "Gezichtsvergelijking aan de balie van de BRP tegen identiteitsfraude.",
                "relevant": ["b"],
                "exclude": ["a"],
            }
        ],
    )
    report = _run("--corpus", corpus, "--queries", queries)
    similar = report["similar"]
    assert similar["languages"] == {"nl": 4}
    assert similar["kraft_lexical"]["all"]["ndcg@10"] == 1.0  # "a" would be first if it were not excluded
    assert similar["kraft_lexical"]["all"]["precision@5"] == 0.2
    metrics = {"queries", "ndcg@10", "ndcg@10_tie_aware", "ndcg@10_copies_aside", "precision@5", "recall@10"}
    assert set(similar["baseline_bm25_nl_stemming"]["all"]) == metrics
    assert "query_p95_ms" in similar["kraft_lexical"]
    assert report["feedback"]["marked"] == 0


def test_corpus_mode_counts_verbatim_copies_of_a_query_and_scores_with_them_set_aside(tmp_path) -> None:
    text = "Het algoritme attendeert verzenders van een e-mail op gevoelige informatie."
    corpus = _write(
        tmp_path / "corpus.jsonl",
        [
            {"id": "own", "text": text},
            {"id": "copy", "text": "  " + text.upper()},  # case and spacing aside, the same words
            {"id": "variant", "text": "Het algoritme attendeert de verzender van een e-mail op gevoelige informatie."},
            {"id": "other", "text": "Een chatbot beantwoordt vragen van inwoners over afval."},
        ],
    )
    queries = _write(
        tmp_path / "queries.jsonl",
        [{"id": "q", "text": text, "relevant": ["variant"], "exclude": ["own"]}],
    )
    similar = _run("--corpus", corpus, "--queries", queries)["similar"]
    assert similar["verbatim_copies"] == {
        "queries_with_copies": 1,
        "queries_with_10_or_more": 0,
        "copies": 1,
        "copies_labelled_relevant": 0,
    }
    lexical = similar["kraft_lexical"]["all"]
    assert lexical["ndcg@10"] < 1.0  # the copy matches best and is not labelled relevant
    assert lexical["ndcg@10_copies_aside"] == 1.0


def test_pairs_mode_prints_the_spearman_correlation(tmp_path) -> None:
    pairs = _write(
        tmp_path / "pairs.jsonl",
        [
            {"sentence_1": "En man spelar gitarr.", "sentence_2": "En man spelar på en gitarr.", "label": 4.8},
            {"sentence_1": "En kvinna skär lök.", "sentence_2": "En kvinna hackar lök.", "label": 3.5},
            {"sentence_1": "Ett barn rider på en häst.", "sentence_2": "En man lagar mat.", "label": 0.2},
        ],
    )
    report = _run("--pairs", pairs)
    assert report["pairs"]["kraft_lexical"]["all"] == 1.0
    assert "baseline_embedder_cosine" not in report["pairs"]


def test_the_held_out_rule_and_spearman_are_fixed_functions() -> None:
    assert spearman([1, 2, 3], [10, 20, 30]) == 1.0 and spearman([1, 2, 3], [3, 2, 1]) == -1.0
    assert sum(held_out(f"q{i}") for i in range(1000)) in range(200, 300)


def test_records_with_equal_scores_share_their_gain_whatever_order_they_came_in() -> None:
    # two identical texts tie at ranks 1 and 2, one of them relevant: each rank gets half a hit, in either order
    relevant = frozenset({"b"})
    for ranked in ([("a", 0.9), ("b", 0.9), ("c", 0.5)], [("b", 0.9), ("a", 0.9), ("c", 0.5)]):
        assert tie_aware_ndcg_at(ranked, relevant) == pytest.approx((0.5 + 0.5 / 1.5849625) / 1.0)
    # without ties it is the plain nDCG@10
    plain = [("a", 0.9), ("b", 0.8), ("c", 0.5)]
    assert tie_aware_ndcg_at(plain, relevant) == pytest.approx(ndcg_at(["a", "b", "c"], relevant))
    # a group that straddles the cut counts only its ranks above it
    group = [(f"k{i}", 1.0) for i in range(20)]
    assert tie_aware_ndcg_at(group, frozenset({"k19"})) == pytest.approx(
        sum(1 / 20 / math.log2(r + 2) for r in range(10))
    )
