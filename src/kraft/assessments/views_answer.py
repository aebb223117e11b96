"""The respondent's page: each answers alone, saves and returns, and hands in when done."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kraft.assessments import bank as banks
from kraft.assessments import selectors, services
from kraft.assessments.models import Assessment, Invitation


def _stored(invitation: Invitation) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {}
    for response in invitation.responses.all():
        values[response.question_id] = {
            "value": services.DONT_KNOW if response.dont_know else str(response.value),
            "url": response.evidence_url,
            "document": str(response.evidence_document_id or ""),
        }
    return values


def _posted(request: HttpRequest, bank: banks.Bank) -> dict[str, dict[str, Any]]:
    return {
        q.id: {
            "value": request.POST.get(f"q-{q.id}", ""),
            "url": request.POST.get(f"url-{q.id}", "").strip(),
            "document": request.POST.get(f"doc-{q.id}", ""),
        }
        for q in bank.questions()
    }


def _documents(assessment: Assessment, posted: dict[str, dict[str, Any]]) -> dict[str, Any]:
    offered = {str(d.pk): d for d in selectors.documents_for(assessment.organisation)}
    chosen: dict[str, Any] = {}
    for question_id, values in posted.items():
        raw = values["document"]
        if raw and raw not in offered:
            raise ValidationError({question_id: _("Välj ett dokument ur organisationens bibliotek.")})
        chosen[question_id] = offered.get(raw)
    return chosen


@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, pk)
    invitation = selectors.invitation_of(request.user, assessment)
    if invitation is None:
        raise PermissionDenied(_("Du är inte inbjuden att svara på den här bedömningen."))
    bank = banks.load(assessment.bank_version)
    values = _stored(invitation)
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        values = _posted(request, bank)
        submit = "submit" in request.POST
        try:
            documents = _documents(assessment, values)
            services.save_answers(
                request.user,
                assessment,
                {q: v["value"] for q, v in values.items()},
                evidence={q: {"url": v["url"], "document": documents.get(q)} for q, v in values.items()},
                submit=submit,
            )
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            status = 400
        else:
            if submit:
                messages.success(
                    request, _("Tack! Dina svar är inskickade. Du kan ändra dem tills bedömningen stängs.")
                )
                return redirect("assessments:detail", assessment.pk)
            messages.success(request, _("Dina svar är sparade. Du kan fortsätta senare."))
            return redirect("assessments:answer", assessment.pk)
    context = {
        "assessment": assessment,
        "invitation": invitation,
        "bank": bank,
        "values": values,
        "errors": errors,
        "general_errors": errors.get("__all__", []),
        "documents": selectors.documents_for(assessment.organisation),
        "levels": [str(level) for level in banks.LEVELS],
        "dont_know": services.DONT_KNOW,
        "answered": sum(1 for v in values.values() if v.get("value")),
        "total": len(bank.questions()),
    }
    return render(request, "assessments/answer.html", context, status=status)
