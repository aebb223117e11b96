"""The ask page, one answer, and each person's own history. Answers come from ``answers.service`` only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.core import throttle
from kraft.knowledge.answers import history, learning, notices
from kraft.knowledge.answers.forms import AskForm, FeedbackForm, RejectWordForm
from kraft.knowledge.answers.presentation import present
from kraft.knowledge.answers.service import answer_question
from kraft.knowledge.models import Passage
from kraft.knowledge.models_answers import Answer
from kraft.knowledge.selectors import can_edit_library, get_library_for_user

HISTORY_PER_PAGE = 20


def ask(request: HttpRequest) -> HttpResponse:
    # ``?fraga=`` fills in the question (the search page and empty lists offer the knowledge support this way).
    form = AskForm(request.POST or None, user=request.user, initial={"question": request.GET.get("fraga", "")[:500]})
    result = None
    throttled = False
    if request.method == "POST" and form.is_valid() and not _allowed(request):
        form.add_error(None, THROTTLED)
        throttled = True
    elif request.method == "POST" and form.is_valid():
        result = answer_question(
            request.user,
            form.cleaned_data["question"],
            language=getattr(request, "LANGUAGE_CODE", "sv"),
            library_ids=form.library_ids(),
        )
        if result.answer_id is not None:
            return redirect("knowledge:answer", pk=result.answer_id)
    recent = history.user_answers(request.user)[:5] if request.user.is_authenticated else []
    context = {
        "form": form,
        "result": result,
        "notices": notices.messages(result.notices) if result else [],
        "recent": recent,
    }
    status = 429 if throttled else 400 if form.errors else 200
    return render(request, "knowledge/ask.html", context, status=status)


THROTTLED = _("Många frågor har ställts härifrån på kort tid. Vänta en stund, eller logga in, och försök igen.")


def _allowed(request: HttpRequest) -> bool:
    """People who are not signed in share a rate per address (``KRAFT_THROTTLE_ANONYMOUS_ANSWERS``)."""
    return request.user.is_authenticated or throttle.allow("anonymous_answers", throttle.client_address(request))


def _answer_page(
    request: HttpRequest, answer: Answer, form: FeedbackForm | None = None, status: int = 200
) -> HttpResponse:
    """One answer with its feedback form; ``form`` is a submitted one to show again with its errors."""
    result = present(request.user, answer)
    existing = answer.feedback.filter(user_id=answer.question.user_id).first()
    if form is None:
        form = FeedbackForm(initial=_initial(existing), sources=result.sources)
    context = {
        "answer": answer,
        "result": result,
        "notices": notices.messages(result.notices),
        "feedback_form": form,
        "feedback": existing,
        "learning_askers": learning.askers_needed(),
    }
    return render(request, "knowledge/answer_detail.html", context, status=status)


def _initial(existing: Any) -> dict[str, Any] | None:
    if existing is None:
        return None
    helpful = "1" if existing.helpful else "0"
    return {"helpful": helpful, "comment": existing.comment, "source": existing.source_number or ""}


@login_required
def answer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer_page(request, history.get_answer_for_user(request.user, pk))


@login_required
@require_POST
def answer_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    answer = history.get_answer_for_user(request.user, pk)
    form = FeedbackForm(request.POST, sources=present(request.user, answer).sources)
    if not form.is_valid():
        return _answer_page(request, answer, form, status=400)
    history.give_feedback(
        request.user,
        answer,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
        source=form.cleaned_data["source"],
    )
    messages.success(request, _("Tack! Din återkoppling är sparad."))
    return redirect(f"{answer.get_absolute_url()}#aterkoppling")


@login_required
def answer_history(request: HttpRequest) -> HttpResponse:
    page = Paginator(history.user_answers(request.user), HISTORY_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "retention_days": settings.ANSWER_HISTORY_DAYS}
    return render(request, "knowledge/answer_history.html", context)


@login_required
@require_POST
def answer_history_delete(request: HttpRequest) -> HttpResponse:
    count = history.delete_history(request.user)
    messages.success(request, _("Din historik är raderad (%(count)s frågor).") % {"count": count})
    return redirect("knowledge:history")


@login_required
def learned_words(request: HttpRequest, pk: int) -> HttpResponse:
    """The words a library's paragraphs learnt from helpful answers, for those who edit it to review and take away."""
    library = get_library_for_user(request.user, pk)
    if not can_edit_library(request.user, library):
        raise PermissionDenied
    if request.method == "POST":
        form = RejectWordForm(request.POST)
        if not form.is_valid():
            return HttpResponse(_("Ogiltig begäran."), status=400)
        passage = get_object_or_404(Passage, pk=form.cleaned_data["passage"], library=library)
        word = form.cleaned_data["word"]
        learning.reject_word(request.user, passage, word)
        messages.success(
            request,
            _("Ordet ”%(word)s” är borttaget från %(citation)s och lärs inte in där igen.")
            % {"word": word, "citation": passage.citation},
        )
        return redirect("knowledge:learned_words", pk=library.pk)
    context = {"library": library, "rows": learning.library_words(library), "askers_needed": learning.askers_needed()}
    return render(request, "knowledge/learned_words.html", context)
