"""The only write path for libraries, documents and passages. Every write is audited in its own transaction.

Ingestion and deletion write in short batches, so that a big document never holds the database for long (SQLite
has one writer at a time). A document being ingested stays invisible: its passages are stored and indexed batch
by batch in a staging collection, and one short transaction moves them live and marks the document ready – a
document is either fully searchable or not at all, never half-indexed. A worker killed half-way leaves only
staged rows, which the next attempt removes first, so every passage exists exactly once.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kraft.audit.services import changed, record, snapshot
from kraft.core.db import retry_when_busy, yield_to_writers
from kraft.core.text import load_json
from kraft.knowledge import search as passage_search
from kraft.knowledge.answers import learning
from kraft.knowledge.ingestion import MIME_TYPES, IngestionError, detect_format, parse
from kraft.knowledge.ingestion.chunking import chunk
from kraft.knowledge.ingestion.statute import repeal_of
from kraft.knowledge.models import Document, Library, Passage
from kraft.knowledge.selectors import can_create_library_for, can_edit_library
from kraft.organisations.models import Organisation
from kraft.search import service as search_service

logger = logging.getLogger(__name__)
SYSTEM = "system"
LIBRARY_FIELDS = ("name", "description", "visibility", "holds_personal_data")
DOCUMENT_FIELDS = ("title", "kind", "repealed")
LIVE_STATUSES = (Document.Status.QUEUED, Document.Status.PROCESSING, Document.Status.READY)
BATCH_SIZE = 200  # passages per write transaction (about a second of writing on a busy machine)
INGEST_TASK_PATH = "kraft.knowledge.tasks.ingest_document_task"


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Du har inte behörighet att ändra det här biblioteket."))


def _check_version(instance: Library | Document, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != getattr(instance, "version", expected_version):
        raise ValidationError(
            _("Någon annan har ändrat uppgifterna medan du redigerade. Ladda om sidan och försök igen."),
            code="stale",
        )


def _document_snapshot(document: Document) -> dict[str, Any]:
    data = snapshot(document)
    data["file"] = document.file.name if document.file else ""
    return data


# ------------------------------------------------------------------ libraries


def create_library(
    actor: Any,
    *,
    name: str,
    organisation: Organisation | None,
    description: str = "",
    visibility: str = Library.Visibility.ORGANISATION,
    holds_personal_data: bool = False,
    shared_with: Iterable[Organisation] = (),
) -> Library:
    _require(can_create_library_for(actor, organisation.pk if organisation else None))
    if not name.strip():
        raise ValidationError({"name": _("Ange ett namn.")})
    if organisation is None:
        visibility = Library.Visibility.PUBLIC  # a national library without an owner can only be open
    with transaction.atomic():
        library = Library.objects.create(
            name=name.strip(),
            description=description,
            organisation=organisation,
            visibility=visibility,
            holds_personal_data=holds_personal_data,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        shared = [org for org in shared_with if org.pk != (organisation.pk if organisation else None)]
        if shared:
            library.shared_with.set(shared)
        record(
            actor,
            "knowledge.library.created",
            library,
            after={**snapshot(library), "shared_with": [org.pk for org in shared]},
            organisation=organisation,
        )
    return library


def _reindex_library(library: Library) -> None:
    """Visibility lives in every search entry, so a change of who may see a library rewrites its entries."""
    visibility = passage_search.visibility_of(library)
    for document in library.documents.filter(status=Document.Status.READY):
        passages = document.passages.all()
        search_service.index_documents(
            passage_search.passage_document(p, document, library, visibility) for p in passages.iterator()
        )


def update_library(actor: Any, library: Library, *, expected_version: int | None = None, **changes: Any) -> Library:
    _require(can_edit_library(actor, library))
    with transaction.atomic():
        library = Library.objects.select_for_update().get(pk=library.pk)
        _check_version(library, expected_version)
        before = snapshot(library, list(LIBRARY_FIELDS))
        for field, value in changes.items():
            if field not in LIBRARY_FIELDS:
                raise ValueError(f"unknown library field {field}")
            setattr(library, field, value)
        if library.organisation_id is None:
            library.visibility = Library.Visibility.PUBLIC
        library.version += 1
        library.save()
        old, new = changed(before, snapshot(library, list(LIBRARY_FIELDS)))
        record(actor, "knowledge.library.updated", library, before=old, after=new, organisation=library.organisation)
        if "visibility" in new:
            _reindex_library(library)
    return library


def share_library(
    actor: Any, library: Library, organisations: Iterable[Organisation], *, visibility: str | None = None
) -> Library:
    """Share with named organisations (visibility SHARED), or pass ``visibility`` PUBLIC/ORGANISATION."""
    _require(can_edit_library(actor, library))
    if library.organisation_id is None:
        raise ValidationError(_("Nationella bibliotek är alltid öppna för alla."), code="national")
    organisations = [org for org in organisations if org.pk != library.organisation_id]
    with transaction.atomic():
        library = Library.objects.select_for_update().get(pk=library.pk)
        before = {
            "visibility": library.visibility,
            "shared_with": sorted(library.shared_with.values_list("pk", flat=True)),
        }
        if visibility is None:
            visibility = Library.Visibility.SHARED if organisations else Library.Visibility.ORGANISATION
        after = {"visibility": visibility, "shared_with": sorted(org.pk for org in organisations)}
        if after == before:
            return library  # nothing changed: no new version, no audit entry, no reindexing
        library.shared_with.set(organisations)
        library.visibility = visibility
        library.version += 1
        library.save()
        record(
            actor, "knowledge.library.shared", library, before=before, after=after, organisation=library.organisation
        )
        _reindex_library(library)
    return library


def delete_library(actor: Any, library: Library) -> None:
    """Remove a library with all its documents; big documents leave in short batches first (``delete_document``)."""
    _require(can_edit_library(actor, library))
    files = [str(doc.file.name) for doc in library.documents.all() if doc.file]
    for document_id in library.documents.values_list("pk", flat=True):
        _clear_passages(document_id)
    with transaction.atomic():
        search_service.delete_documents(
            passage_search.COLLECTION, (str(pk) for pk in library.passages.values_list("pk", flat=True))
        )
        record(actor, "knowledge.library.deleted", library, before=snapshot(library), organisation=library.organisation)
        library.delete()
        transaction.on_commit(lambda: _delete_files(files))


def _delete_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("could not delete %s", name, exc_info=True)


# ------------------------------------------------------------------ uploads


def _read(uploaded_file: Any) -> bytes:
    if hasattr(uploaded_file, "chunks"):
        return b"".join(uploaded_file.chunks())
    return bytes(uploaded_file.read())


def _pretty_title(filename: str) -> str:
    stem = PurePath(filename).stem.replace("_", " ").replace("-", " ").strip()
    return (stem[:1].upper() + stem[1:]) if stem else _("Namnlöst dokument")


def check_upload(library: Library, name: str, size: int) -> None:
    """Limits that can be checked before reading the file."""
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Filen är för stor (%(size)s MB). Största tillåtna storlek är %(max)s MB.")
            % {"size": round(size / 1024 / 1024, 1), "max": round(settings.UPLOAD_MAX_BYTES / 1024 / 1024)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    count = library.documents.filter(status__in=LIVE_STATUSES).count()
    if count >= settings.LIBRARY_MAX_DOCUMENTS:
        raise ValidationError(
            _("Biblioteket har redan %(count)s dokument, vilket är det högsta tillåtna antalet.") % {"count": count},
            code="limit",
        )


def _duplicate_of(library: Library, sha256: str) -> Document | None:
    return library.documents.filter(sha256=sha256, status__in=LIVE_STATUSES).first()


def upload_document(
    actor: Any,
    library: Library,
    uploaded_file: Any,
    *,
    title: str = "",
    kind: str = Document.Kind.GUIDANCE,
    replaces: Document | None = None,
) -> Document:
    """Validate, store and queue a file for ingestion. Raises ``ValidationError`` with a clear reason."""
    _require(can_edit_library(actor, library))
    name = PurePath(getattr(uploaded_file, "name", "") or "dokument").name[:255]
    check_upload(library, name, int(getattr(uploaded_file, "size", 0) or 0))
    data = _read(uploaded_file)
    check_upload(library, name, len(data))
    try:
        fmt = detect_format(data, name)
    except IngestionError as exc:
        raise ValidationError(exc.message, code=exc.code) from None
    if replaces is not None and (replaces.library_id != library.pk or replaces.status == Document.Status.SUPERSEDED):
        raise ValidationError(_("Den ersatta versionen finns inte längre i biblioteket."), code="replaces")
    sha256 = hashlib.sha256(data).hexdigest()
    duplicate = _duplicate_of(library, sha256)
    if duplicate is not None and _release_if_stuck(duplicate):
        duplicate = None
    if duplicate is not None:
        raise ValidationError(
            _("Samma fil finns redan i biblioteket som ”%(title)s”.") % {"title": duplicate.title}, code="duplicate"
        )
    document = Document(
        library=library,
        title=(title.strip() or (replaces.title if replaces else "") or _pretty_title(name))[:300],
        kind=replaces.kind if replaces and not title else kind,
        source_name=name,
        mime_type=MIME_TYPES[fmt],
        size=len(data),
        sha256=sha256,
        replaces=replaces,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        sfs_number=replaces.sfs_number if replaces else "",
    )
    document.file.save(name, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            document.save()
            record(
                actor,
                "knowledge.document.uploaded",
                document,
                after=_document_snapshot(document),
                organisation=library.organisation,
            )
            transaction.on_commit(lambda: enqueue_ingestion(document.pk))
    except IntegrityError:
        _delete_files([str(document.file.name)])
        raise ValidationError(_("Samma fil finns redan i biblioteket."), code="duplicate") from None
    return document


def enqueue_ingestion(document_id: int) -> None:
    from kraft.knowledge.tasks import ingest_document_task

    ingest_document_task.enqueue(document_id)


# ------------------------------------------------------------------ ingestion


class _Progress:
    """Writes progress to the document row now and then, outside the ingestion transaction, for the page to poll."""

    def __init__(self, document_id: int) -> None:
        self.document_id = document_id
        self.last = -1

    def __call__(self, percent: float) -> None:
        percent = max(0, min(99, int(percent)))
        if percent >= self.last + 5:
            self.last = percent
            try:  # progress is for the page to show; a busy database skips a step rather than the ingestion
                Document.objects.filter(pk=self.document_id).update(progress=percent, updated_at=timezone.now())
            except DatabaseError:
                logger.info("progress of document %s not written (database busy)", self.document_id)


def _fail(document: Document, reason: str) -> None:
    with transaction.atomic():
        updated = Document.objects.filter(pk=document.pk).update(
            status=Document.Status.FAILED, error=reason, progress=100, updated_at=timezone.now()
        )
        if not updated:
            return  # deleted meanwhile: nothing to report on
        record(
            SYSTEM,
            "knowledge.document.failed",
            document,
            after={"error": reason},
            organisation=document.library.organisation,
        )


def _warnings(parsed: Any) -> str:
    notes = []
    if parsed.empty_pages:
        pages = ", ".join(str(p) for p in parsed.empty_pages[:30])
        notes.append(
            _("%(count)s sidor saknar text och är troligen inskannade (sidor: %(pages)s); de går inte att söka i.")
            % {"count": len(parsed.empty_pages), "pages": pages}
        )
    if parsed.ocr_pages:
        notes.append(_("%(count)s sidor lästes med textigenkänning (OCR).") % {"count": len(parsed.ocr_pages)})
    return " ".join(notes)


def _passages(document: Document, drafts: Sequence[Any], start: int = 0, language: str = "sv") -> list[Passage]:
    return [
        Passage(
            document=document,
            library_id=document.library_id,
            ordinal=index,
            text=draft.text,
            heading=draft.heading,
            chapter=draft.chapter,
            section=draft.section,
            page=draft.page,
            citation=draft.citation,
            anchor=draft.anchor,
            char_count=len(draft.text),
            language=language,
            article=draft.article,
            paragraph=draft.paragraph,
            point=draft.point,
            recital=draft.recital,
            keywords=draft.keywords,
        )
        for index, draft in enumerate(drafts, start=start + 1)
    ]


def _remove_from_search(document: Document) -> None:
    keys = [str(pk) for pk in document.passages.values_list("pk", flat=True)]
    if keys:
        search_service.delete_documents(passage_search.COLLECTION, keys)


def _clear_passages(document_id: int) -> int:
    """Remove a document's passages and their search entries (live or staged), one short transaction per batch."""
    removed = 0
    while ids := list(Passage.objects.filter(document_id=document_id).values_list("pk", flat=True)[:BATCH_SIZE]):
        started = time.monotonic()
        removed += retry_when_busy(partial(_delete_passages, ids))
        yield_to_writers(time.monotonic() - started)
    return removed


