"""Forms for needs and signals. They only clean input; ``services`` validates and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kraft.accounts import permissions
from kraft.initiatives.models import Initiative, WelfareArea
from kraft.needs import versions
from kraft.needs.models import Need, Signal
from kraft.organisations.models import Organisation

YES_NO_UNKNOWN = [("", _("Vet inte")), ("true", _("Ja")), ("false", _("Nej"))]
FORM_FIELDS = [f for f in versions.CONTENT_FIELDS if f not in ("involves_personal_data", "involves_secrecy")]


def _yes_no(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=YES_NO_UNKNOWN, coerce=lambda v: v == "true", empty_value=None, required=False
    )


class NeedForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Organisation som har behovet"))
    involves_personal_data = _yes_no(_("Rör personuppgifter"))
    involves_secrecy = _yes_no(_("Rör uppgifter som omfattas av sekretess"))
    initiatives = forms.ModelMultipleChoiceField(
        queryset=Initiative.objects.none(),
        label=_("Organisationens egna initiativ som hör till behovet"),
        required=False,
        help_text=_("Håll ned Ctrl (Cmd på Mac) för att välja flera."),
    )

    class Meta:
        model = Need
        fields = FORM_FIELDS
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 6}),
            "desired_outcome": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "constraints": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "problem": _(
                "Beskriv problemet som ni ser det, inte lösningen. Liknande behov och initiativ visas medan du skriver."
            ),
            "visibility": _("Ett utkast syns bara för din organisation tills du publicerar det."),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["welfare_area"].queryset = WelfareArea.objects.all()  # type: ignore[attr-defined]
        self.fields["problem"].required = True
        approved = Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("name")
        if self.instance.pk:
            del self.fields["organisation"]
            organisation_ids = [self.instance.organisation_id]
            self.fields["version"].initial = self.instance.version
            self.initial.setdefault("initiatives", [i.pk for i in self.instance.initiatives.all()])
            for name in ("involves_personal_data", "involves_secrecy"):
                value = getattr(self.instance, name)
                self.initial[name] = "" if value is None else ("true" if value else "false")
        else:
            editable = (
                approved
                if permissions.is_staff(user)
                else approved.filter(pk__in=permissions.editable_organisation_ids(user))
            )
            self.fields["organisation"].queryset = editable  # type: ignore[attr-defined]
            if editable.count() == 1:
                self.fields["organisation"].initial = editable.first()
            organisation_ids = list(editable.values_list("pk", flat=True)[:50])
        self.fields["initiatives"].queryset = (  # type: ignore[attr-defined]
            Initiative.objects.filter(Q(lead_organisation_id__in=organisation_ids) | Q(partners__in=organisation_ids))
            .distinct()
            .order_by("title")
        )
        self.order_fields(["organisation", "title", "problem", "desired_outcome", "target_group", "welfare_area"])

    def content_data(self) -> dict[str, Any]:
        names = (*FORM_FIELDS, "involves_personal_data", "involves_secrecy")
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}

    def _post_clean(self) -> None:
        """The services validate and write; the ModelForm must not touch the instance."""


class SignalForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("För organisationen"),
        error_messages={"invalid_choice": _("Du kan bara signalera för en organisation där du har en roll.")},
    )
    kind = forms.ChoiceField(choices=Signal.Kind.choices, label=_("Signal"), widget=forms.RadioSelect)
    contributions = forms.MultipleChoiceField(
        choices=Signal.Contribution.choices,
        label=_("Vad ni kan bidra med"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.none(), label=_("Initiativet som löste det"), required=False
    )
    comment = forms.CharField(
        label=_("Kommentar"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = sorted(permissions.member_organisation_ids(user))
        organisations = Organisation.objects.filter(pk__in=own).order_by("name")
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if len(own) == 1:
            self.fields["organisation"].initial = own[0]
        self.fields["initiative"].queryset = (  # type: ignore[attr-defined]
            Initiative.objects.filter(Q(lead_organisation_id__in=own) | Q(partners__in=own))
            .exclude(status=Initiative.Status.DRAFT)
            .distinct()
            .order_by("title")
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[c for c in Need.Status.choices if c[0] != Need.Status.DRAFT], label=_("Ny status")
    )
    solved_by = forms.ModelChoiceField(
        queryset=Initiative.objects.exclude(status=Initiative.Status.DRAFT).order_by("title"),
        label=_("Löst av initiativet"),
        required=False,
        help_text=_("Behövs när behovet är löst."),
    )
