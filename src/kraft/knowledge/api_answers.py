"""/api/v1/answers: ask, read your own history, give feedback. Same service and permissions as the pages.

Anyone may ask (answers then come from public libraries only and nothing is stored); history and feedback need a
signed-in person or an API token, and an answer belongs to the person who asked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import field_validator

from kraft.core import throttle
from kraft.core.api import AUTH, OPTIONAL_AUTH, ErrorOut, Id, Page, PageNumber, PageSize, paginate, user_of
from kraft.knowledge.answers import history, notices
from kraft.knowledge.answers.forms import QUESTION_MAX
from kraft.knowledge.answers.history import COMMENT_MAX
from kraft.knowledge.answers.presentation import present
from kraft.knowledge.answers.results import AnswerResult
from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.models_answers import Answer
from kraft.knowledge.selectors import visible_library_ids
from kraft.knowledge.views_answers import THROTTLED

router = Router(tags=["svar"])


class AskIn(Schema):
    question: str = Field(..., description=f"Frågan med egna ord, 3–{QUESTION_MAX} tecken.")
    library_ids: list[Id] | None = Field(
        None, max_length=200, description="Bara dessa bibliotek (annars alla du kan läsa)."
    )

    @field_validator("question")
    @classmethod
    def _length(cls, value: str) -> str:
        # Checked here rather than with max_length so that the refusal is in Swedish, like the ask page's.
        if len(value.strip()) < 3:
            raise ValueError("Skriv en fråga på minst 3 tecken.")
        if len(value) > QUESTION_MAX:
            raise ValueError(f"Frågan får vara högst {QUESTION_MAX} tecken lång (den är {len(value)}).")
        return value


class ClaimOut(Schema):
    text: str
    citations: list[int]
    quote: str
    status: str


class SourceOut(Schema):
    number: int
    passage_id: int
    document_id: int
    label: str
    document_title: str
    url: str
    repealed: bool
    excerpt: str
    source_link: str = ""


class NoticeOut(Schema):
    code: str
    message: str


class AnswerOut(Schema):
    id: int | None
    question: str
    kind: str
    abstained: bool
    text: str
    claims: list[ClaimOut]
    sources: list[SourceOut]
    notices: list[NoticeOut]
    backend: str
    took_ms: int
    created_at: datetime | None = None
    url: str | None = None


class AnswerSummaryOut(Schema):
    id: int
    question: str
    kind: str
    created_at: datetime
    url: str


class FeedbackIn(Schema):
    helpful: bool
    comment: str = Field("", max_length=COMMENT_MAX)
    # the number of the answer's source that answered the question: that source learns the question's words
    source: int | None = Field(None, ge=1, le=1000)


class FeedbackOut(Schema):
    answer_id: int
    helpful: bool
    comment: str
    source: int | None
    updated_at: datetime


def _out(result: AnswerResult, answer: Answer | None = None) -> dict[str, Any]:
    return {
        "id": result.answer_id,
        "question": result.question,
        "kind": result.kind,
        "abstained": result.abstained,
        "text": result.text,
        "claims": [claim.as_dict() for claim in result.claims],
        "sources": [source.as_dict() for source in result.sources],
        "notices": [{"code": n["code"], "message": n["message"]} for n in notices.messages(result.notices)],
        "backend": result.backend,
        "took_ms": result.took_ms,
        "created_at": answer.created_at if answer else None,
        "url": answer.get_absolute_url() if answer else None,
    }


@router.post(
    "/answers",
    response={200: AnswerOut, 404: ErrorOut, 422: ErrorOut},
    auth=OPTIONAL_AUTH,
    summary="Ställ en fråga",
)
def ask(request: HttpRequest, payload: AskIn) -> Any:
    user = user_of(request)
    if not user.is_authenticated and not throttle.allow("anonymous_answers", throttle.client_address(request)):
        raise HttpError(429, str(THROTTLED))
    library_ids = None
    if payload.library_ids is not None:
        if not payload.library_ids or not set(payload.library_ids) <= visible_library_ids(user):
            raise Http404
        library_ids = sorted(set(payload.library_ids))
    language = getattr(request, "LANGUAGE_CODE", "sv")
    result = answer_question(user, payload.question, language=language, library_ids=library_ids)
    answer = Answer.objects.filter(pk=result.answer_id).first() if result.answer_id else None
    return _out(result, answer)


@router.get("/answers", response=Page[AnswerSummaryOut], auth=AUTH, summary="Mina frågor och svar")
def list_answers(request: HttpRequest, page: PageNumber = 1, page_size: PageSize = 20) -> Any:
    data = paginate(history.user_answers(user_of(request)), page, page_size)
    data["results"] = [
        {
            "id": a.pk,
            "question": a.question.text,
            "kind": a.kind,
            "created_at": a.created_at,
            "url": a.get_absolute_url(),
        }
        for a in data["results"]
    ]
    return data


@router.get("/answers/{answer_id}", response={200: AnswerOut, 404: ErrorOut}, auth=AUTH, summary="Ett av mina svar")
def get_answer(request: HttpRequest, answer_id: int) -> Any:
    user = user_of(request)
    answer = history.get_answer_for_user(user, answer_id)
    return _out(present(user, answer), answer)


@router.post(
    "/answers/{answer_id}/feedback",
    response={200: FeedbackOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=AUTH,
    summary="Tumme upp eller ner, med kommentar",
)
def feedback(request: HttpRequest, answer_id: int, payload: FeedbackIn) -> Any:
    user = user_of(request)
    answer = history.get_answer_for_user(user, answer_id)
    saved = history.give_feedback(user, answer, helpful=payload.helpful, comment=payload.comment, source=payload.source)
    return {
        "answer_id": answer.pk,
        "helpful": saved.helpful,
        "comment": saved.comment,
        "source": saved.source_number,
        "updated_at": saved.updated_at,
    }
