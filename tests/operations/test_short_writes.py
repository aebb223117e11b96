"""A long import dry run and a big ingestion do not make other people's requests fail (real server, SQLite)."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from kraft.initiatives.demo import DATA
from tests.operations import processes
from tests.operations.conftest import upload

# Short enough that one write transaction of the old kind (the whole dry run, the whole document) runs past it.
BUSY_TIMEOUT = "8"


def _login(client: httpx.Client) -> int:
    form = client.get("/konto/logga-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    assert token, form.text[:500]
    response = client.post(
        "/konto/logga-in/",
        data={"username": "redaktor", "password": "Hemligt-lösen-123", "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": f"{client.base_url}/konto/logga-in/"},
    )
    client.cookies.clear()
    return response.status_code


def _traffic(base: str, token: str, stop: threading.Event, seen: Counter[tuple[str, int]], errors: list[str]) -> None:
    bearer = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=120) as client:
        while not stop.is_set():
            for kind, call in (
                ("login", lambda: _login(client)),
                ("token_read", lambda: client.get("/api/v1/me", headers=bearer).status_code),
                (
                    "answer",
                    lambda: (
                        client.post(
                            "/api/v1/answers", json={"question": "Vem ansvarar för äldreomsorgen?"}, headers=bearer
                        ).status_code
                    ),
                ),
            ):
                try:
                    seen[(kind, call())] += 1
                except httpx.HTTPError as exc:
                    errors.append(f"{kind}: {exc!r}")


def test_a_long_dry_run_and_a_big_ingestion_leave_logins_answers_and_token_reads_working(
    data_dir: Path, people: dict[str, Any], tmp_path: Path
) -> None:
    port = processes.free_port()
    base = f"http://127.0.0.1:{port}"
    server_log, worker_log = tmp_path / "server.log", tmp_path / "worker.log"
    env = {"KRAFT_SQLITE_BUSY_TIMEOUT": BUSY_TIMEOUT, "KRAFT_LOGIN_FAILURE_LIMIT": "1000"}
    source = tmp_path / "stor-vagledning.txt"
    source.write_bytes(processes.long_text(1200))
    with (
        processes.running(
            data_dir, "serve", "--port", str(port), "--workers", "1", "--threads", "4", log=server_log, **env
        ),
        processes.running(data_dir, "worker", "--interval", "0.2", log=worker_log, **env),
    ):
        processes.wait_for(lambda: _up(base), 180, "the server")
        # The first answer loads the Swedish analysis (dictionaries) into the web process: not what is measured.
        warm = httpx.post(
            f"{base}/api/v1/answers",
            json={"question": "Vem ansvarar?"},
            headers={"Authorization": f"Bearer {people['token']}"},
            timeout=600,
        )
        assert warm.status_code == 200
        seen: Counter[tuple[str, int]] = Counter()
        errors: list[str] = []
        stop = threading.Event()
        clients = [
            threading.Thread(target=_traffic, args=(base, people["token"], stop, seen, errors)) for _ in range(3)
        ]
        for client in clients:
            client.start()
        try:
            document = upload(data_dir, people["library"], source)
            dry_run = processes.start(
                data_dir,
                "manage", "import_initiatives", str(DATA / "eu_pstw_2026-03-04.csv"), "--format", "pstw",
                "--dry-run", "--limit", "500",
                log=tmp_path / "import.log", **env,
            )  # fmt: skip
            assert dry_run.wait(600) == 0, (tmp_path / "import.log").read_text()[-3000:]
            processes.wait_for(
                lambda: (
                    processes.query(data_dir, "SELECT status FROM knowledge_document WHERE id = ?", (document,))
                    == [("ready",)]
                ),
                600,
                "the big document to be ready",
            )
        finally:
            stop.set()
            for client in clients:
                client.join(120)
    log = server_log.read_text() + worker_log.read_text()
    assert not errors, errors[:5]
    assert not [key for key in seen if key[1] >= 500], (seen, log[-3000:])
    assert "database is locked" not in log
    assert seen[("login", 302)] and seen[("token_read", 200)] and seen[("answer", 200)], seen


def _up(base: str) -> bool:
    try:
        return httpx.get(f"{base}/api/v1/openapi.json", timeout=5).status_code == 200
    except httpx.HTTPError:
        time.sleep(0.5)
        return False
