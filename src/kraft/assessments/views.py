"""Pages of the maturity assessment: overview, start, one assessment, invitations, closing, publishing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.accounts import permissions
from kraft.assessments import bank as banks
from kraft.assessments import next_steps, peers, presentation, selectors, services
from kraft.assessments.forms import InviteForm, PlanItemForm, PlanItemUpdateForm, PublicationForm, StartForm
from kraft.assessments.models import Assessment
from kraft.initiatives.forms import apply_service_errors


def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    own_ids = permissions.member_organisation_ids(user)
    visible = selectors.visible_assessments(user)
    context = {
        "invitations": selectors.open_invitations(user),
        "plan_items": selectors.plan_items_owned(user),
        "own": visible.filter(organisation_id__in=own_ids).order_by("organisation__name", "-round"),
        "published": visible.filter(is_published=True, status=Assessment.Status.CLOSED)
        .exclude(organisation_id__in=own_ids)
        .order_by("organisation__name", "-round")[:100],
        "can_start": bool(permissions.administered_organisation_ids(user)) or permissions.is_staff(user),
    }
    return render(request, "assessments/index.html", context)


def question_bank(request: HttpRequest) -> HttpResponse:
    bank = banks.load()
    grid = [
        (d, [(level.level, level.name, d.level_text(level.level)) for level in bank.levels]) for d in bank.dimensions
    ]
    return render(request, "assessments/bank.html", {"bank": bank, "grid": grid})


@login_required
def start(request: HttpRequest) -> HttpResponse:
    if not (permissions.administered_organisation_ids(request.user) or permissions.is_staff(request.user)):
        raise PermissionDenied(_("Bara organisationers administratörer kan starta en mognadsbedömning."))
    preset = request.GET.get("organisation", "")
    form = StartForm(
        request.POST or None, user=request.user, initial={"organisation": preset} if preset.isdigit() else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(
                request.user,
                form.cleaned_data["organisation"],
                title=form.cleaned_data["title"],
                open_to_contact=form.cleaned_data["open_to_contact"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Bedömningen är startad. Bjud in personer att svara."))
            return redirect("assessments:detail", assessment.pk)
    return render(request, "assessments/start.html", {"form": form}, status=400 if form.errors else 200)


def _detail_context(request: HttpRequest, assessment: Assessment) -> dict[str, Any]:
    user = request.user
    private = selectors.can_view_private(user, assessment)
    manage = services.can_manage(user, assessment.organisation_id)
    context: dict[str, Any] = {
        "assessment": assessment,
        "bank": banks.load(assessment.bank_version),
        "private": private,
        "can_manage": manage,
        "can_plan": services.can_plan(user, assessment.organisation_id),
        "invitation": selectors.invitation_of(user, assessment),
        "rounds": selectors.rounds_of(user, assessment.organisation),
    }
    if private:
        context["invitations"] = selectors.invitations_of(assessment)
    if manage and assessment.is_open:
        context["invite_form"] = InviteForm(assessment=assessment)
    if manage:
        context["publication_form"] = PublicationForm(
            initial={
                "version": assessment.version,
                "is_published": assessment.is_published,
                "open_to_contact": assessment.open_to_contact,
            }
        )
    if not assessment.is_open:
        rows = presentation.rows(assessment, user)
        steps = next_steps.steps_for(assessment, user, {r.dimension.id: r.evidence for r in rows})
        context.update(rows=rows, radar=presentation.radar(assessment, rows), steps=steps)
        context.update(_peer_context(assessment, private))
        if private:
            context["attached"] = presentation.attached_evidence(assessment)
            items = list(selectors.plan_items_of(assessment))
            planned = {item.step_id for item in items}
            context["plan_items"] = [
                (
                    item,
                    PlanItemUpdateForm(
                        item=item,
                        initial={
                            "version": item.version,
                            "status": item.status,
                            "owner": item.owner_id,
                            "due_on": item.due_on,
                        },
                    ),
                )
                for item in items
            ]
            context["plan"] = getattr(assessment, "plan", None)
            open_steps = [s for s in steps if s.id not in planned]
            if context["can_plan"] and open_steps:
                context["plan_form"] = PlanItemForm(assessment=assessment, steps=open_steps)
    return context


def _peer_context(assessment: Assessment, private: bool) -> dict[str, Any]:
    """The comparison with organisations of the same kind, on the assessment's own page (k ≥ 5 as everywhere)."""
    organisation = assessment.organisation
    group = peers.Group.like(organisation, "kind")
    try:
        comparison = peers.compare(group, organisation if private else None)
    except peers.GroupTooSmall as error:
        return {"peer_refused": str(error)}
    return {"peer": comparison, "peer_kind": organisation.get_kind_display()}


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, pk)
    return render(request, "assessments/detail.html", _detail_context(request, assessment))


def _managed(request: HttpRequest, pk: int) -> Assessment:
    assessment = selectors.get_assessment_for_user(request.user, pk)
    if not services.can_manage(request.user, assessment.organisation_id):
        raise PermissionDenied(_("Bara organisationens administratörer kan hantera bedömningen."))
    return assessment


def _refused(request: HttpRequest, assessment: Assessment, error: Exception, extra: dict[str, Any]) -> HttpResponse:
    context = _detail_context(request, assessment)
    context.update(extra)
    messages_list = error.messages if isinstance(error, ValidationError) else [str(error)]
    context["errors"] = messages_list
    return render(request, "assessments/detail.html", context, status=400)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _managed(request, pk)
    form = InviteForm(request.POST, assessment=assessment)
    if form.is_valid():
        try:
            services.invite_respondent(
                request.user, assessment, form.cleaned_data["respondent"], form.cleaned_data["role"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Personen är inbjuden och ser bedömningen under Mognad."))
            return redirect("assessments:detail", assessment.pk)
    return _refused(request, assessment, ValidationError(_("Inbjudan kunde inte sparas.")), {"invite_form": form})


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _managed(request, pk)
    try:
        services.close_assessment(request.user, assessment, _version(request))
    except (ValidationError, services.StaleEdit) as error:
        return _refused(request, assessment, error, {})
    messages.success(request, _("Bedömningen är stängd och resultatet räknat."))
    return redirect("assessments:detail", assessment.pk)


@login_required
@require_POST
def publication(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _managed(request, pk)
    form = PublicationForm(request.POST)
    if not form.is_valid():
        return _refused(request, assessment, ValidationError(_("Formuläret är ofullständigt.")), {})
    try:
        services.set_publication(
            request.user,
            assessment,
            published=form.cleaned_data["is_published"],
            open_to_contact=form.cleaned_data["open_to_contact"],
            expected_version=form.cleaned_data["version"],
        )
    except (ValidationError, services.StaleEdit) as error:
        return _refused(request, assessment, error, {})
    messages.success(request, _("Inställningarna för publicering är sparade."))
    return redirect("assessments:detail", assessment.pk)


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None
