"""Background work of the knowledge app, run by ``kraft worker`` (queue "ingest")."""

from __future__ import annotations

from django_tasks import task


@task(queue_name="ingest")
def ingest_document_task(document_id: int) -> None:
    from kraft.knowledge.services import ingest_document

    ingest_document(document_id)
