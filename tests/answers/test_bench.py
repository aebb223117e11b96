"""``kraft bench answers`` end to end on a tiny corpus, through the real command line (its own throwaway database)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CORPUS = [
    {
        "id": "p1",
        "title": "Normandie",
        "text": "Normannerna gav sitt namn åt Normandie, en region i Frankrike. "
        "De kom från Danmark, Island och Norge under 900-talet.",
    },
    {
        "id": "p2",
        "title": "Kablar",
        "text": "Kabeln lades ut år 1858 mellan Irland och Newfoundland. Den slutade fungera efter tre veckor.",
    },
]
QUESTIONS = [
    {"id": "q1", "text": "Varifrån kom normannerna?", "answers": ["Danmark"], "relevant": ["p1"]},
    {"id": "q2", "text": "När lades kabeln ut?", "answers": ["1858"], "relevant": ["p2"]},
    {"id": "q3", "text": "Vilken färg har månen på Mars?", "answers": [], "relevant": []},
]


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def test_bench_answers_prints_every_figure_as_json(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", CORPUS)
    questions = write_jsonl(tmp_path / "questions.jsonl", QUESTIONS)
    env = {**os.environ, "KRAFT_DATA_DIR": str(tmp_path / "data"), "KRAFT_DATABASE_URL": ""}
    env.pop("KRAFT_DATABASE_URL")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kraft.cli",
            "bench",
            "answers",
            "--corpus",
            str(corpus),
            "--questions",
            str(questions),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)

    for key in (
        "passage_recall@5",
        "passage_recall@1",
        "mrr@10",
        "answer_support",
        "abstain_precision",
        "abstain_recall",
        "citation_validity",
        "p50_ms",
        "p95_ms",
    ):
        assert key in report
    assert report["passage_recall@5"] == 1.0
    assert report["passage_recall@1"] == 1.0 and report["mrr@10"] == 1.0
    assert report["candidate_recall"] == 1.0 and report["document_recall@5"] == 1.0
    assert report["answer_support"] == 1.0
    assert report["citation_validity"] == 1.0
    assert report["abstain_recall"] == 1.0
    assert report["corpus"]["passages"] == 2
    assert not (tmp_path / "data" / "kraft.sqlite3").exists()  # the real database was never touched


def test_bench_answers_learn_lets_simulated_askers_name_the_right_source_first(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", CORPUS)
    questions = write_jsonl(
        tmp_path / "questions.jsonl",
        [
            {"id": "q1", "text": "Varifrån kom vikingarna till Normandie?", "answers": ["Danmark"], "relevant": ["p1"]},
            {"id": "q2", "text": "När lades kabeln ut?", "answers": ["1858"], "relevant": ["p2"]},
        ],
    )
    env = {key: value for key, value in os.environ.items() if key != "KRAFT_DATABASE_URL"}
    env["KRAFT_DATA_DIR"] = str(tmp_path / "data")
    command = [sys.executable, "-m", "kraft.cli", "bench", "answers", "--corpus", str(corpus)]
    command += ["--questions", str(questions), "--json", "--fresh", "--learn"]

    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)

    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    # three askers put the odd half's one question and each named its source; *vikingarna* is the word p1 lacked
    assert report["learning"] == {"askers": 3, "questions": 1, "sources_named": 3, "words_learnt": 3}
    assert report["passage_recall@1"] == 1.0
