"""``kraft bench load``: a bounded mixed load on a Kraft server on this machine, as people would use it.

Each client repeats a mix of page views, API reads, searches and questions (answers) for the given seconds and
records every request's time and status. A warm-up and a one-client baseline run first, in the same run, so that
figures under load can be read against the same server unloaded. Only loopback addresses are accepted, and
clients and seconds are capped: it measures your own server, it is not a tool against anyone else's.
"""

from __future__ import annotations

import os
import random
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import httpx

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
MAX_CLIENTS = 100
MAX_SECONDS = 600
PAGES = ["/", "/initiativ/", "/organisationer/", "/kunskap/bibliotek/", "/initiativ/statistik/"]
API_READS = [
    "/api/v1/initiatives?page_size=20",
    "/api/v1/organisations?kind=kommun&page_size=50",
    "/api/v1/initiatives/statistics",
    "/api/v1/libraries",
]
SEARCHES = ["äldreomsorg", "chattbot", "skola", "socialtjänst", "bildanalys", "ekonomi", "personuppgifter", "tolk"]
QUESTIONS = [
    "Får kommunen använda kameraövervakning i skolan?",
    "Vad säger offentlighetsprincipen om allmänna handlingar?",
    "När behövs en konsekvensbedömning enligt dataskyddsförordningen?",
    "Vem ansvarar för äldreomsorgen i kommunen?",
    "Hur länge får personuppgifter sparas?",
]
MIX = [("page", 0.35), ("api", 0.30), ("search", 0.20), ("answer", 0.15)]


class LoadRefused(ValueError):
    pass


@dataclass
class Record:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    statuses: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[kind][status] += 1
            if status >= 400 or status == 0:
                self.errors[kind] += 1


def check_target(url: str, clients: int, seconds: float) -> None:
    host = urlparse(url).hostname or ""
    if host not in LOOPBACK:
        raise LoadRefused(f"Bara en server på den egna datorn (127.0.0.1/localhost) får belastas, inte {host!r}.")
    if not 1 <= clients <= MAX_CLIENTS:
        raise LoadRefused(f"--clients ska vara mellan 1 och {MAX_CLIENTS}.")
    if not 1 <= seconds <= MAX_SECONDS:
        raise LoadRefused(f"--seconds ska vara mellan 1 och {MAX_SECONDS}.")


class Mix:
    def __init__(self, base: str, token: str | None, initiative_urls: list[str]) -> None:
        self.base = base
        self.token = token
        self.pages = PAGES + initiative_urls[:20]

    def request(self, client: httpx.Client, rng: random.Random) -> tuple[str, int]:
        kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
        if kind == "page":
            response = client.get(rng.choice(self.pages))
        elif kind == "api":
            response = client.get(rng.choice(API_READS))
        elif kind == "search":
            term = rng.choice(SEARCHES)
            if rng.random() < 0.5:
                response = client.get("/sok/", params={"q": term})
            else:
                response = client.get("/api/v1/search/", params={"q": term, "collection": "initiatives"})
        else:
            headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
            response = client.post("/api/v1/answers", json={"question": rng.choice(QUESTIONS)}, headers=headers)
        return kind, response.status_code


def _client_loop(mix: Mix, record: Record, deadline: float, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 – a load mix, not a secret
    with httpx.Client(base_url=mix.base, timeout=60, follow_redirects=False) as client:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                kind, status = mix.request(client, rng)
            except httpx.HTTPError:
                kind, status = "error", 0
            record.add(kind, time.perf_counter() - started, status)


def _phase(mix: Mix, clients: int, seconds: float) -> dict[str, Any]:
    record = Record()
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    cpu_before = os.times()
    threads = [threading.Thread(target=_client_loop, args=(mix, record, deadline, n)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cpu_after = os.times()
    kinds: dict[str, Any] = {}
    total = 0
    for kind, values in sorted(record.latencies.items()):
        total += len(values)
        kinds[kind] = {
            "requests": len(values),
            "per_second": round(len(values) / elapsed, 2),
            "p50_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(_percentile(values, 0.95) * 1000, 1),
            "errors": record.errors.get(kind, 0),
            "statuses": {str(k): v for k, v in sorted(record.statuses[kind].items())},
        }
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": total,
        "per_second": round(total / elapsed, 2),
        "errors": sum(record.errors.values()),
        "kinds": kinds,
        "bench_cpu_seconds": round((cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system), 1),
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _initiative_urls(base: str) -> list[str]:
    try:
        listing = httpx.get(f"{base}/api/v1/initiatives?page_size=20", timeout=60).json()
    except (httpx.HTTPError, ValueError):
        return []
    return [f"/initiativ/{row['id']}/" for row in listing.get("results", []) if "id" in row]


def run(url: str, *, clients: int, seconds: float, token: str | None, baseline_seconds: float = 10) -> dict[str, Any]:
    check_target(url, clients, seconds)
    base = url.rstrip("/")
    mix = Mix(base, token, _initiative_urls(base))
    load_before = [round(x, 2) for x in os.getloadavg()]
    warm = _phase(mix, 1, min(5.0, seconds))  # loads dictionaries and caches in the server's processes
    baseline = _phase(mix, 1, min(baseline_seconds, seconds))
    loaded = _phase(mix, clients, seconds)
    return {
        "url": base,
        "answers_signed_in": bool(token),
        "load_average_before": load_before,
        "warm_up_errors": warm["errors"],
        "baseline_one_client": baseline,
        "load": loaded,
        "cpu_count": os.cpu_count(),
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
