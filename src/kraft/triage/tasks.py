"""Background work of the triage app, run by ``kraft worker``."""

from __future__ import annotations

from django_tasks import task


@task()
def rerun_triages_task(actor_id: int | None = None) -> int:
    """Re-run every stored triage made under an older rules version; returns how many were re-run."""
    from django.contrib.auth import get_user_model

    from kraft.triage.services import rerun_triages

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return len(rerun_triages(actor or "rules"))
