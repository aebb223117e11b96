"""kraft demo's worker supervisor: a worker that dies comes back; one that was stopped (Ctrl+C) stays stopped."""

from __future__ import annotations

import sys
import time

from kraft.operations.supervise import Supervisor


def test_a_worker_that_dies_is_started_again() -> None:
    supervisor = Supervisor([sys.executable, "-c", "import sys; sys.exit(3)"]).start()
    deadline = time.monotonic() + 20
    while supervisor.restarts < 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    supervisor.stop()
    assert supervisor.restarts >= 1


def test_a_worker_that_exits_cleanly_after_ctrl_c_is_not_started_again() -> None:
    supervisor = Supervisor([sys.executable, "-c", "pass"]).start()
    time.sleep(3)
    supervisor.stop()
    assert supervisor.restarts == 0
