"""``kraft bench answers``: the product's answer path measured on a corpus and a question set.

A throwaway library is filled through the knowledge services (the statute importer for a directory of statute
JSON files, ordinary uploads for a JSONL corpus), indexed through the search port, and every question is answered
by ``answer_question`` exactly as the ask page does (``bench_scoring``).
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kraft.knowledge import services
from kraft.knowledge.models import Document, Library, Passage


@dataclass
class Corpus:
    library: Library
    keys: dict[int, set[str]] = field(default_factory=dict)  # passage id → identifiers a question may name
    documents: int = 0
    passages: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)
    reused: bool = False  # found in the benchmark's kept database (see ``bench_cache``)


def _norm(identifier: str) -> str:
    return "".join(identifier.lower().split())


def statute_keys(passage: Passage, stem: str) -> set[str]:
    """``1949:105 2:15``, ``1949:105/2:15``, ``tryckfrihetsforordningen#2:15``, the citation … all name one §."""
    section = passage.section.replace(" ", "")
    ref = f"{passage.chapter}:{section}" if passage.chapter else section
    names = {n for n in (passage.document.sfs_number, stem) if n}
    keys = {_norm(passage.citation)}
    for name in names:
        keys.add(_norm(name))
        for sep in (" ", "/", "#", ":", "_", "|"):
            keys.add(_norm(f"{name}{sep}{ref}"))
    return keys


def load_corpus(actor: Any, path: Path, library_name: str = "Benchmark") -> Corpus:
    library = services.create_library(actor, name=library_name, organisation=None, visibility=Library.Visibility.PUBLIC)
    corpus = Corpus(library=library)
    started = time.perf_counter()
    if path.is_dir():
        stems = _import_statutes(actor, library, sorted(path.glob("*.json")), corpus)
        for passage in Passage.objects.filter(library=library).select_related("document"):
            corpus.keys[passage.pk] = statute_keys(passage, stems.get(passage.document_id, ""))
    else:
        ids = _upload_lines(actor, library, path, corpus)
        for passage in Passage.objects.filter(library=library).only("pk", "document_id"):
            corpus.keys[passage.pk] = {_norm(ids.get(passage.document_id, ""))}
    corpus.seconds = time.perf_counter() - started
    corpus.documents = Document.objects.filter(library=library, status=Document.Status.READY).count()
    corpus.passages = Passage.objects.filter(library=library).count()
    return corpus


def _import_statutes(actor: Any, library: Library, files: list[Path], corpus: Corpus) -> dict[int, str]:
    stems: dict[int, str] = {}
    for file in files:
        try:
            document = services.import_statute(library, file, actor, sync=True)
        except ValidationError:
            corpus.failed.append(file.name)  # not a statute (EU references, case law …)
            continue
        if document.status == Document.Status.READY:
            stems[document.pk] = file.stem
        else:
            corpus.failed.append(file.name)
    return stems


def _upload_lines(actor: Any, library: Library, path: Path, corpus: Corpus) -> dict[int, str]:
    ids: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        upload = SimpleUploadedFile(f"{row['id']}.txt", row["text"].encode("utf-8"), content_type="text/plain")
        try:
            document = services.upload_document(actor, library, upload, title=row.get("title") or row["id"])
        except ValidationError as exc:
            corpus.failed.append(f"{row['id']}: {'; '.join(exc.messages)}")
            continue
        document.refresh_from_db()
        if document.status != Document.Status.READY:  # no immediate task backend: ingest here, same service
            services.ingest_document(document.pk)
        ids[document.pk] = str(row["id"])
    return ids


def load_questions(path: Path, limit: int | None = None, seed: int = 13) -> list[dict[str, Any]]:
    questions = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit is not None and limit < len(questions):
        questions = random.Random(seed).sample(questions, limit)  # deterministic sample
    return questions
