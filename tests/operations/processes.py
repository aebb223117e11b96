"""Real Kraft processes for the resilience tests: a migrated SQLite data folder, scripts, workers and servers.

The folder is migrated once per session and copied for each test. Each process gets its own environment with
``KRAFT_DATABASE_URL`` pointing at that folder's SQLite file, so these tests exercise SQLite's locking whatever
database the rest of the suite runs on.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PRELUDE = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kraft.settings")
django.setup()
"""


def env_for(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KRAFT_", "PYTEST", "DJANGO_SETTINGS"))}
    env.update(
        KRAFT_DATA_DIR=str(data_dir),
        KRAFT_DATABASE_URL=f"sqlite:///{data_dir / 'kraft.sqlite3'}",
        KRAFT_SECRET_KEY="test-secret-key-for-processes",
        KRAFT_LOG_LEVEL="WARNING",
        OMP_NUM_THREADS="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def migrate(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "kraft.cli", "manage", "migrate", "-v0"], env=env_for(data_dir), check=True, timeout=900
    )


def copy_data_dir(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in ("kraft.sqlite3", "kraft.sqlite3-wal", "kraft.sqlite3-shm"):
        if (source / name).exists():
            shutil.copy2(source / name, target / name)
    return target


def run_script(data_dir: Path, code: str, timeout: float = 300, **env: str) -> Any:
    """Run Python with Django set up against the folder; the script prints one JSON line last."""
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
        env=env_for(data_dir, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise AssertionError(f"script failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_command(data_dir: Path, *args: str, timeout: float = 600, **env: str) -> str:
    """``kraft ARGS`` against the folder; its output, or an AssertionError with it."""
    done = subprocess.run(
        [sys.executable, "-m", "kraft.cli", *args],
        env=env_for(data_dir, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise AssertionError(f"kraft {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return done.stdout


def last_json(text: str) -> Any:
    return json.loads([line for line in text.splitlines() if line.startswith("{")][-1])


def start(data_dir: Path, *args: str, log: Path, **env: str) -> subprocess.Popen[bytes]:
    handle = log.open("ab")
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "kraft.cli", *args],
        env=env_for(data_dir, **env),
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


@contextmanager
def running(data_dir: Path, *args: str, log: Path, **env: str) -> Iterator[subprocess.Popen[bytes]]:
    process = start(data_dir, *args, log=log, **env)
    try:
        yield process
    finally:
        stop(process)


def query(data_dir: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """A read straight from the SQLite file (WAL: never blocked by a writer)."""
    connection = sqlite3.connect(data_dir / "kraft.sqlite3", timeout=30)
    try:
        return list(connection.execute(sql, params).fetchall())
    finally:
        connection.close()


def wait_for(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def long_text(paragraphs: int, seed: int = 7) -> bytes:
    """A plain-text document of about ``paragraphs`` passages of Swedish-looking prose."""
    words = [
        "kommunen",
        "ansvarar",
        "för",
        "äldreomsorgen",
        "och",
        "socialtjänsten",
        "enligt",
        "lagen",
        "samt",
        "beslut",
        "om",
        "bistånd",
        "personuppgifter",
        "behandlas",
        "i",
        "verksamheten",
        "med",
        "stöd",
        "av",
        "dataskyddsförordningen",
        "och",
        "offentlighetsprincipen",
        "nämnden",
        "får",
        "delegera",
        "uppgifter",
        "till",
        "förvaltningen",
        "som",
        "redovisar",
        "utfallet",
        "varje",
        "kvartal",
        "till",
        "fullmäktige",
    ]
    lines = []
    state = seed
    for number in range(paragraphs):
        sentence = []
        for _ in range(150):
            state = (state * 1103515245 + 12345) % 2**31
            sentence.append(words[state % len(words)])
        lines.append(f"Avsnitt {number + 1}. " + " ".join(sentence) + ".")
    return "\n\n".join(lines).encode()
