"""The benchmark's own database, kept between runs and keyed by the corpus, so a corpus is imported once.

The database's name says which corpus and embedder it holds; the benchmark library's name says which version of
the code that turns files into passages and index entries built it (a hash of those modules' source). When that
code changes, the old benchmark library is deleted and the corpus imported again.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings

from kraft.knowledge.answers.bench import Corpus, load_corpus, statute_keys
from kraft.knowledge.models import Document, Library, Passage

SRC = Path(__file__).resolve().parents[2]  # src/kraft
BUILDING_CODE = ("knowledge/ingestion", "knowledge/services.py", "knowledge/search.py", "search/analysis")
NAME_PREFIX = "Benchmark "


def _hash_files(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def corpus_key(path: Path) -> str:
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    embedder = str((getattr(settings, "EMBEDDERS", {}) or {}).get("default", {}).get("BACKEND", "none"))
    return hashlib.sha256((_hash_files(files) + embedder).encode()).hexdigest()[:12]


def code_key() -> str:
    files: list[Path] = []
    for part in BUILDING_CODE:
        target = SRC / part
        files += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    return _hash_files(files)[:12]


def database_name(database: Mapping[str, Any], corpus_path: Path) -> str:
    key = corpus_key(corpus_path)
    if database["ENGINE"].endswith("sqlite3"):
        folder = Path(tempfile.gettempdir()) / "kraft-bench"
        folder.mkdir(exist_ok=True)
        return str(folder / f"answers-{key}.sqlite3")
    return f"{database['NAME']}_bench_{key}"


def load_or_reuse(actor: Any, path: Path, *, reuse: bool) -> Corpus:
    name = NAME_PREFIX + code_key()
    library = Library.objects.filter(name=name).first() if reuse else None
    if library is None or not Document.objects.filter(library=library, status=Document.Status.READY).exists():
        _forget_older(name)
        corpus = load_corpus(actor, path, library_name=name)
        corpus.reused = False
        return corpus
    corpus = Corpus(library=library, reused=True)
    passages = Passage.objects.filter(library=library).select_related("document")
    for passage in passages:
        stem = Path(passage.document.source_name).stem
        corpus.keys[passage.pk] = statute_keys(passage, stem) if path.is_dir() else {_id(passage.document)}
    corpus.documents = Document.objects.filter(library=library, status=Document.Status.READY).count()
    corpus.passages = len(corpus.keys)
    return corpus


def _id(document: Document) -> str:
    return "".join(Path(document.source_name).stem.lower().split())


def _forget_older(keep: str) -> None:
    from kraft.search import service as search_service

    for library in Library.objects.filter(name__startswith=NAME_PREFIX).exclude(name=keep):
        keys = [str(pk) for pk in Passage.objects.filter(library=library).values_list("pk", flat=True)]
        search_service.delete_documents("passages", keys)
        library.delete()
