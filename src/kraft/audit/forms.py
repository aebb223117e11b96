from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kraft.audit import selectors
from kraft.audit.labels import all_labels
from kraft.audit.models import AuditEvent
from kraft.core.forms import OrganisationPickerSelect
from kraft.organisations.models import Organisation


class AuditFilterForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Alla mina organisationer"),
    )
    action = forms.ChoiceField(label=_("Händelse"), required=False)
    actor = forms.CharField(label=_("Utförd av (användarnamn)"), required=False, max_length=150)
    since = forms.DateField(
        label=_("Från och med datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )
    until = forms.DateField(
        label=_("Till och med datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_field = self.fields["organisation"]
        assert isinstance(organisation_field, forms.ModelChoiceField)
        if user.is_staff:
            organisation_field.empty_label = _("Alla organisationer")
            organisation_field.widget = OrganisationPickerSelect()  # hundreds to choose among
        organisation_field.queryset = selectors.organisation_choices(user)
        action_field = self.fields["action"]
        assert isinstance(action_field, forms.ChoiceField)
        recorded = set(AuditEvent.objects.values_list("action", flat=True).distinct())
        labels = all_labels()
        actions = {**labels, **{a: a for a in recorded if a not in labels}}
        action_field.choices = [("", _("Alla händelser")), *sorted(actions.items(), key=lambda item: str(item[1]))]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        organisation = data.get("organisation")
        return {
            "organisation": organisation.pk if organisation else None,
            "action": data.get("action") or "",
            "actor": data.get("actor") or "",
            "since": data.get("since"),
            "until": data.get("until"),
        }
