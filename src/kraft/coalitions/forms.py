"""Forms of coalitions; they only clean input, ``services`` validates and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kraft.accounts import permissions
from kraft.coalitions.models import Coalition, Role
from kraft.organisations.models import Organisation


class CoalitionForm(forms.Form):
    lead = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Ledande organisation"))
    title = forms.CharField(label=_("Namn på samverkan"), max_length=250)
    description = forms.CharField(
        label=_("Vad ni vill göra tillsammans"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    visibility = forms.ChoiceField(label=_("Synlighet"), choices=Coalition.Visibility.choices)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = permissions.editable_organisation_ids(user)
        self.fields["lead"].queryset = Organisation.objects.filter(pk__in=own).order_by("name")  # type: ignore[attr-defined]
        if len(own) == 1:
            self.fields["lead"].initial = next(iter(own))


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("name"),
        label=_("Organisation att bjuda in"),
    )
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices, initial=Role.PILOT_SITE)
    message = forms.CharField(
        label=_("Meddelande"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    decision_reference = forms.CharField(
        label=_("Beslut bakom medlemskapet"),
        required=False,
        max_length=300,
        help_text=_("Till exempel: Socialnämnden 2026-03-12, § 45, dnr SN 2026/118."),
    )
    decision_file = forms.FileField(label=_("Beslutet som fil (valfritt)"), required=False)


class CommitmentForm(forms.Form):
    hours = forms.IntegerField(label=_("Timmar"), required=False, min_value=0)
    kronor = forms.DecimalField(label=_("Kronor"), required=False, min_value=0, decimal_places=0, max_digits=14)
    data_offered = forms.CharField(label=_("Data ni bidrar med"), required=False, max_length=500)
    decision_reference = forms.CharField(label=_("Beslut bakom medlemskapet"), required=False, max_length=300)
    decision_file = forms.FileField(label=_("Beslutet som fil (valfritt)"), required=False)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milstolpe"), max_length=250)
    due_date = forms.DateField(
        label=_("Planerat datum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
