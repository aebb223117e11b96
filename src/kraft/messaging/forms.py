from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kraft.accounts import permissions
from kraft.messaging.models import EmailPreference
from kraft.organisations.models import Organisation


class NewMessageForm(forms.Form):
    sender_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Skriv för organisationen"),
        error_messages={"invalid_choice": _("Du kan bara skriva för en organisation där du har en roll.")},
    )
    subject = forms.CharField(label=_("Ämne"), max_length=200)
    body = forms.CharField(
        label=_("Meddelande"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Meddelandet går till organisationens kontaktroll, inte till en personlig adress. Högst 10 000 tecken."
        ),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = sorted(permissions.member_organisation_ids(user))
        self.fields["sender_organisation"].queryset = Organisation.objects.filter(pk__in=own).order_by("name")  # type: ignore[attr-defined]
        if len(own) == 1:
            self.fields["sender_organisation"].initial = own[0]


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Svar"), widget=forms.Textarea(attrs={"rows": 5}))


class EmailPreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Hur ofta vill du få e-post om notiser?"),
        choices=EmailPreference.Frequency.choices,
        widget=forms.RadioSelect,
    )
