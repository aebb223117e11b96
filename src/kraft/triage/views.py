"""Pages that read triages: an initiative's result and checklist, one checklist item, the overviews, the rules.

The journey that writes a triage is in ``views_journey.py``; the inventory export in ``exports.py``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.accounts import permissions
from kraft.initiatives.models import Initiative
from kraft.organisations.selectors import active_members, get_organisation_for_user
from kraft.triage import engine, presentation, rules, selectors, services
from kraft.triage.forms import ObligationForm
from kraft.triage.models import Obligation


def initiative_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored result, the checklist and (for members) the answers behind it."""
    initiative = selectors.get_initiative(request.user, pk)
    triage = selectors.triage_of(initiative)
    rule_set = rules.current()
    details = services.can_view_details(request.user, initiative)
    obligations = list(selectors.obligations_of(initiative, active_only=False))
    today = timezone.localdate()
    stored_rules = rules.version(triage.rules_version) if triage else None
    path: list[dict[str, Any]] = []
    in_use = True
    if triage and stored_rules:
        done = engine.walk(stored_rules, triage.answer_map(), services.context_labels(stored_rules, initiative))
        in_use = services.IN_USE in done.labels
        if details:
            path = presentation.path_lines(done, triage.rationales())
    result = initiative.ai_act_triage or {}
    context = {
        "initiative": initiative,
        "triage": triage,
        "result": result,
        "result_rules": stored_rules or rule_set,
        "role_names": [_label(rule_set, r) for r in result.get("roles", [])],
        "open_question": rule_set.questions.get(result.get("open_question", "")),
        "rules": rule_set,
        "details": details,
        "can_triage": services.can_triage(request.user, initiative),
        "rows": [
            {
                "item": o,
                "links": links,
                "overdue": o.is_overdue(today),
                "soon": o.is_due_soon(today=today),
                "before_go_live": o.deadline is None and o.is_open and not in_use,
            }
            for o, links in zip(obligations, presentation.obligation_groups(rule_set, obligations), strict=True)
        ],
        "path": path,
        "rerun": triage.rerun if triage else {},
        "rerun_missing": [
            rule_set.questions[q] for q in (triage.rerun or {}).get("missing", []) if q in rule_set.questions
        ]
        if triage
        else [],
        "titles": {o.key: o.title for o in obligations},
    }
    return render(request, "triage/initiative.html", context)


def _missing(rule_set: rules.Rules, rerun: dict[str, Any]) -> list[rules.Question]:
    return [rule_set.questions[q] for q in (rerun or {}).get("missing", []) if q in rule_set.questions]


def _label(rule_set: rules.Rules, label: str) -> str:
    return rule_set.labels[label].text if label in rule_set.labels else label


@login_required
def obligation_view(request: HttpRequest, pk: int, obligation_id: int) -> HttpResponse:
    initiative = selectors.get_initiative(request.user, pk)
    if not services.can_triage(request.user, initiative):
        raise PermissionDenied(_("Du behöver vara redaktör i den ansvariga organisationen för att ändra skyldigheten."))
    obligation = get_object_or_404(Obligation, pk=obligation_id, initiative=initiative)
    members = [m.user for m in active_members(initiative.lead_organisation)] if initiative.lead_organisation else []
    documents = _library_documents(initiative)
    form = ObligationForm(
        request.POST or None,
        initial=ObligationForm.initial_for(obligation),
        members=members,
        documents=documents,
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_obligation(request.user, obligation, form.service_data(), form.cleaned_data["version"])
        except services.StaleObligation as conflict:
            stale = conflict
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, _("Skyldigheten är uppdaterad."))
            return redirect("triage:initiative", initiative.pk)
    status = 409 if stale else 400 if form.errors else 200
    context = {"initiative": initiative, "obligation": obligation, "form": form, "stale": stale}
    return render(request, "triage/obligation.html", context, status=status)


def _library_documents(initiative: Initiative) -> list[Any]:
    from kraft.knowledge.models import Document

    if initiative.lead_organisation_id is None:
        return []
    return list(
        Document.objects.filter(library__organisation_id=initiative.lead_organisation_id, status=Document.Status.READY)
        .select_related("library")
        .order_by("title")[:500]
    )


def organisation_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk)
    overview = selectors.organisation_overview(request.user, organisation)
    systems = selectors.organisation_initiatives(request.user, organisation).order_by("risk_class", "title")[:200]
    return render(request, "triage/organisation.html", {"overview": overview, "systems": systems})


def national_view(request: HttpRequest) -> HttpResponse:
    return render(request, "triage/national.html", {"overview": selectors.national_overview()})


def rules_view(request: HttpRequest) -> HttpResponse:
    """The current rules in full (questions, conclusions, obligations), older versions and, for staff, re-runs."""
    rule_set = rules.current()
    conclusions = list(rule_set.conclusions.values())
    obligations = list(rule_set.obligations.values())
    groups = presentation.links_for(
        rule_set, [q.refs for q in rule_set.questions.values()] + [o.refs for o in obligations]
    )
    staff = permissions.is_staff(request.user)
    context = {
        "rules": rule_set,
        "versions": list(rules.all_versions().values()),
        "questions": list(zip(rule_set.questions.values(), groups[: len(rule_set.questions)], strict=True)),
        "conclusions": conclusions,
        "obligations": list(zip(obligations, groups[len(rule_set.questions) :], strict=True)),
        "staff": staff,
        "outdated": selectors.outdated_triages(rule_set).count() if staff else 0,
        "reruns": list(selectors.rerun_changes()[:100]) if staff else [],
    }
    return render(request, "triage/rules.html", context)


@login_required
@require_POST
def rerun_view(request: HttpRequest) -> HttpResponse:
    """Staff: re-run every triage made under an older rules version, in the background."""
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("Bara plattformens personal kan ompröva triager mot en ny regelversion."))
    from kraft.triage.tasks import rerun_triages_task

    rerun_triages_task.enqueue(actor_id=request.user.pk)
    messages.success(request, _("Omprövningen har lagts i kö och körs i bakgrunden."))
    return redirect("triage:rules")
