"""Helpers for long jobs that write in many short transactions instead of one long one."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import TypeVar

from django.db import connection

T = TypeVar("T")
# SQLite's busy handler lets a waiting writer retry at most every 100 ms; a pause a little longer than that
# between two batches guarantees every waiting page its turn before the job takes the lock again.
SQLITE_PAUSE = 0.11


def yield_to_writers() -> None:
    """Pause between two write transactions of a long job, so that other writers are not starved (SQLite)."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        time.sleep(SQLITE_PAUSE)


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
