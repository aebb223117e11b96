"""Background work of the knowledge app, run by ``kraft worker`` (queue "ingest")."""

from __future__ import annotations

from django_tasks import task


@task(queue_name="ingest")
def ingest_document_task(document_id: int) -> None:
    from kraft.knowledge.models import Document
    from kraft.knowledge.services import ingest_document

    # A task handed back to the queue after its worker died may find the work already done.
    if not Document.objects.filter(pk=document_id, status=Document.Status.READY).exists():
        ingest_document(document_id)