def _delete_passages(ids: list[int]) -> int:
    keys = [str(pk) for pk in ids]
    with transaction.atomic():
        search_service.delete_documents(passage_search.COLLECTION, keys)
        search_service.delete_documents(passage_search.STAGING, keys)
        return int(Passage.objects.filter(pk__in=ids).delete()[0])


def _supersede(old: Document, new: Document) -> None:
    """Inside the transaction that makes ``new`` ready: ``old`` leaves the search index and is marked superseded.
    Its passages are deleted afterwards, in batches (``_clear_passages``)."""
    _remove_from_search(old)
    Document.objects.filter(pk=old.pk).update(
        status=Document.Status.SUPERSEDED, passage_count=0, updated_at=timezone.now()
    )
    words = learning.carry_over(old, new)
    record(
        SYSTEM,
        "knowledge.document.superseded",
        old,
        after={"replaced_by": new.pk, "learned_words_moved": words},
        organisation=old.library.organisation,
    )


def ingest_document(document_id: int) -> Document | None:
    """Parse, chunk and index one document. Failures leave the document failed with its reason, nothing indexed."""
    document = Document.objects.select_related("library", "library__organisation").filter(pk=document_id).first()
    if document is None or document.status == Document.Status.SUPERSEDED:
        return document
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.PROCESSING, progress=1, error="", updated_at=timezone.now()
    )
    progress = _Progress(document.pk)
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        parsed = parse(data, document.source_name, progress=lambda p: progress(5 + p * 0.5))
        del data
        if parsed.title and document.title == _pretty_title(document.source_name):
            document.title = parsed.title[:300]
        drafts = chunk(parsed, document.title)
        _check_passage_count(len(drafts))
        progress(55)
    except IngestionError as exc:
        _fail(document, exc.message)
        return _reload(document)
    except (OSError, ValueError) as exc:
        logger.exception("ingestion of document %s failed", document.pk)
        _fail(document, _("Filen kunde inte läsas: %(error)s") % {"error": exc.__class__.__name__})
        return _reload(document)
    except Exception:  # noqa: BLE001 – any parser bug must end as a failed document, not a stuck one
        logger.exception("ingestion of document %s failed", document.pk)
        _fail(document, _("Filen kunde inte läsas på grund av ett oväntat fel i inläsningen."))
        return _reload(document)
    try:
        _clear_passages(document.pk)  # what an interrupted earlier attempt left behind
        keys = _stage(document, drafts, progress, parsed.language)
        retry_when_busy(lambda: _publish_atomically(document, parsed, keys))
    except _Gone:
        _clear_passages(document.pk)
        return None
    except Exception:  # noqa: BLE001 – the staged rows are removed; say so on the document
        logger.exception("indexing of document %s failed", document.pk)
        _discard_staged(document.pk)
        _fail(document, _("Dokumentet kunde inte indexeras; inget av det har sparats. Försök igen senare."))
    return _reload(document)


