"""Helpers for long jobs that write in many short transactions instead of one long one."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from django.db import OperationalError, connection

T = TypeVar("T")
logger = logging.getLogger(__name__)
# SQLite's busy handler lets a waiting writer retry at most every 100 ms; a pause a little longer than that
# between two batches guarantees every waiting page its turn before the job takes the lock again.
SQLITE_PAUSE = 0.11


def yield_to_writers(held: float = 0.0) -> None:
    """Pause between two write transactions of a long job, so that other writers are not starved (SQLite).

    The pause is at least as long as the lock was ``held``: a long job takes at most half of the write time, and
    on a machine too busy to schedule the waiting pages quickly, the pauses grow with the transactions."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        time.sleep(min(2.0, max(SQLITE_PAUSE, held)))


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def is_busy(exc: BaseException) -> bool:
    """SQLite's "database is locked" (another writer held the lock past the busy timeout)."""
    return isinstance(exc, OperationalError) and "locked" in str(exc).lower()


def retry_when_busy(work: Callable[[], T], *, attempts: int = 6, wait: float = 0.5) -> T:
    """Run one write transaction again (after 0.5, 1, 2 … s) when SQLite stayed busy past its timeout.

    For background jobs, which can afford to wait; ``work`` must be a whole transaction that can run twice."""
    for attempt in range(attempts):
        try:
            return work()
        except OperationalError as exc:
            if not is_busy(exc) or attempt == attempts - 1 or connection.in_atomic_block:
                raise
            logger.warning("Databasen var upptagen; försöker igen (%s)", exc)
            time.sleep(wait * 2**attempt)
    raise AssertionError("unreachable")
