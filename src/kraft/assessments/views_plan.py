"""The 90-day plan: chosen next steps with owners and dates, and each step's progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.assessments import next_steps, selectors, services
from kraft.assessments.forms import PlanItemForm, PlanItemUpdateForm
from kraft.assessments.models import PlanItem
from kraft.assessments.views import _refused


@login_required
@require_POST
def add(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, pk)
    if not services.can_plan(request.user, assessment.organisation_id):
        raise PermissionDenied(_("Du behöver vara redaktör i organisationen för att ändra planen."))
    steps = next_steps.steps_for(assessment, request.user, detailed=False)
    form = PlanItemForm(request.POST, assessment=assessment, steps=steps)
    if form.is_valid():
        try:
            services.add_plan_item(
                request.user,
                assessment,
                form.cleaned_data["step"],
                owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            return _refused(request, assessment, error, {"plan_form": form})
        messages.success(request, _("Steget är tillagt i 90-dagarsplanen."))
        return redirect("assessments:detail", assessment.pk)
    return _refused(
        request, assessment, ValidationError(_("Steget kunde inte läggas till i planen.")), {"plan_form": form}
    )


def _item(request: HttpRequest, pk: int, item_pk: int) -> PlanItem:
    assessment = selectors.get_assessment_for_user(request.user, pk)
    if not selectors.can_view_private(request.user, assessment):
        raise PermissionDenied(_("Planen syns bara för organisationens medlemmar."))
    return get_object_or_404(
        PlanItem.objects.select_related("plan__assessment"), pk=item_pk, plan__assessment=assessment
    )


@login_required
@require_POST
def update(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk)
    assessment = item.plan.assessment
    form = PlanItemUpdateForm(request.POST, item=item)
    if not form.is_valid():
        return _refused(request, assessment, ValidationError(_("Ändringen kunde inte sparas.")), {})
    try:
        services.update_plan_item(
            request.user,
            item,
            status=form.cleaned_data["status"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            expected_version=form.cleaned_data["version"],
        )
    except (ValidationError, services.StaleEdit) as error:
        return _refused(request, assessment, error, {})
    messages.success(request, _("Åtgärden är uppdaterad."))
    return redirect("assessments:detail", assessment.pk)


@login_required
@require_POST
def remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk)
    services.remove_plan_item(request.user, item)
    messages.success(request, _("Åtgärden är borttagen ur planen."))
    return redirect("assessments:detail", pk)