def _check_passage_count(count: int) -> None:
    if count > settings.DOCUMENT_MAX_PASSAGES:
        raise IngestionError(
            "too_many_passages",
            _(
                "Dokumentet skulle ge %(count)s avsnitt, fler än de %(max)s som ett dokument får ha. "
                "Dela upp det i mindre filer."
            )
            % {"count": count, "max": settings.DOCUMENT_MAX_PASSAGES},
        )


def _discard_staged(document_id: int) -> None:
    try:
        _clear_passages(document_id)
    except Exception:  # noqa: BLE001 – the next attempt clears them; the failure itself must still be recorded
        logger.exception("staged passages of document %s could not be removed", document_id)


class _Gone(Exception):
    """The document was deleted while it was being read."""


def _stage(document: Document, drafts: Sequence[Any], progress: _Progress, language: str) -> list[str]:
    """Store and index the passages in batches, each in its own short transaction, in the staging collection.

    The text is analysed for the index outside any transaction; only the rows are written inside one."""
    keys: list[str] = []
    total = max(1, len(drafts))
    for start in range(0, len(drafts), BATCH_SIZE):
        if not Document.objects.filter(pk=document.pk).exists():
            raise _Gone
        batch = drafts[start : start + BATCH_SIZE]
        started = time.monotonic()
        passages = retry_when_busy(partial(_store_batch, document, batch, start, language))
        held = time.monotonic() - started
        staged = passage_search.documents_for(document, passages, passage_search.STAGING)
        retry_when_busy(partial(search_service.index_documents, staged))
        keys += [str(p.pk) for p in passages]
        progress(55 + 40 * (start + len(passages)) / total)
        yield_to_writers(held * 2)  # the index write (inside index_documents) takes about as long again
    return keys


