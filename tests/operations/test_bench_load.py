"""``kraft bench load`` measures a real server, refuses anything but this machine, and stays within bounds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kraft.operations import load
from tests.operations import processes


@pytest.mark.parametrize(
    ("url", "clients", "seconds"),
    [("http://example.se", 2, 5), ("http://10.0.0.1:8000", 2, 5), ("http://127.0.0.1:8000", 500, 5),
     ("http://127.0.0.1:8000", 2, 3600)],
)  # fmt: skip
def test_the_load_bench_refuses_other_machines_and_unbounded_runs(url: str, clients: int, seconds: float) -> None:
    with pytest.raises(load.LoadRefused):
        load.check_target(url, clients, seconds)


def test_the_load_bench_drives_every_kind_of_request_and_reports_latencies(
    data_dir: Path, people: dict[str, Any], tmp_path: Path
) -> None:
    port = processes.free_port()
    with processes.running(data_dir, "serve", "--port", str(port), "--workers", "1", log=tmp_path / "server.log"):
        processes.wait_for(lambda: _up(port), 180, "the server")
        out = processes.run_command(
            data_dir, "bench", "load", "--url", f"http://127.0.0.1:{port}", "--clients", "2", "--seconds", "4",
            "--baseline-seconds", "2", "--token", str(people["token"]),
        )  # fmt: skip
    result = json.loads(out)
    assert set(result["load"]["kinds"]) == {"page", "api", "search", "answer"}
    assert result["load"]["errors"] == 0, result
    for figures in result["load"]["kinds"].values():
        assert figures["p50_ms"] <= figures["p95_ms"]
    assert result["baseline_one_client"]["clients"] == 1


def _up(port: int) -> bool:
    import httpx

    try:
        return httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False
