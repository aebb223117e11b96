"""``kraft bench answers``: the product's answer path measured on a corpus and a question set.

A throwaway library is filled through the knowledge services (the statute importer for a directory of statute
JSON files, ordinary uploads for a JSONL corpus), indexed through the search port, and every question is answered
by ``answer_question`` exactly as the ask page does.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kraft.knowledge import services
from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.answers.text import occurs_in, split_sentences, term_set
from kraft.knowledge.models import Document, Library, Passage
from kraft.knowledge.search import COLLECTION
from kraft.search import service as search_service
from kraft.search.documents import SearchQuery

ANSWER_CHARS = 300


@dataclass
class Corpus:
    library: Library
    keys: dict[int, set[str]] = field(default_factory=dict)  # passage id → identifiers a question may name
    documents: int = 0
    passages: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)


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


def _contains_gold(text: str, answers: Iterable[str]) -> bool:
    lowered = text[:ANSWER_CHARS].casefold()
    return any(str(gold).casefold() in lowered for gold in answers if str(gold).strip())


def _hit(passage_ids: Iterable[int], relevant: set[str], corpus: Corpus) -> bool:
    return any(corpus.keys.get(pk, set()) & relevant for pk in passage_ids)


def baseline_answer(question: str, library: Library) -> tuple[str, list[int]]:
    """The naive baseline: the search port's BM25 top three, and the sentence sharing most words with the question."""
    hits = search_service.search(
        SearchQuery(collection=COLLECTION, text=question, filters={"library": (str(library.pk),)}, page_size=5)
    ).hits
    ids = [int(h.key) for h in hits]
    texts = dict(Passage.objects.filter(pk__in=ids[:3]).values_list("pk", "text"))
    wanted = term_set(question)
    best, best_overlap = "", -1
    for pk in ids[:3]:
        for sentence in split_sentences(texts.get(pk, "")):
            overlap = len(wanted & term_set(sentence.text))
            if overlap > best_overlap:
                best, best_overlap = sentence.text, overlap
    return best, ids


def evaluate(
    corpus: Corpus, questions: list[dict[str, Any]], progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    anonymous = AnonymousUser()
    answerable = supported = abstained = abstained_right = unanswerable = 0
    with_relevant = recalled = baseline_recalled = baseline_supported = 0
    citations = valid_citations = 0
    timings: list[float] = []
    passage_texts: dict[int, str] = {}
    for index, question in enumerate(questions, start=1):
        gold = [str(a) for a in question.get("answers", [])]
        relevant = {_norm(r) for r in question.get("relevant", [])}
        started = time.perf_counter()
        result = answer_question(anonymous, question["text"], library_ids=[corpus.library.pk], store=False)
        timings.append((time.perf_counter() - started) * 1000)
        baseline, baseline_ids = baseline_answer(question["text"], corpus.library)
        if relevant:
            with_relevant += 1
            recalled += _hit(result.ranked_passage_ids[:5], relevant, corpus)
            baseline_recalled += _hit(baseline_ids[:5], relevant, corpus)
        if gold:
            answerable += 1
            supported += (not result.abstained) and _contains_gold(result.text, gold)
            baseline_supported += _contains_gold(baseline, gold)
        else:
            unanswerable += 1
        if result.abstained:
            abstained += 1
            abstained_right += not gold
        for claim in result.claims:
            for number in claim.citations:
                source = result.source(number)
                citations += 1
                if source is None:
                    continue
                if source.passage_id not in passage_texts:
                    passage_texts[source.passage_id] = (
                        Passage.objects.filter(pk=source.passage_id).values_list("text", flat=True).first() or ""
                    )
                valid_citations += occurs_in(claim.quote or claim.text, passage_texts[source.passage_id])
        if progress:
            progress(index, len(questions))
    timings.sort()
    return {
        "questions": len(questions),
        "answerable": answerable,
        "unanswerable": unanswerable,
        "passage_recall@5": _share(recalled, with_relevant),
        "answer_support": _share(supported, answerable),
        "abstain_precision": _share(abstained_right, abstained),
        "abstain_recall": _share(abstained_right, unanswerable),
        "abstained": abstained,
        "citation_validity": _share(valid_citations, citations),
        "citations": citations,
        "p50_ms": round(statistics.median(timings), 1) if timings else None,
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1) if timings else None,
        "baseline_bm25_top3_best_sentence": {
            "answer_support": _share(baseline_supported, answerable),
            "passage_recall@5": _share(baseline_recalled, with_relevant),
        },
        "corpus": {
            "documents": corpus.documents,
            "passages": corpus.passages,
            "ingestion_seconds": round(corpus.seconds, 1),
            "skipped": corpus.failed[:20],
        },
    }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