def _store_batch(document: Document, drafts: Sequence[Any], start: int, language: str) -> list[Passage]:
    with transaction.atomic():
        passages = Passage.objects.bulk_create(_passages(document, drafts, start, language))
    if passages and passages[0].pk is None:  # databases that do not return keys from bulk inserts
        passages = list(document.passages.filter(ordinal__gt=start).order_by("ordinal")[: len(passages)])
    return passages


def _publish_atomically(document: Document, parsed: Any, keys: list[str]) -> None:
    with transaction.atomic():
        _publish(document, parsed, keys)


STORED_FIELDS = [
    "title", "kind", "status", "passage_count", "page_count", "warning", "progress", "error", "ingested_at",
    "sfs_number", "repealed", "source_url", "updated_at", "language", "structure", "repealed_note",
]  # fmt: skip


def _publish(document: Document, parsed: Any, keys: list[str]) -> None:
    """The one transaction that makes a staged document live: no text is analysed here, only rows updated."""
    if not Document.objects.select_for_update().filter(pk=document.pk).exists():
        raise _Gone
    search_service.move_documents(passage_search.STAGING, passage_search.COLLECTION, keys)
    document.language = parsed.language
    document.status = Document.Status.READY
    document.passage_count = len(keys)
    document.page_count = parsed.page_count
    document.warning = _warnings(parsed)
    document.progress = 100
    document.error = ""
    document.ingested_at = timezone.now()
    document.structure = parsed.structure
    if parsed.kind == Document.Kind.STATUTE:
        document.kind = Document.Kind.STATUTE
        document.sfs_number = document.sfs_number or parsed.sfs_number
        document.repealed = document.repealed or parsed.repealed
        document.repealed_note = document.repealed_note or parsed.repealed_note
        document.source_url = document.source_url or parsed.source_url
    document.save(update_fields=STORED_FIELDS)  # never re-creates a row deleted meanwhile
    if document.replaces_id:
        old = Document.objects.select_related("library__organisation").filter(pk=document.replaces_id).first()
        if old is not None and old.status != Document.Status.SUPERSEDED:
            _supersede(old, document)
            old_id = old.pk
            transaction.on_commit(lambda: _clear_passages(old_id))
    record(
        SYSTEM,
        "knowledge.document.ingested",
        document,
        after={"passages": document.passage_count, "pages": document.page_count, "warning": document.warning},
        organisation=document.library.organisation,
    )


