"""``kraft serve`` (and ``kraft demo``) say where Kraft runs only once the address answers, not seconds before."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.operations import processes


def test_the_address_is_announced_when_the_server_already_listens(data_dir: Path, tmp_path: Path) -> None:
    port = processes.free_port()
    log = tmp_path / "server.log"
    announcement = f"Kraft körs på http://127.0.0.1:{port}/"

    with processes.running(data_dir, "serve", "--port", str(port), "--workers", "1", log=log):
        said = lambda: announcement in log.read_text(encoding="utf-8", errors="replace")  # noqa: E731
        processes.wait_for(said, 180, "the address")
        with socket.create_connection(("127.0.0.1", port), timeout=5):  # no retry: it listens the moment it says so
            pass
