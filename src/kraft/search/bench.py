"""The retrieval benchmark behind ``kraft bench retrieval``: quality on evaluation files, speed on a page corpus.

Documents go through the product's own backend (the one ``SEARCH_BACKENDS`` names, by default into a throwaway
SQLite file so the benchmark never touches real data), and are scored with ``kraft.search.evaluation``.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import tarfile
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.utils.module_loading import import_string

from kraft.search.backends import backend_path
from kraft.search.backends.base import DatabaseSearchBackend
from kraft.search.chunking import chunk_markdown, page_title
from kraft.search.documents import SearchDocument, SearchQuery, Viewer
from kraft.search.evaluation import CorpusDoc, EvalQuery, baseline_runs, score_run

COLLECTION = "bench"
STAFF = Viewer(is_staff=True)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def percentile(values: Sequence[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))], 2)


@contextlib.contextmanager
def throwaway_sqlite() -> Iterator[str]:
    """A temporary SQLite database with the search tables, as database alias ``kraft_bench``."""
    alias = "kraft_bench"
    folder = tempfile.mkdtemp(prefix="kraft-bench-")
    path = Path(folder) / "bench.sqlite3"
    connections.settings[alias] = connections.configure_settings(
        {
            "default": dict(connections.settings["default"]),
            alias: {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(path),
                "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"},
            },
        }
    )[alias]
    try:
        call_command("migrate", "search", database=alias, verbosity=0)
        yield alias
    finally:
        connections[alias].close()
        del connections.settings[alias]
        with contextlib.suppress(AttributeError):
            delattr(connections._connections, alias)  # type: ignore[attr-defined]
        shutil.rmtree(folder, ignore_errors=True)


def make_backend(name: str, database: str) -> DatabaseSearchBackend:
    config: dict[str, Any] = dict(settings.SEARCH_BACKENDS[name])
    options = {**dict(config.get("OPTIONS") or {}), "DATABASE": database}
    path = backend_path({**config, "OPTIONS": options})
    backend: DatabaseSearchBackend = import_string(path)(name, options)
    return backend


def database_size_mb(database: str) -> float:
    connection = connections[database]
    if connection.vendor == "sqlite":
        name = Path(str(connection.settings_dict["NAME"]))
        return round(sum(p.stat().st_size for p in name.parent.glob(name.name + "*")) / 1e6, 1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('search_searchentry') + pg_total_relation_size('search_searchattribute')"
        )
        return round(int(cursor.fetchone()[0]) / 1e6, 1)


def timed_search(backend: DatabaseSearchBackend, text: str, *, mode: str, snippets: bool) -> tuple[list[str], float]:
    return timed_search_cpu(backend, text, mode=mode, snippets=snippets)[:2]


def timed_search_cpu(
    backend: DatabaseSearchBackend, text: str, *, mode: str, snippets: bool
) -> tuple[list[str], float, float]:
    """Keys found, wall-clock milliseconds, and CPU milliseconds of this process (robust on a busy machine)."""
    query = SearchQuery(COLLECTION, text, viewer=STAFF, page_size=10, mode=mode, snippets=snippets)
    started, cpu = time.perf_counter(), time.process_time()
    hits = backend.search(query).hits
    return [hit.key for hit in hits], (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def held_back(query_id: str) -> bool:
    """The fixed rule that holds back about a third of a dev file's queries from tuning: CRC-32 of the id mod 3."""
    return zlib.crc32(query_id.encode()) % 3 == 0


def split_queries(queries: Sequence[EvalQuery]) -> dict[str, list[EvalQuery]]:
    return {
        "tuning": [q for q in queries if not held_back(q.id)],
        "held_back": [q for q in queries if held_back(q.id)],
    }


def deep_ranking(backend: DatabaseSearchBackend, text: str, mode: str, depth: int = 100) -> list[str]:
    query = SearchQuery(COLLECTION, text, viewer=STAFF, page_size=depth, mode=mode, snippets=False)
    return [hit.key for hit in backend.search(query).hits]


