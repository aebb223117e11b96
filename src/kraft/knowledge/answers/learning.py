"""Learning from helpful answers: the question's words join the paragraphs the answer cited.

People ask in their own words (*hårdhänt*, *tittat i min journal*) and the statutes say something else
(*missförhållande*, *åtkomst*). When an asker says an answer helped, the paragraphs it cited learn the question's
content words that they lack (``LearnedWord``); when the asker names the source that answered (one the answer
listed but perhaps ranked low), that source learns them instead. A word joins a paragraph's search entry — its
``extra`` field — and its ranking once ``settings.ANSWER_LEARNING_ASKERS`` different people have taught it that
word, so the next person who asks the same thing in the same words finds the paragraph, and no single person's
wording (or a name typed in lower case) ever reaches the index. Proper names, numbers, stop words and short words
are never learnt.

The words hang on the feedback: they are forgotten when the asker changes it (to *not helpful*, or to another
source), deletes their history, or the retention period ends (``kraft.knowledge.answers.history``), and the paragraph
is re-indexed.
They help a paragraph be found only by those who may see it anyway. Those who edit its library see the words in
use on the library's *Inlärda ord* page and can take one away (``reject_word``): it is forgotten and never learnt by
that paragraph again. Words fewer people taught are shown to no one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from kraft.audit.services import record
from kraft.knowledge.answers.query import proper_names
from kraft.knowledge.answers.text import STOPWORDS, stem, words
from kraft.knowledge.models import Document, Library, Passage
from kraft.knowledge.models_answers import Answer, AnswerFeedback, LearnedWord, Question, RejectedWord
from kraft.knowledge.selectors import can_edit_library, visible_passages
from kraft.search import service as search_service

MIN_LENGTH = 4  # shorter words are too ambiguous to teach a paragraph
MAX_WORDS = 12  # words learnt from one question, at most (its first content words)


def askers_needed() -> int:
    """How many different people must teach a paragraph a word before it counts; 0 turns learning off."""
    return max(0, int(getattr(settings, "ANSWER_LEARNING_ASKERS", 3)))


def learn(feedback: AnswerFeedback) -> int:
    """Brings the words ``feedback`` teaches in line with it (none unless it says *helpful*); returns how many it
    teaches now. Call it in the transaction that saves the feedback."""
    before = set(feedback.learned_words.values_list("passage_id", flat=True))
    feedback.learned_words.all().delete()
    taught: list[LearnedWord] = []
    passage_ids = taught_passage_ids(feedback)
    if passage_ids and askers_needed():
        question = feedback.answer.question.text
        visible = visible_passages(feedback.user)  # a library made private since the answer teaches nothing
        passages = visible.filter(pk__in=passage_ids).select_related("document")
        refused = _rejected([p.pk for p in passages])
        for passage in passages:
            fresh = [w for w in new_words(question, passage) if w not in refused.get(passage.pk, ())]
            taught += [LearnedWord(feedback=feedback, passage=passage, word=w) for w in fresh]
        LearnedWord.objects.bulk_create(taught)
    reindex(before | {word.passage_id for word in taught})
    return len(taught)


def taught_by(questions: QuerySet[Question]) -> set[int]:
    """The paragraphs that feedback on these questions taught words: re-index them once the questions are deleted."""
    rows = LearnedWord.objects.filter(feedback__answer__question__in=questions)
    return set(rows.values_list("passage_id", flat=True))


def taught_passage_ids(feedback: AnswerFeedback) -> list[int]:
    """The source the asker named as the one that answered; else, when the answer helped, the passages it cited."""
    if feedback.source_number is not None:
        sources = feedback.answer.sources or []
        return [int(s["passage_id"]) for s in sources if s.get("number") == feedback.source_number]
    return cited_passage_ids(feedback.answer) if feedback.helpful else []


def cited_passage_ids(answer: Answer) -> list[int]:
    """The passages the answer's claims cite (not every source it listed)."""
    numbers = {number for claim in answer.claims or [] for number in claim.get("citations", [])}
    return [int(s["passage_id"]) for s in answer.sources or [] if s.get("number") in numbers and s.get("passage_id")]


def new_words(question: str, passage: Passage) -> list[str]:
    """The question's content words that the paragraph (text, heading and statute title) lacks, by stem."""
    names = {name.casefold() for name in proper_names(question, [])}
    own = {stem(w) for w in words(f"{passage.text} {passage.heading} {passage.document.title}")}
    found: list[str] = []
    for word in dict.fromkeys(words(question)):
        if len(word) < MIN_LENGTH or not word.isalpha() or word in STOPWORDS or word in names:
            continue
        if stem(word) not in own and len(found) < MAX_WORDS:
            found.append(word[: LearnedWord._meta.get_field("word").max_length])
    return found


