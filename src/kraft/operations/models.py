"""What running Kraft needs to remember about itself: which task workers are alive.

A worker writes its heartbeat every few seconds from a thread of its own. A task left RUNNING by a worker whose
heartbeat is older than the lease was claimed by a process that died (killed, out of memory, machine lost); any
other worker hands it back to the queue (see ``kraft.operations.worker``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(_("arbetare"), max_length=64, unique=True)
    host = models.CharField(_("dator"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process"), default=0)
    started_at = models.DateTimeField(_("startad"), auto_now_add=True)
    beat_at = models.DateTimeField(_("senaste livstecken"), db_index=True)
    task_id = models.CharField(_("pågående uppgift"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("bakgrundsarbetare")
        verbose_name_plural = _("bakgrundsarbetare")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
