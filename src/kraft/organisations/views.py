from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.accounts import permissions
from kraft.organisations import extensions, forms, selectors, services
from kraft.organisations.models import Membership, Organisation

PAGE_SIZE = 25


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = forms.OrganisationFilterForm(request.GET or None)
    filters = {"q": "", "kind": "", "county": ""}
    if form.is_valid():
        county = form.cleaned_data["county"]
        filters = {
            "q": form.cleaned_data["q"],
            "kind": form.cleaned_data["kind"],
            "county": county.code if county else "",
        }
    queryset = selectors.organisations_for(request.user, **filters)
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "can_register": permissions.can_register_organisation(request.user),
        "can_review": permissions.can_approve_organisations(request.user),
    }
    return render(request, "organisations/list.html", context)


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, pk)
    can_manage = permissions.can_manage_members(request.user, organisation)
    context = {
        "organisation": organisation,
        "membership": selectors.membership_of(request.user, organisation),
        "members": selectors.active_members(organisation)
        if permissions.can_view_members(request.user, organisation)
        else None,
        "can_edit": permissions.can_edit_organisation(request.user, organisation),
        "can_manage": can_manage,
        "can_view_audit": permissions.can_view_audit(request.user, organisation),
        "pending_count": selectors.pending_requests(organisation).count() if can_manage else 0,
        "join_form": forms.JoinForm(),
        "sections": extensions.organisation_sections(request, organisation),
    }
    return render(request, "organisations/detail.html", context)


@login_required
def organisation_register(request: HttpRequest) -> HttpResponse:
    form = forms.OrganisationRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.register_organisation(request.user, **form.service_fields())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s är registrerad och väntar på att plattformens personal godkänner den. "
                    "Du blir organisationens administratör när den är godkänd."
                )
                % {"name": organisation.name},
            )
            return redirect("organisations:detail", organisation.pk)
    return render(request, "organisations/register.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, pk)
    if not permissions.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    staff = permissions.is_staff(request.user)
    form = forms.OrganisationEditForm(request.POST or None, instance=organisation, staff=staff)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(request.user, organisation, form.changes(), form.cleaned_data["version"])
        except services.StaleEditError as error:
            stale = error
            data = request.POST.copy()
            data["version"] = str(error.current.version)  # saving again is a conscious choice after seeing the changes
            form = forms.OrganisationEditForm(data, instance=error.current, staff=staff)
            form.is_valid()
        except ValidationError as error:
            for field, errors in getattr(error, "message_dict", {"__all__": error.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("organisations:detail", organisation.pk)
    status = 409 if stale else 400 if form.errors else 200
    return render(
        request, "organisations/edit.html", {"organisation": organisation, "form": form, "stale": stale}, status=status
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.can_approve_organisations(request.user):
        raise PermissionDenied
    context = {"organisations": selectors.pending_organisations(), "reject_form": forms.RejectOrganisationForm()}
    return render(request, "organisations/review.html", context)


@login_required
@require_POST
def review_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if not permissions.can_approve_organisations(request.user):
        raise PermissionDenied
    organisation = get_object_or_404(Organisation, pk=pk)
    try:
        if decision == "approve":
            services.approve_organisation(request.user, organisation)
            messages.success(request, _("%(name)s är godkänd.") % {"name": organisation.name})
        else:
            form = forms.RejectOrganisationForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.reject_organisation(request.user, organisation, reason)
            messages.success(request, _("%(name)s är avslagen.") % {"name": organisation.name})
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("organisations:review")


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, pk)
    form = forms.JoinForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services.request_membership(request.user, organisation, message)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Din begäran om medlemskap i %(name)s är skickad. Organisationens administratörer får besluta.")
            % {"name": organisation.name},
        )
    return redirect("organisations:detail", organisation.pk)


@login_required
@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    membership = get_object_or_404(Membership, organisation=organisation, user=request.user)
    try:
        services.remove_member(request.user, membership)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Du är inte längre med i %(name)s.") % {"name": organisation.name})
    return redirect("accounts:profile")


@login_required
def members(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, pk)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    context = {
        "organisation": organisation,
        "members": selectors.active_members(organisation),
        "pending": selectors.pending_requests(organisation),
        "roles": Membership.Role.choices,
    }
    return render(request, "organisations/members.html", context)


@login_required
@require_POST
def member_action(request: HttpRequest, pk: int, membership_pk: int, action: str) -> HttpResponse:
    organisation = selectors.get_organisation_for_user(request.user, pk)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_pk, organisation=organisation
    )
    name = membership.user.get_full_name() or membership.user.get_username()
    role_form = forms.RoleForm(request.POST)
    role = role_form.cleaned_data["role"] if role_form.is_valid() else Membership.Role.MEMBER
    try:
        if action == "approve":
            services.approve_membership(request.user, membership, role)
            text = _("%(name)s är nu medlem med rollen %(role)s.")
        elif action == "reject":
            services.reject_membership(request.user, membership)
            text = _("Begäran från %(name)s är avslagen.")
        elif action == "role":
            if not role_form.is_valid():
                raise ValidationError(_("Välj en roll."))
            services.change_role(request.user, membership, role)
            text = _("%(name)s har nu rollen %(role)s.")
        else:
            services.remove_member(request.user, membership)
            text = _("%(name)s är borttagen ur organisationen.")
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, text % {"name": name, "role": Membership.Role(role).label.lower()})
    return redirect("organisations:members", organisation.pk)


def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/sources.html", {"sources": extensions.data_sources()})
