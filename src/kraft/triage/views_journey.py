"""The triage journey: one question at a time, back and forward, a summary, and saving.

Answers in progress are kept in the person's session (a draft per initiative), so nothing is written until they
save; the draft starts from the stored triage when there is one. Going back and choosing differently keeps the
answers that are still on the path and drops – with a message – those that no longer are. Saving goes through
``services.save_triage``, which refuses a stale save (someone saved a newer triage meanwhile) and changes nothing.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.initiatives.models import Initiative
from kraft.triage import engine, presentation, rules, selectors, services

RATIONALE_MAX = services.RATIONALE_MAX


def _session_key(initiative: Initiative) -> str:
    return f"triage:{initiative.pk}"


def _editable(request: HttpRequest, pk: int) -> Initiative:
    initiative = selectors.get_initiative(request.user, pk)
    if not services.can_triage(request.user, initiative):
        raise PermissionDenied(
            _("Du behöver vara redaktör i den ansvariga organisationen för att göra triagen för initiativet.")
        )
    return initiative


def _draft(request: HttpRequest, initiative: Initiative, rule_set: rules.Rules) -> dict[str, Any]:
    draft: dict[str, Any] | None = request.session.get(_session_key(initiative))
    if draft is None:
        stored = selectors.triage_of(initiative)
        draft = {
            "rules": rule_set.version,
            "base": stored.version if stored else 0,
            "answers": stored.answer_map() if stored else {},
            "rationales": stored.rationales() if stored else {},
        }
    elif draft.get("rules") != rule_set.version:
        messages.info(
            request,
            _("Reglerna har uppdaterats till version %(version)s. Kontrollera svaren; de som gäller finns kvar.")
            % {"version": rule_set.version},
        )
        draft["rules"] = rule_set.version
    return draft


def _keep(request: HttpRequest, initiative: Initiative, draft: dict[str, Any]) -> None:
    request.session[_session_key(initiative)] = draft


def _journey_url(initiative: Initiative, question_id: str = "") -> str:
    url = reverse("triage:journey", args=[initiative.pk])
    return f"{url}?{urlencode({'fraga': question_id})}" if question_id else url


@login_required
def journey_view(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _editable(request, pk)
    rule_set = rules.current()
    draft = _draft(request, initiative, rule_set)
    _keep(request, initiative, draft)
    done = engine.walk(rule_set, draft["answers"], services.context_labels(rule_set, initiative))
    if request.method == "POST":
        return _answer(request, initiative, rule_set, draft, done)
    wanted = request.GET.get("fraga", "")
    if wanted:
        if done.position(wanted) is None:
            return _question_page(
                request,
                initiative,
                rule_set,
                draft,
                done,
                done.pending,
                error=_('Frågan "%(question)s" ligger inte på vägen för dina svar. Här är frågan du är på.')
                % {"question": rule_set.questions[wanted].text if wanted in rule_set.questions else wanted[:60]},
                status=400,
            )
        return _question_page(request, initiative, rule_set, draft, done, rule_set.questions[wanted])
    if done.pending is not None:
        return _question_page(request, initiative, rule_set, draft, done, done.pending)
    return _summary_page(request, initiative, rule_set, draft, done)


def _answer(
    request: HttpRequest, initiative: Initiative, rule_set: rules.Rules, draft: dict[str, Any], done: engine.Walk
) -> HttpResponse:
    question_id = request.POST.get("question", "")
    rationale = request.POST.get("rationale", "").replace("\x00", "").strip()
    if question_id not in rule_set.questions or done.position(question_id) is None:
        return _question_page(
            request,
            initiative,
            rule_set,
            draft,
            done,
            done.pending,
            error=_("Frågan du svarade på ligger inte på vägen för dina svar. Inget har ändrats."),
            status=400,
        )
    question = rule_set.questions[question_id]
    answer = question.answer(request.POST.get("answer", ""))
    error = ""
    if answer is None:
        error = _("Välj ett av svaren.")
    elif len(rationale) > RATIONALE_MAX:
        error = _("Motiveringen får vara högst %(max)s tecken.") % {"max": RATIONALE_MAX}
    if answer is None or error:
        return _question_page(
            request, initiative, rule_set, draft, done, question, error=error, typed=rationale, status=400
        )
    draft["answers"][question.id] = answer.id
    if rationale:
        draft["rationales"][question.id] = rationale
    else:
        draft["rationales"].pop(question.id, None)
    after = engine.walk(rule_set, draft["answers"], services.context_labels(rule_set, initiative))
    if after.complete and after.dropped:
        for dropped in after.dropped:
            draft["answers"].pop(dropped, None)
            draft["rationales"].pop(dropped, None)
        names = "; ".join(rule_set.questions[q].text for q in after.dropped if q in rule_set.questions)
        messages.info(
            request,
            _("Svaren på %(count)s frågor gäller inte längre efter ditt ändrade svar och har tagits bort: %(names)s")
            % {"count": len(after.dropped), "names": names},
        )
    _keep(request, initiative, draft)
    index = after.position(question.id)
    if index is not None and index + 1 < len(after.steps):
        return redirect(_journey_url(initiative, after.steps[index + 1].question.id))
    return redirect(_journey_url(initiative))


def _question_page(
    request: HttpRequest,
    initiative: Initiative,
    rule_set: rules.Rules,
    draft: dict[str, Any],
    done: engine.Walk,
    question: rules.Question | None,
    *,
    error: str = "",
    typed: str | None = None,
    status: int = 200,
) -> HttpResponse:
    if question is None:  # the walk is complete: the error is shown on the summary
        return _summary_page(request, initiative, rule_set, draft, done, error=error, status=status)
    position = done.position(question.id) or 0
    previous = done.steps[position - 1].question.id if position > 0 else ""
    context = {
        "initiative": initiative,
        "rules": rule_set,
        "question": question,
        "number": position + 1,
        "answered": done.steps[:position],
        "selected": draft["answers"].get(question.id, ""),
        "rationale": typed if typed is not None else draft["rationales"].get(question.id, ""),
        "rationale_max": RATIONALE_MAX,
        "previous_url": _journey_url(initiative, previous) if previous else "",
        "summary_url": _journey_url(initiative) if done.complete else "",
        "links": presentation.article_links(rule_set, question.refs),
        "error": error,
    }
    return render(request, "triage/question.html", context, status=status)


def _summary_page(
    request: HttpRequest,
    initiative: Initiative,
    rule_set: rules.Rules,
    draft: dict[str, Any],
    done: engine.Walk,
    *,
    error: str = "",
    errors: list[str] | None = None,
    stale: services.StaleTriage | None = None,
    status: int = 200,
) -> HttpResponse:
    result = engine.result(done)
    obligations = list(result.obligations)
    groups = presentation.links_for(rule_set, [o.refs for o in obligations])
    stored = selectors.triage_of(initiative)
    context = {
        "initiative": initiative,
        "rules": rule_set,
        "result": result,
        "obligations": list(zip(obligations, groups, strict=True)),
        "path": presentation.path_lines(done, draft["rationales"]),
        "base_version": stale.current_version if stale else draft["base"],
        "stored": stored,
        "stale": stale,
        "error": error,
        "errors": errors or [],
        "ask_text": presentation.question_for_knowledge_support(initiative.title, done) if done.unknown else "",
        "unknown_links": presentation.article_links(rule_set, done.unknown.refs) if done.unknown else [],
    }
    return render(request, "triage/summary.html", context, status=status)


@login_required
@require_POST
def save_view(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _editable(request, pk)
    rule_set = rules.current()
    draft = _draft(request, initiative, rule_set)
    done = engine.walk(rule_set, draft["answers"], services.context_labels(rule_set, initiative))
    if not done.complete:
        messages.error(request, _("Triagen är inte klar: svara på de återstående frågorna först."))
        return redirect(_journey_url(initiative))
    answers = [
        {"question": s.question.id, "answer": s.answer.id, "rationale": draft["rationales"].get(s.question.id, "")}
        for s in done.steps
    ]
    try:
        base = int(request.POST.get("base_version", draft["base"]))
    except ValueError:
        base = -1
    try:
        services.save_triage(
            request.user, initiative, answers, base, rules_version=request.POST.get("rules_version") or draft["rules"]
        )
    except services.StaleTriage as conflict:
        return _summary_page(request, initiative, rule_set, draft, done, stale=conflict, status=409)
    except ValidationError as exc:
        return _summary_page(request, initiative, rule_set, draft, done, errors=exc.messages, status=400)
    request.session.pop(_session_key(initiative), None)
    messages.success(request, _("Triagen är sparad. Riskklassen och skyldigheterna är uppdaterade."))
    return redirect("triage:initiative", initiative.pk)


@login_required
@require_POST
def restart_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Forget the draft; start again from the stored triage (or from the beginning)."""
    initiative = _editable(request, pk)
    request.session.pop(_session_key(initiative), None)
    if request.POST.get("from_start"):
        rule_set = rules.current()
        stored = selectors.triage_of(initiative)
        _keep(
            request,
            initiative,
            {"rules": rule_set.version, "base": stored.version if stored else 0, "answers": {}, "rationales": {}},
        )
    return redirect(_journey_url(initiative))