def _reload(document: Document) -> Document | None:
    """The document as stored now, or None when it was deleted while being read."""
    return Document.objects.select_related("library").filter(pk=document.pk).first()


# ------------------------------------------------------------------ edits and deletes


def update_document(actor: Any, document: Document, **changes: Any) -> Document:
    _require(can_edit_library(actor, document.library))
    with transaction.atomic():
        before = snapshot(document, list(DOCUMENT_FIELDS))
        for field, value in changes.items():
            if field not in DOCUMENT_FIELDS:
                raise ValueError(f"unknown document field {field}")
            setattr(document, field, value)
        document.save()
        old, new = changed(before, snapshot(document, list(DOCUMENT_FIELDS)))
        if "title" in new:
            _retitle_passages(document, str(old["title"]))
        record(
            actor,
            "knowledge.document.updated",
            document,
            before=old,
            after=new,
            organisation=document.library.organisation,
        )
        if new and document.status == Document.Status.READY:
            search_service.index_documents(passage_search.documents_for(document, document.passages.all()))
    return document


def _retitle_passages(document: Document, old_title: str) -> None:
    """Citations start with the document's title; keep them in step with a new title."""
    passages = list(document.passages.all())
    for passage in passages:
        if passage.citation.startswith(old_title):
            passage.citation = (document.title + passage.citation[len(old_title) :])[:400]
    Passage.objects.bulk_update(passages, ["citation"], batch_size=500)


