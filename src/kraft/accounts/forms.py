from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from kraft.accounts import services
from kraft.organisations.models import Membership


class SignUpForm(forms.Form):
    username = forms.RegexField(
        label=_("Användarnamn"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        help_text=_("Bokstäver, siffror och tecknen . @ + - _ – högst 150 tecken."),
        error_messages={"invalid": _("Användarnamnet får bara innehålla bokstäver, siffror och . @ + - _")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    first_name = forms.CharField(
        label=_("Förnamn"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Efternamn"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label=_("E-postadress"),
        help_text=_("Används för att återställa lösenordet."),
        error_messages={"invalid": _("Ange en giltig e-postadress, till exempel anna@kommun.se.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Lösenord"),
        strip=False,
        help_text=_("Minst tio tecken. Undvik vanliga lösenord och lösenord som liknar ditt namn."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Upprepa lösenordet"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Användarnamnet är upptaget. Välj ett annat."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Lösenorden är inte likadana. Skriv samma lösenord två gånger."))
        elif first:
            candidate = get_user_model()(
                username=data.get("username", ""),
                email=data.get("email", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

    def save(self) -> Any:
        data = self.cleaned_data
        return services.sign_up(
            username=data["username"],
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Fel användarnamn eller lösenord. Observera att båda skiljer på stora och små bokstäver."),
        "inactive": _("Kontot är inaktiverat."),
    }


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("Förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150)
    email = forms.EmailField(
        label=_("E-postadress"),
        error_messages={"invalid": _("Ange en giltig e-postadress, till exempel anna@kommun.se.")},
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Namn på nyckeln"),
        max_length=100,
        help_text=_("Så att du känner igen den, till exempel ”Rapportskript”."),
    )


class ResetPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Django's form, but the change goes through the service so that it is audited."""

    def save(self, commit: bool = True) -> Any:
        return services.set_password(None, self.user, self.cleaned_data["new_password1"])


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadress"),
        error_messages={"invalid": _("Ange en giltig e-postadress, till exempel anna@kommun.se.")},
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Roll"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        help_text=_("Redaktörer lägger till och ändrar initiativ; administratörer hanterar även medlemmar."),
    )


class InvitedSignUpForm(SignUpForm):
    """Sign-up from an invitation link: the address is the invited one and cannot be changed here."""

    def __init__(self, *args: Any, invited_email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invited_email = invited_email
        self.fields["email"].initial = invited_email
        self.fields["email"].disabled = True
        self.fields["email"].help_text = _("Inbjudan skickades hit, så adressen är redan bekräftad.")

    def save(self) -> Any:
        data = self.cleaned_data
        return services.sign_up(
            username=data["username"],
            email=self.invited_email,
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            verified_how="invitation",
        )
