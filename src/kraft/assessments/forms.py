"""Forms of the assessment pages. They only clean input; ``services`` validates and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kraft.accounts import permissions
from kraft.assessments import bank as banks
from kraft.assessments import selectors
from kraft.assessments.models import Assessment, PlanItem
from kraft.organisations.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class StartForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Organisation"))
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=200,
        required=False,
        help_text=_("Till exempel ”Våren 2026”. Lämna tomt för ”omgång 1, 2 …”."),
    )
    open_to_contact = forms.BooleanField(
        label=_("Andra organisationer får kontakta oss där vi ligger en nivå högre"), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = permissions.administered_organisation_ids(user)
        queryset = Organisation.objects.filter(status=Organisation.Status.APPROVED)
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            queryset if permissions.is_staff(user) and not ids else queryset.filter(pk__in=ids)
        )


class InviteForm(forms.Form):
    respondent = PersonChoiceField(queryset=get_user_model().objects.none(), label=_("Person"))
    role = forms.ChoiceField(label=_("Roll i bedömningen"), choices=())

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        invited = assessment.invitations.values("respondent_id")
        self.fields["respondent"].queryset = selectors.organisation_members(  # type: ignore[attr-defined]
            assessment.organisation
        ).exclude(pk__in=invited)
        self.fields["role"].choices = banks.load(assessment.bank_version).role_choices()  # type: ignore[attr-defined]
        self.fields["respondent"].error_messages["invalid_choice"] = _(
            "Bara medlemmar i organisationen som inte redan är inbjudna kan bjudas in."
        )


class PublicationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    is_published = forms.BooleanField(label=_("Publicera resultatet så att alla kan se det"), required=False)
    open_to_contact = forms.BooleanField(
        label=_("Andra organisationer får kontakta oss där vi ligger en nivå högre"), required=False
    )


class PlanItemForm(forms.Form):
    step = forms.ChoiceField(label=_("Nästa steg"), choices=())
    owner = PersonChoiceField(queryset=get_user_model().objects.none(), label=_("Ansvarig"))
    due_on = forms.DateField(label=_("Klart senast"), widget=DATE)

    def __init__(self, *args: Any, assessment: Assessment, steps: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s.id, str(s.title)) for s in steps]  # type: ignore[attr-defined]
        self.fields["owner"].queryset = selectors.organisation_members(  # type: ignore[attr-defined]
            assessment.organisation
        )


class PlanItemUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=PlanItem.Status.choices)
    owner = PersonChoiceField(queryset=get_user_model().objects.none(), label=_("Ansvarig"))
    due_on = forms.DateField(label=_("Klart senast"), widget=DATE)

    def __init__(self, *args: Any, item: PlanItem, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"item-{item.pk}")
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.organisation_members(  # type: ignore[attr-defined]
            item.plan.assessment.organisation
        )
