from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.accounts import forms, oidc, permissions, selectors, services, verification
from kraft.accounts.models import ApiToken
from kraft.organisations import selectors as organisation_selectors


def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("workspace:home")
    form = forms.SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = form.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            verification.send_verification(person)
            messages.success(
                request,
                _(
                    "Välkommen till Kraft! Vi har skickat en länk till %(email)s. Öppna den för att bekräfta adressen, "
                    "sedan kan du be om att få gå med i din organisation."
                )
                % {"email": person.email},
            )
            return redirect("workspace:home")
    return render(request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = forms.LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_name"] = oidc.provider_name() if oidc.enabled() else ""
        return context


class LogoutView(auth_views.LogoutView):
    """POST only (Django's own rule), so a link or an image cannot sign anyone out."""


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """An expired or tampered link shows a clear message and a way to ask for a new one (``validlink`` False)."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.ResetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def locked_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/locked_out.html", status=429)


def _profile_context(person: Any) -> dict[str, Any]:
    can_review = permissions.can_approve_organisations(person)
    return {
        "memberships": selectors.memberships_of(person),
        "tokens": selectors.tokens_of(person),
        "administered": organisation_selectors.administered_organisations(person),
        "can_review": can_review,
        "pending_organisations": organisation_selectors.pending_organisations().count() if can_review else 0,
    }


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    person: Any = request.user
    initial = {"first_name": person.first_name, "last_name": person.last_name, "email": person.email}
    form = forms.ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_profile(person, person, form.cleaned_data)
        messages.success(request, _("Profilen är sparad."))
        return redirect("accounts:profile")
    context = {"form": form, "token_form": forms.ApiTokenForm(), **_profile_context(person)}
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    person: Any = request.user
    form = forms.ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = services.create_api_token(request.user, form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The secret is shown on this response only; nothing that could show it again is stored.
            response = render(request, "accounts/token_created.html", {"token": token, "secret": secret})
            response["Cache-Control"] = "no-store"
            return response
    context = {
        "form": forms.ProfileForm(
            initial={"first_name": person.first_name, "last_name": person.last_name, "email": person.email}
        ),
        "token_form": form,
        **_profile_context(person),
    }
    return render(request, "accounts/profile.html", context, status=400)


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(request.user, token)
    messages.success(
        request, _("API-nyckeln ”%(name)s” är återkallad och fungerar inte längre.") % {"name": token.name}
    )
    return redirect("accounts:profile")
