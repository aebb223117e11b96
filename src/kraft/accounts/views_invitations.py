"""Pages for e-mail verification and invitations. The services decide; these pages explain."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.accounts import forms, invitations, permissions, services, verification
from kraft.accounts.models import Invitation
from kraft.organisations.models import Organisation


@login_required
def verify_email_send(request: HttpRequest) -> HttpResponse:
    """GET: whether the address is verified; POST: send a new link."""
    person: Any = request.user
    if request.method == "POST":
        verification.send_verification(person)
        messages.success(request, _("Vi har skickat en ny länk till %(email)s.") % {"email": person.email})
        return redirect("accounts:verify_email_send")
    return render(request, "accounts/verify_email_send.html", {"verified": verification.email_is_verified(person)})


@login_required
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (so that a mail scanner opening the link changes nothing); POST verifies."""
    data = verification.read_token(token)
    if request.method == "POST":
        try:
            services.verify_email(request.user, data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("accounts:verify_email_send")
        messages.success(
            request, _("Tack! Din e-postadress är bekräftad. Nu kan du be om att få gå med i din organisation.")
        )
        return redirect("workspace:home")
    return render(request, "accounts/verify_email.html", {"valid": data is not None, "token": token})


def _invitation_or_error(request: HttpRequest, key: str) -> tuple[Invitation | None, HttpResponse | None]:
    try:
        return invitations.find(key), None
    except ValidationError as error:
        return None, render(request, "accounts/invitation_invalid.html", {"errors": error.messages}, status=410)


def invitation(request: HttpRequest, key: str) -> HttpResponse:
    """The page an invitation link opens: accept when signed in, or create an account with the invited address."""
    found, refusal = _invitation_or_error(request, key)
    if refusal is not None or found is None:
        return refusal or redirect("core:home")
    person: Any = request.user
    if person.is_authenticated:
        if request.method == "POST":
            try:
                invitations.accept(person, key)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("accounts:invitation", key)
            messages.success(
                request,
                _("Välkommen! Du är nu %(role)s i %(organisation)s.")
                % {"role": found.get_role_display().lower(), "organisation": found.organisation.name},
            )
            return redirect("workspace:home")
        return render(request, "accounts/invitation.html", {"invitation": found, "key": key})
    form = forms.InvitedSignUpForm(request.POST or None, invited_email=found.email)
    if request.method == "POST" and form.is_valid():
        try:
            new_person = form.save()
            invitations.accept(new_person, key)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, new_person, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Välkommen till Kraft! Du är nu %(role)s i %(organisation)s.")
                % {"role": found.get_role_display().lower(), "organisation": found.organisation.name},
            )
            return redirect("workspace:home")
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": found, "key": key, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def invitation_accept_addressed(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Gå med" button beside an invitation to my confirmed address on "Mitt arbete"."""
    try:
        accepted = invitations.accept_addressed(request.user, pk)
    except Invitation.DoesNotExist:
        messages.error(request, _("Inbjudan finns inte längre, eller så är den inte skickad till din adress."))
        return redirect("workspace:home")
    messages.success(
        request,
        _("Välkommen! Du är nu %(role)s i %(organisation)s.")
        % {"role": accepted.get_role_display().lower(), "organisation": accepted.organisation.name},
    )
    return redirect("workspace:home")


def apply_service_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _administered(request: HttpRequest, pk: int) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied(_("Bara organisationens administratörer kan bjuda in."))
    return organisation


@login_required
def invitations_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's open invitations and the form to invite someone."""
    organisation = _administered(request, pk)
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitations.invite(request.user, organisation, form.cleaned_data["email"], form.cleaned_data["role"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Inbjudan är skickad till %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("accounts:invitations", organisation.pk)
    context = {"organisation": organisation, "form": form, "open": invitations.open_invitations(organisation)}
    return render(request, "accounts/invitations.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Invitation.objects.select_related("organisation"), pk=pk)
    _administered(request, found.organisation_id)
    try:
        invitations.revoke(request.user, found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Inbjudan till %(email)s är återkallad.") % {"email": found.email})
    return redirect("accounts:invitations", found.organisation_id)
