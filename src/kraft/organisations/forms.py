from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kraft.core.forms import BlankChoiceLabelsMixin, SwedishDecimalField
from kraft.organisations import services
from kraft.organisations.models import County, Membership, Organisation

REGISTRABLE_KINDS = [(k, label) for k, label in Organisation.Kind.choices if k not in Organisation.PRELOADED_KINDS]
REGISTRABLE_LEGAL_FORMS = [
    ("", _("Välj juridisk form")),
    *[(k, label) for k, label in Organisation.LegalForm.choices if k not in ("kommun", "region")],
]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Sök på namn"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Typ"), required=False, choices=[("", _("Alla typer")), *Organisation.Kind.choices]
    )
    county = forms.ModelChoiceField(
        label=_("Län"), required=False, queryset=County.objects.all(), to_field_name="code", empty_label=_("Alla län")
    )


class OrganisationRegisterForm(BlankChoiceLabelsMixin, forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    kind = forms.ChoiceField(label=_("Typ av organisation"), choices=REGISTRABLE_KINDS)
    legal_form = forms.ChoiceField(label=_("Juridisk form"), choices=REGISTRABLE_LEGAL_FORMS, required=False)
    org_number = forms.CharField(
        label=_("Organisationsnummer"),
        max_length=13,
        help_text=_("Tio siffror, till exempel 802012-3456. Numret kontrolleras mot kontrollsiffran."),
    )
    county = forms.ModelChoiceField(
        label=_("Län"), required=False, queryset=County.objects.all(), empty_label=_("Hela landet eller inget län")
    )
    website = forms.URLField(
        label=_("Webbplats"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Ange en fullständig webbadress, till exempel https://forening.se.")},
    )
    email = forms.EmailField(label=_("E-post till organisationen"), required=False)
    description = forms.CharField(label=_("Kort beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean_org_number(self) -> str:
        return services.normalise_org_number(self.cleaned_data["org_number"])

    def apply_errors(self, error: ValidationError) -> None:
        """Puts a service's ValidationError on the matching fields so the person sees where to fix it."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error)

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {
            "name": data.pop("name"),
            "kind": data.pop("kind"),
            "org_number": data.pop("org_number"),
            **data,
        }


class OrganisationEditForm(BlankChoiceLabelsMixin, forms.ModelForm[Organisation]):
    version = forms.IntegerField(widget=forms.HiddenInput)
    website = forms.URLField(
        label=_("Webbplats"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Ange en fullständig webbadress, till exempel https://forening.se.")},
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "official_name",
            "legal_form",
            "county",
            "website",
            "email",
            "description",
            "default_hourly_cost",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        field_classes = {"default_hourly_cost": SwedishDecimalField}

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["default_hourly_cost"].help_text = _(
            "Lön plus personalomkostnader per arbetad timme. Förifylls när någon räknar tidsbesparing i timmar. "
            "Lämna tomt för det nationella förvalet, %(default)s kr."
        ) % {"default": settings.DEFAULT_HOURLY_COST}
        if self.instance.kind in Organisation.PRELOADED_KINDS and not staff:
            for name in ("name", "official_name", "legal_form", "county"):
                self.fields[name].disabled = True
            self.fields["name"].help_text = _(
                "Namn, juridisk form och län kommer från officiella register. Plattformens personal rättar dem."
            )

    def validate_unique(self) -> None:
        """Uniqueness is checked by the service, which also sees concurrent changes."""

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Meddelande till administratörerna (valfritt)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Berätta gärna vem du är och vad du arbetar med."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Roll"), choices=Membership.Role.choices)


class RejectOrganisationForm(forms.Form):
    reason = forms.CharField(label=_("Motivering (valfritt)"), required=False, max_length=500)