def learned_words(passage_ids: Iterable[int] | None = None) -> dict[int, list[str]]:
    """Each paragraph's words that enough different people taught it (all paragraphs when ``passage_ids`` is None)."""
    rows = LearnedWord.objects.all()
    if passage_ids is not None:
        rows = rows.filter(passage_id__in=list(passage_ids))
    found: dict[int, list[str]] = defaultdict(list)
    for row in _in_use(rows).order_by("passage_id", "word"):
        found[row["passage_id"]].append(row["word"])
    return dict(found)


def library_words(library: Library) -> list[dict[str, Any]]:
    """The words in use in a library's paragraphs, most taught first: passage, word and how many people taught it."""
    rows = list(_in_use(LearnedWord.objects.filter(passage__library=library)).order_by("-askers", "passage_id", "word"))
    passages = Passage.objects.filter(pk__in={row["passage_id"] for row in rows}).select_related("document")
    by_id = {passage.pk: passage for passage in passages}
    return [{**row, "passage": by_id[row["passage_id"]]} for row in rows if row["passage_id"] in by_id]


def _in_use(rows: QuerySet[LearnedWord]) -> QuerySet[Any, Any]:
    """(passage, word, askers) for the words enough different people taught; none when learning is off."""
    needed = askers_needed()
    counted = (rows if needed else rows.none()).values("passage_id", "word")
    return counted.annotate(askers=Count("feedback__user", distinct=True)).filter(askers__gte=needed)


def reject_word(actor: Any, passage: Passage, word: str) -> int:
    """Takes ``word`` from ``passage`` for good (those who edit its library); returns how many people had taught it."""
    if not can_edit_library(actor, passage.library):
        raise PermissionDenied
    word = word.strip().lower()[: RejectedWord._meta.get_field("word").max_length]
    with transaction.atomic():
        rows = LearnedWord.objects.filter(passage=passage, word=word)
        askers = rows.values("feedback__user").distinct().count()
        rows.delete()
        RejectedWord.objects.get_or_create(passage=passage, word=word, defaults={"rejected_by": actor})
        reindex({passage.pk})
        record(
            actor,
            "knowledge.learned_word.rejected",
            passage,
            target_label=passage.citation,
            after={"word": word, "askers": askers},
        )
    return askers


def _rejected(passage_ids: list[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for passage_id, word in RejectedWord.objects.filter(passage_id__in=passage_ids).values_list("passage_id", "word"):
        found[passage_id].add(word)
    return found


def carry_over(old: Document, new: Document) -> int:
    """A new version of a document keeps what the old one learnt and was refused: each word moves to the new
    passage with the same place (chapter and §, or article, paragraph and point; or ordinal for other documents).
    Call it in the transaction that makes ``new`` ready; returns how many learnt words moved."""
    targets: dict[tuple[str, ...], int] = {}
    for passage in Passage.objects.filter(document=new).order_by("ordinal"):
        targets.setdefault(_place(passage), passage.pk)
    taught = Q(learned_words__isnull=False) | Q(rejected_words__isnull=False)
    old_passages = Passage.objects.filter(taught, document=old).distinct()
    moved = {p.pk: targets[_place(p)] for p in old_passages if _place(p) in targets}
    learnt = [
        LearnedWord(feedback_id=feedback_id, passage_id=moved[passage_id], word=word)
        for feedback_id, passage_id, word in LearnedWord.objects.filter(passage_id__in=moved).values_list(
            "feedback_id", "passage_id", "word"
        )
    ]
    refused = [
        RejectedWord(passage_id=moved[passage_id], word=word, rejected_by_id=by)
        for passage_id, word, by in RejectedWord.objects.filter(passage_id__in=moved).values_list(
            "passage_id", "word", "rejected_by_id"
        )
    ]
    LearnedWord.objects.bulk_create(learnt, ignore_conflicts=True)
    RejectedWord.objects.bulk_create(refused, ignore_conflicts=True)
    reindex(set(moved.values()))
    return len(learnt)


def _place(passage: Passage) -> tuple[str, ...]:
    if passage.section or passage.article:
        return (passage.chapter, passage.section, passage.article, passage.paragraph, passage.point)
    return ("ordinal", str(passage.ordinal))


def reindex(passage_ids: set[int]) -> None:
    for passage in Passage.objects.filter(pk__in=passage_ids).select_related("document", "library"):
        search_service.index_object(passage)
