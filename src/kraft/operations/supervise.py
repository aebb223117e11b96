"""Keeps a child process running: ``kraft demo`` uses it so that its task worker comes back if it dies.

The supervisor is a daemon thread of the web process: it starts the child, waits for it and starts it again after
an exit it did not ask for, waiting longer (up to a minute) when the child keeps dying at once. A clean exit
(code 0) counts as asked: Ctrl+C reaches the child too.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Sequence


class Supervisor:
    def __init__(self, command: Sequence[str], env: dict[str, str] | None = None, name: str = "worker") -> None:
        self.command = list(command)
        self.env = env
        self.name = name
        self.process: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name=f"supervise-{name}", daemon=True)

    def start(self) -> Supervisor:
        self._spawn()
        self._thread.start()
        return self

    def _spawn(self) -> None:
        self.process = subprocess.Popen(self.command, env=self.env)  # noqa: S603

    def _watch(self) -> None:
        delay = 1.0
        while not self._stopping.is_set():
            assert self.process is not None
            started = time.monotonic()
            code = self.process.wait()
            if self._stopping.is_set() or code == 0:
                return  # asked to stop, or a clean exit (Ctrl+C reaches the whole process group): no restart
            delay = 1.0 if time.monotonic() - started > 60 else min(60.0, delay * 2)
            print(
                f"Kraft: {self.name} avslutades (kod {code}); startar om om {delay:.0f} s",
                file=sys.stderr,
                flush=True,
            )
            if self._stopping.wait(delay):
                return
            self.restarts += 1
            self._spawn()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