def evaluate(
    backend: DatabaseSearchBackend,
    docs: Sequence[CorpusDoc],
    queries: Sequence[EvalQuery],
    modes: Sequence[str],
    *,
    baselines: bool = True,
) -> dict[str, Any]:
    """Index ``docs`` through the backend, run every query in each mode, and score against the baselines."""
    started = time.perf_counter()
    backend.clear(COLLECTION)
    backend.index(SearchDocument(COLLECTION, d.id, d.title, d.text) for d in docs)
    index_seconds = time.perf_counter() - started
    report: dict[str, Any] = {"docs": len(docs), "queries": len(queries), "index_seconds": round(index_seconds, 2)}
    parts = split_queries(queries)
    report["split"] = {
        "rule": "held_back when zlib.crc32(query id) % 3 == 0",
        **{part: len(chosen) for part, chosen in parts.items()},
    }
    for mode in modes:
        rankings: dict[str, Sequence[str]] = {}
        latencies: list[float] = []
        for query in queries:
            rankings[query.id], elapsed = timed_search(backend, query.text, mode=mode, snippets=False)
            latencies.append(elapsed)
        scores: dict[str, Any] = dict(score_run(rankings, queries))
        scores.update(query_p50_ms=percentile(latencies, 50), query_p95_ms=percentile(latencies, 95))
        scores["parts"] = {part: score_run(rankings, chosen) for part, chosen in parts.items()}
        report[mode] = scores
    if baselines:
        dense = None
        if backend.embedder() is not None:
            dense = {q.id: deep_ranking(backend, q.text, "dense") for q in queries}
        report["baselines"] = baseline_runs(docs, queries, dense)
        report["baselines_parts"] = {part: baseline_runs(docs, chosen, dense) for part, chosen in parts.items()}
    backend.clear(COLLECTION)
    report["peak_rss_mb"] = peak_rss_mb()
    return report


def pages_from_tar(path: str | Path, limit: int | None = None) -> Iterator[tuple[str, str]]:
    with tarfile.open(path, "r:*") as archive:
        count = 0
        for member in archive:
            if not member.isfile() or not member.name.endswith(".md"):
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            yield member.name, handle.read().decode("utf-8", errors="replace")
            count += 1
            if limit is not None and count >= limit:
                return


def generated_queries(titles: Sequence[str], count: int = 200) -> list[str]:
    """A fixed query set: three content words from the titles of evenly spaced pages."""
    step = max(1, len(titles) // count)
    queries = []
    for title in titles[::step][:count]:
        words = [w.strip(".,:;()\"'") for w in title.split() if len(w) >= 5]
        if words:
            queries.append(" ".join(words[:3]).lower())
    return queries


def scale(
    backend: DatabaseSearchBackend,
    corpus: str | Path,
    *,
    limit: int | None = None,
    modes: Sequence[str] = ("lexical",),
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> dict[str, Any]:
    """Chunk and index a tar of Markdown pages; report throughput, index size and query latency.

    ``workers`` > 1 analyses text in that many processes. CPU seconds are reported next to wall-clock ones, and
    the load average with them, because a busy machine stretches wall-clock time without the code changing."""
    backend.clear(COLLECTION)
    titles: list[str] = []
    counts = {"pages": 0, "passages": 0}

    def documents() -> Iterator[SearchDocument]:
        for name, markdown in pages_from_tar(corpus, limit):
            title = page_title(markdown)
            titles.append(title)
            counts["pages"] += 1
            for passage in chunk_markdown(markdown):
                counts["passages"] += 1
                yield SearchDocument(COLLECTION, f"{name}#{passage.ordinal}", passage.heading or title, passage.text)
            if progress and counts["pages"] % 1000 == 0:
                progress(counts["pages"], counts["passages"])

    started, cpu = time.perf_counter(), cpu_seconds()
    backend.embed_seconds = 0.0
    backend.index(documents(), batch_size=1000, workers=workers)
    seconds = time.perf_counter() - started
    report: dict[str, Any] = {
        **counts,
        "index_seconds": round(seconds, 1),
        "index_cpu_seconds": round(cpu_seconds() - cpu, 1),
        "index_workers": workers or 1,
        "embed_seconds": round(backend.embed_seconds, 1),
        "pages_per_second": round(counts["pages"] / seconds, 1),
        "passages_per_second": round(counts["passages"] / seconds, 1),
        "index_size_mb": database_size_mb(backend.database),
    }
    queries = generated_queries(titles)
    report["queries"] = len(queries)
    for mode in modes:
        # A first pass reads the index from disk (reported as cold); the second is what a running server sees.
        cold = [timed_search_cpu(backend, text, mode=mode, snippets=True)[1] for text in queries]
        timings = [timed_search_cpu(backend, text, mode=mode, snippets=True) for text in queries]
        wall, cpu_ms = [t[1] for t in timings], [t[2] for t in timings]
        report[mode] = {
            "query_p50_ms": percentile(wall, 50),
            "query_p95_ms": percentile(wall, 95),
            "cold_query_p95_ms": percentile(cold, 95),
            "query_cpu_p50_ms": percentile(cpu_ms, 50),
            "query_cpu_p95_ms": percentile(cpu_ms, 95),
        }
    report["load_average"] = round(os.getloadavg()[0], 1)
    report["peak_rss_mb"] = peak_rss_mb()
    return report
