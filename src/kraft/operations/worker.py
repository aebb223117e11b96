"""``kraft worker``: django-tasks' database worker, made to survive a busy database and to recover from dead peers.

- A database error while polling or recording a result (SQLite busy past its timeout, PostgreSQL restarting, a
  dropped connection) is logged; the worker closes its connections, waits (1, 2, 4 … 30 s) and goes on.
- A thread writes the worker's heartbeat every ``WORKER_HEARTBEAT_SECONDS``; the main loop records which task it
  runs. A task RUNNING under a worker whose heartbeat is older than ``WORKER_LEASE_SECONDS`` (or whose live worker
  has moved on) is handed back to the queue by any worker; after ``WORKER_MAX_ATTEMPTS`` claims it is marked
  failed instead, so that a file that kills every worker it meets cannot loop forever.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from kraft.operations.models import WorkerHeartbeat

logger = logging.getLogger("kraft.worker")
MAX_BACKOFF = 30.0


class WorkerLost(Exception):
    """The task was claimed by workers that stopped (killed or crashed) too many times."""


def live_worker_ids(now: Any = None) -> set[str]:
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.WORKER_LEASE_SECONDS)
    return set(WorkerHeartbeat.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True))


def task_is_live(task: DBTaskResult[Any, Any], live: set[str] | None = None) -> bool:
    """Waiting in the queue, or running under a worker that still beats."""
    if task.status == TaskResultStatus.READY:
        return True
    if task.status != TaskResultStatus.RUNNING:
        return False
    live = live_worker_ids() if live is None else live
    return bool(task.worker_ids) and task.worker_ids[-1] in live


def reclaim_abandoned(now: Any = None) -> int:
    """Hand tasks of dead workers back to the queue (or fail them after too many tries). Returns how many."""
    now = now or timezone.now()
    lease = timedelta(seconds=settings.WORKER_LEASE_SECONDS)
    beats = dict(WorkerHeartbeat.objects.filter(beat_at__gte=now - lease).values_list("worker_id", "task_id"))
    reclaimed = 0
    for task in DBTaskResult.objects.running().filter(started_at__lt=now - lease):
        owner = task.worker_ids[-1] if task.worker_ids else ""
        if owner in beats and beats[owner] == str(task.pk):
            continue  # its worker is alive and still on it
        if len(task.worker_ids) >= settings.WORKER_MAX_ATTEMPTS:
            logger.error("Uppgift %s övergavs %s gånger; markeras som misslyckad", task.pk, len(task.worker_ids))
            task.set_failed(WorkerLost(f"Arbetaren avbröts {len(task.worker_ids)} gånger under uppgiften."))
            reclaimed += 1
            continue
        reclaimed += DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        logger.warning("Uppgift %s från en avbruten arbetare (%s) läggs tillbaka i kön", task.pk, owner)
    return reclaimed


class KraftWorker(Worker):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.current_task = ""
        self.backoff = 0.0
        self.last_reclaim = 0.0
        self._stop = threading.Event()

    # ------------------------------------------------------------------ heartbeat

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "beat_at": timezone.now(),
                "task_id": self.current_task,
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
            },
        )

    def _heartbeat_loop(self) -> None:
        while not self._stop.wait(settings.WORKER_HEARTBEAT_SECONDS):
            try:
                self.beat()
            except DatabaseError as exc:  # a busy database delays a beat; the lease is several beats long
                logger.warning("Livstecknet kunde inte skrivas: %s", exc)
            finally:
                connection.close()

    # ------------------------------------------------------------------ the loop

    def run(self) -> None:
        logger.info("Arbetaren %s startar (köer: %s)", self.worker_id, ",".join(self.queue_names))
        while self.running:
            try:
                self.beat()
                break
            except DatabaseError as exc:
                self._wait_after(exc)
        heart = threading.Thread(target=self._heartbeat_loop, name="heartbeat", daemon=True)
        heart.start()
        try:
            while self.running:
                try:
                    if self._poll_once():
                        return
                    self.backoff = 0.0
                except DatabaseError as exc:
                    self._wait_after(exc)
        finally:
            self._stop.set()
            with contextlib.suppress(DatabaseError):  # else the lease runs out by itself
                WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

    def _wait_after(self, exc: Exception) -> None:
        self.backoff = min(MAX_BACKOFF, max(1.0, self.backoff * 2))
        logger.warning("Databasfel i arbetaren (%s); försöker igen om %.0f s", exc, self.backoff)
        with contextlib.suppress(DatabaseError):
            connection.close()
        time.sleep(self.backoff)

    def _poll_once(self) -> bool:
        """One round: reclaim now and then, claim a task, run it. True when the worker should stop."""
        close_old_connections()
        if time.monotonic() - self.last_reclaim >= settings.WORKER_HEARTBEAT_SECONDS:
            reclaim_abandoned()
            self.last_reclaim = time.monotonic()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except DatabaseError as exc:
            if not is_locked_database_exception(exc):  # type: ignore[arg-type]
                raise
            logger.info("Databasen är upptagen; väntar")
            time.sleep(self.interval or 0.5)
            return False
        if task_result is not None:
            self.current_task = str(task_result.pk)
            self.beat()
            try:
                self.run_task(task_result)
            finally:
                self.current_task = ""
        if self.batch and task_result is None:
            return True
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            return True
        close_old_connections()
        if self.running and task_result is None:
            time.sleep(self.interval)
        return False


def run_worker(*, queues: str = "*", interval: float = 1.0, batch: bool = False, max_tasks: int | None = None) -> None:
    from django.utils.crypto import get_random_string

    for name in ("kraft.worker", "django_tasks", "django_tasks_db"):
        log = logging.getLogger(name)
        log.setLevel(logging.INFO)
        if not log.handlers:
            log.addHandler(logging.StreamHandler())
    worker = KraftWorker(
        queue_names=queues.split(","),
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=max_tasks,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )
    worker.configure_signals()
    worker.run()
