"""Pages of coalitions: list, a coalition, forming one from a need, invitations, commitments, milestones,
the shared library, the joint initiative and the agreement template."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.accounts import permissions
from kraft.coalitions import selectors, services
from kraft.coalitions.forms import AnswerForm, CoalitionForm, CommitmentForm, InviteForm, MilestoneForm
from kraft.coalitions.models import CoalitionMember, Milestone
from kraft.initiatives.forms import apply_service_errors
from kraft.needs.selectors import get_need_for_user


def list_view(request: HttpRequest) -> HttpResponse:
    coalitions = selectors.with_related(selectors.visible_coalitions(request.user)).order_by("-created_at")
    status = request.GET.get("status", "")
    if status:
        coalitions = coalitions.filter(status=status)
    return render(request, "coalitions/list.html", {"coalitions": coalitions[:200], "status": status})


def _scaled(coalition: Any) -> Any:
    if coalition.initiative is None:
        return None
    from kraft.initiatives import roi

    return roi.scaled_impact(coalition.initiative, len(coalition.members.all()), Decimal("1"))


def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    coalition = selectors.get_coalition_for_user(request.user, pk)
    members = list(coalition.members.all())
    can_lead = services.can_lead(request.user, coalition)
    own = permissions.editable_organisation_ids(request.user)
    signalled = []
    if coalition.need is not None and can_lead:
        in_coalition = {m.organisation_id for m in members}
        signalled = list(
            dict.fromkeys(
                s.organisation
                for s in coalition.need.signals.select_related("organisation")
                if s.organisation_id not in in_coalition
            )
        )
    return render(
        request,
        "coalitions/detail.html",
        {
            "coalition": coalition,
            "members": members,
            "lead": selectors.lead_of(coalition),
            "can_lead": can_lead,
            "own_members": [m for m in members if m.organisation_id in own],
            "invitations": list(selectors.invitations_visible_to(request.user, coalition)),
            "invite_form": InviteForm() if can_lead else None,
            "milestone_form": MilestoneForm() if can_lead else None,
            "signalled": signalled,
            "milestones": list(coalition.milestones.all()),
            "unlocked": selectors.unlocked(coalition),
            "facilitators": list(selectors.facilitators(coalition)[:20]) if selectors.unlocked(coalition) else [],
            "see_decisions": selectors.can_see_decisions(request.user, coalition),
            "scaled": _scaled(coalition),
            "library_visible": coalition.library is not None and _library_visible(request.user, coalition),
            "contact_url": f"/meddelanden/nytt/?samverkan={coalition.pk}"
            if permissions.member_organisation_ids(request.user)
            else "",
        },
    )


def _library_visible(user: Any, coalition: Any) -> bool:
    from kraft.knowledge.selectors import can_view_library

    return bool(can_view_library(user, coalition.library))


@login_required
def create_view(request: HttpRequest) -> HttpResponse:
    need = None
    raw = request.GET.get("behov") or request.POST.get("behov")
    if raw:
        need = get_need_for_user(request.user, raw)
    if not permissions.editable_organisation_ids(request.user):
        raise PermissionDenied(_("Du behöver vara redaktör i en organisation för att bilda en samverkan."))
    initial = {"title": need.title if need else "", "description": need.desired_outcome if need else ""}
    form = CoalitionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            coalition = services.create_coalition(
                request.user,
                lead=form.cleaned_data["lead"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                visibility=form.cleaned_data["visibility"],
                need=need,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Samverkan är bildad. Bjud in organisationerna som vill vara med."))
            return redirect("coalitions:detail", coalition.pk)
    return render(request, "coalitions/form.html", {"form": form, "need": need}, status=400 if form.errors else 200)


def _lead_only(request: HttpRequest, pk: int) -> Any:
    coalition = selectors.get_coalition_for_user(request.user, pk)
    if not services.can_lead(request.user, coalition):
        raise PermissionDenied(_("Bara den ledande organisationens redaktörer kan göra det."))
    return coalition


@login_required
@require_POST
def invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    coalition = _lead_only(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite(
                request.user,
                coalition,
                form.cleaned_data["organisation"],
                form.cleaned_data["role"],
                form.cleaned_data["message"],
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("Inbjudan är skickad till %(organisation)s.") % {"organisation": form.cleaned_data["organisation"]},
            )
    else:
        messages.error(request, _("Välj en organisation och en roll."))
    return redirect("coalitions:detail", coalition.pk)


@login_required
def answer_view(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = selectors.get_invitation_for_user(request.user, invitation_id)
    if not services.can_act_for(request.user, invitation.organisation_id):
        raise PermissionDenied(_("Bara redaktörer i den inbjudna organisationen kan svara på inbjudan."))
    form = AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        accept = request.POST.get("answer") == "accept"
        try:
            services.respond(
                request.user,
                invitation,
                accept=accept,
                decision_reference=form.cleaned_data["decision_reference"],
                decision_file=form.cleaned_data["decision_file"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Ni är med i samverkan.") if accept else _("Inbjudan är avböjd."))
            return redirect("coalitions:detail", invitation.coalition_id)
    return render(
        request, "coalitions/answer.html", {"invitation": invitation, "form": form}, status=400 if form.errors else 200
    )


@login_required
def commitment_view(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    coalition = selectors.get_coalition_for_user(request.user, pk)
    member = get_object_or_404(CoalitionMember, pk=member_id, coalition=coalition)
    if not services.can_act_for(request.user, member.organisation_id):
        raise PermissionDenied(_("Bara organisationens redaktörer kan ändra dess åtaganden."))
    initial = {
        "hours": member.hours,
        "kronor": member.kronor,
        "data_offered": member.data,
        "decision_reference": member.decision_reference,
    }
    form = CommitmentForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            values = dict(form.cleaned_data)
            values["data"] = values.pop("data_offered")
            services.update_commitment(request.user, member, **values)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Åtagandena är sparade."))
            return redirect("coalitions:detail", coalition.pk)
    return render(request, "coalitions/commitment.html", {"coalition": coalition, "member": member, "form": form})


@login_required
@require_POST
def leave_view(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    coalition = selectors.get_coalition_for_user(request.user, pk)
    member = get_object_or_404(CoalitionMember, pk=member_id, coalition=coalition)
    try:
        services.leave(request.user, member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(organisation)s har lämnat samverkan.") % {"organisation": member.organisation})
    return redirect("coalitions:detail", coalition.pk)


@login_required
@require_POST
def milestone_view(request: HttpRequest, pk: int) -> HttpResponse:
    coalition = _lead_only(request, pk)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        services.add_milestone(request.user, coalition, form.cleaned_data["title"], form.cleaned_data["due_date"])
        messages.success(request, _("Milstolpen är tillagd."))
    else:
        messages.error(request, _("Ge milstolpen ett namn."))
    return redirect("coalitions:detail", coalition.pk)


@login_required
@require_POST
def milestone_done_view(request: HttpRequest, pk: int, milestone_id: int) -> HttpResponse:
    coalition = _lead_only(request, pk)
    services.complete_milestone(request.user, get_object_or_404(Milestone, pk=milestone_id, coalition=coalition))
    messages.success(request, _("Milstolpen är klar."))
    return redirect("coalitions:detail", coalition.pk)


@login_required
@require_POST
def library_view(request: HttpRequest, pk: int) -> HttpResponse:
    coalition = _lead_only(request, pk)
    try:
        services.share_library(request.user, coalition)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Det gemensamma biblioteket är delat med alla organisationer i samverkan."))
    return redirect("coalitions:detail", coalition.pk)


@login_required
@require_POST
def initiative_view(request: HttpRequest, pk: int) -> HttpResponse:
    coalition = _lead_only(request, pk)
    try:
        initiative = services.start_joint_initiative(request.user, coalition)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("coalitions:detail", coalition.pk)
    messages.success(request, _("Det gemensamma initiativet finns nu i registret."))
    return redirect("initiatives:detail", initiative.pk)


def agreement_view(request: HttpRequest, pk: int) -> HttpResponse:
    coalition = selectors.get_coalition_for_user(request.user, pk)
    if not selectors.unlocked(coalition):
        raise Http404
    return render(
        request,
        "coalitions/agreement.html",
        {"coalition": coalition, "members": list(coalition.members.all()), "lead": selectors.lead_of(coalition)},
    )


@login_required
def decision_view(request: HttpRequest, pk: int, member_id: int) -> FileResponse:
    coalition = selectors.get_coalition_for_user(request.user, pk)
    member = get_object_or_404(CoalitionMember, pk=member_id, coalition=coalition)
    if not member.decision_file or not selectors.can_see_decisions(request.user, coalition):
        raise Http404
    return FileResponse(
        member.decision_file.open("rb"), as_attachment=True, filename=str(member.decision_file.name).rsplit("/", 1)[-1]
    )