def delete_document(actor: Any, document: Document) -> None:
    """Remove the document, its passages and their search entries (and so from answers).

    A document may have tens of thousands of passages: they leave the index and the database in short batches
    first (the document is marked failed meanwhile, so nothing cites it), then the row goes with the audit entry."""
    _require(can_edit_library(actor, document.library))
    name = document.file.name if document.file else ""
    before = _document_snapshot(document)
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.FAILED, error=_("Dokumentet tas bort."), updated_at=timezone.now()
    )
    _clear_passages(document.pk)
    with transaction.atomic():
        record(actor, "knowledge.document.deleted", document, before=before, organisation=document.library.organisation)
        Document.objects.filter(pk=document.pk).delete()
        if name:
            transaction.on_commit(lambda: _delete_files([name]))


def retry_document(actor: Any, document: Document) -> Document:
    """Queue a failed document again (e.g. after Tesseract was installed), or one whose worker died."""
    _require(can_edit_library(actor, document.library))
    with transaction.atomic():
        Document.objects.filter(pk=document.pk).update(status=Document.Status.QUEUED, progress=0, error="")
        record(actor, "knowledge.document.retried", document, organisation=document.library.organisation)
        transaction.on_commit(lambda: enqueue_ingestion(document.pk))
    document.refresh_from_db()
    return document


def can_retry(document: Document) -> bool:
    """Failed documents, and queued or processing ones that no live task will ever finish."""
    if document.status == Document.Status.FAILED:
        return True
    return document.status in (Document.Status.QUEUED, Document.Status.PROCESSING) and is_stuck(document)


def is_stuck(document: Document) -> bool:
    """Queued or processing, without a task waiting for it or running under a live worker."""
    from kraft.operations.worker import live_worker_ids, task_is_live

    if document.status not in (Document.Status.QUEUED, Document.Status.PROCESSING):
        return False
    tasks = DBTaskResult.objects.filter(task_path=INGEST_TASK_PATH, args_kwargs__args=[document.pk]).exclude(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
    )
    live = live_worker_ids()
    return not any(task_is_live(task, live) for task in tasks)


def _release_if_stuck(document: Document) -> bool:
    """A stuck copy of a file does not block uploading it again: it is marked failed (audited) first."""
    if not is_stuck(document):
        return False
    with transaction.atomic():
        updated = Document.objects.filter(pk=document.pk, status=document.status).update(
            status=Document.Status.FAILED, error=_("Inläsningen avbröts och filen laddades upp på nytt."), progress=100
        )
        if updated:
            record(
                SYSTEM,
                "knowledge.document.failed",
                document,
                after={"error": "stuck"},
                organisation=document.library.organisation,
            )
    return bool(updated)


# ------------------------------------------------------------------ imports (command line, demo, benchmarks)


