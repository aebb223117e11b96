"""The checklist item form. It only cleans input; ``services.update_obligation`` validates and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kraft.triage.models import Obligation


class ObligationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=Obligation.Status.choices)
    not_applicable_reason = forms.CharField(
        label=_("Skäl om den inte är tillämplig"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs när status är Ej tillämplig."),
    )
    owner = forms.TypedChoiceField(label=_("Ansvarig person"), required=False, coerce=int, empty_value=None)
    owner_role = forms.CharField(
        label=_("Ansvarig roll"), required=False, max_length=150, help_text=_("Till exempel Systemägare.")
    )
    deadline = forms.DateField(
        label=_("Senast klar"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Från början det datum då skyldigheten börjar gälla."),
    )
    evidence_url = forms.URLField(label=_("Länk till underlag"), required=False, max_length=500, assume_scheme="https")
    evidence_document = forms.TypedChoiceField(
        label=_("Dokument i organisationens bibliotek"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, members: list[Any], documents: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.TypedChoiceField)
        owner.choices = [("", _("Ingen vald"))] + [(p.pk, p.get_full_name() or p.get_username()) for p in members]
        document = self.fields["evidence_document"]
        assert isinstance(document, forms.TypedChoiceField)
        document.choices = [("", _("Inget dokument"))] + [(d.pk, f"{d.title} ({d.library})") for d in documents]

    @classmethod
    def initial_for(cls, obligation: Obligation) -> dict[str, Any]:
        return {
            "version": obligation.version,
            "status": obligation.status,
            "not_applicable_reason": obligation.not_applicable_reason,
            "owner": obligation.owner_id,
            "owner_role": obligation.owner_role,
            "deadline": obligation.deadline,
            "evidence_url": obligation.evidence_url,
            "evidence_document": obligation.evidence_document_id,
        }

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version")
        return data