def import_document(
    library: Library,
    data: bytes,
    name: str,
    actor: Any = None,
    *,
    title: str = "",
    kind: str = Document.Kind.GUIDANCE,
    sync: bool = True,
) -> Document:
    """Add a file without a person's upload (``actor`` None means the system). Idempotent on content."""
    if actor is not None:
        _require(can_edit_library(actor, library))
    try:
        fmt = detect_format(data, name)
    except IngestionError as exc:
        raise ValidationError(exc.message, code=exc.code) from None
    sha256 = hashlib.sha256(data).hexdigest()
    existing = _duplicate_of(library, sha256)
    if existing is not None:
        return existing
    document = Document(
        library=library,
        title=(title or _pretty_title(name))[:300],
        kind=kind,
        source_name=PurePath(name).name[:255],
        mime_type=MIME_TYPES[fmt],
        size=len(data),
        sha256=sha256,
    )
    document.file.save(document.source_name, ContentFile(data), save=False)
    with transaction.atomic():
        document.save()
        record(
            actor or SYSTEM,
            "knowledge.document.imported",
            document,
            after=_document_snapshot(document),
            organisation=library.organisation,
        )
        if not sync:
            transaction.on_commit(lambda: enqueue_ingestion(document.pk))
    if sync:
        return ingest_document(document.pk) or document
    return document


# ------------------------------------------------------------------ statutes


def statute_header(data: bytes) -> dict[str, Any]:
    """Number, title, source and repeal of a statute file (``shared/data/law``) or an EU regulation (``law-eu``)."""
    try:
        header = load_json(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise ValidationError(_("JSON-filen är skadad och kan inte läsas."), code="corrupt") from None
    if isinstance(header, dict) and isinstance(header.get("provisions"), list):
        repealed, note = repeal_of(header)
        return {
            "number": str(header.get("id") or "")[:30],
            "title": str(header.get("title") or ""),
            "url": str(header.get("url") or "")[:500],
            "repealed": repealed,
            "repealed_note": note,
        }
    if isinstance(header, dict) and header.get("celex_id") and isinstance(header.get("articles"), list):
        from kraft.knowledge.ingestion.eu_regulation import swedish_metadata

        swedish = swedish_metadata().get(str(header["celex_id"]), {})
        return {
            "number": str(swedish.get("number") or header["celex_id"])[:30],
            "title": str(swedish.get("title") or header.get("full_name") or header["celex_id"]),
            "url": str(swedish.get("eur_lex_sv") or header.get("eur_lex_url") or "")[:500],
            "repealed": False,
            "repealed_note": "",
        }
    raise ValidationError(_("JSON-filen är inte i författningsformatet."), code="unsupported")


def import_statute(library: Library, source: str | Path | bytes, actor: Any = None, *, sync: bool = True) -> Document:
    """Import one statute in the JSON format of ``shared/data/law``, or an EU regulation in that of ``law-eu``.

    Idempotent: the same file again is a no-op; a changed file for the same SFS (or EU) number becomes a new
    version that replaces the old one. With ``sync`` the statute is ingested at once (demo, command line, benchmarks).
    """
    if actor is not None:
        _require(can_edit_library(actor, library))
    data = Path(source).read_bytes() if isinstance(source, str | Path) else bytes(source)
    header = statute_header(data)
    sha256 = hashlib.sha256(data).hexdigest()
    sfs = header["number"]
    current = library.documents.filter(sfs_number=sfs, status__in=LIVE_STATUSES).first() if sfs else None
    if current is None:
        current = _duplicate_of(library, sha256)
    if current is not None and current.sha256 == sha256:
        if current.status != Document.Status.READY and sync:
            return ingest_document(current.pk) or current
        return current
    name = PurePath(str(source)).name if isinstance(source, str | Path) else f"{sfs.replace(':', '-') or 'sfs'}.json"
    document = Document(
        library=library,
        title=(header["title"] or name)[:300],
        kind=Document.Kind.STATUTE,
        source_name=name,
        source_url=header["url"],
        mime_type=MIME_TYPES["statute"],
        size=len(data),
        sha256=sha256,
        sfs_number=sfs,
        repealed=header["repealed"],
        repealed_note=header["repealed_note"],
        replaces=current,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    document.file.save(name, ContentFile(data), save=False)
    with transaction.atomic():
        document.save()
        record(
            actor or SYSTEM,
            "knowledge.document.imported",
            document,
            after=_document_snapshot(document),
            organisation=library.organisation,
        )
        if not sync:
            transaction.on_commit(lambda: enqueue_ingestion(document.pk))
    if sync:
        return ingest_document(document.pk) or document
    return document
