"""Forms for initiatives, effects and costs. They only clean input; ``services`` validates and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kraft.accounts import permissions
from kraft.initiatives import versions
from kraft.initiatives.models import Cost, Effect, Initiative, Technique, WelfareArea
from kraft.organisations.models import Organisation

# The risk class is not edited by hand: the AI Act triage (kraft.triage) sets it.
FORM_FIELDS = [f for f in versions.CONTENT_FIELDS if f not in ("record_type", "country", "tags", "links", "risk_class")]
YES_NO_UNKNOWN = [("", _("Vet inte")), ("true", _("Ja")), ("false", _("Nej"))]


def _number_widgets(fields: dict[str, forms.Field]) -> None:
    for field in fields.values():
        if isinstance(field, forms.DecimalField):
            field.widget = forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"})


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show the service's validation messages next to the right fields (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class InitiativeForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    lead_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Ansvarig organisation"), required=True
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Partnerorganisationer"),
        required=False,
        help_text=_("Håll ned Ctrl (Cmd på Mac) för att välja flera."),
    )
    tags = forms.CharField(
        label=_("Taggar"),
        required=False,
        help_text=_("Skilj taggarna åt med kommatecken, till exempel: chattbot, växel"),
    )
    links = forms.CharField(
        label=_("Länkar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En länk per rad: rubrik | https://…"),
    )
    uses_personal_data = forms.TypedChoiceField(
        label=_("Behandlar personuppgifter"),
        choices=YES_NO_UNKNOWN,
        coerce=lambda v: v == "true",
        empty_value=None,
        required=False,
    )
    uses_sensitive_data = forms.TypedChoiceField(
        label=_("Behandlar känsliga personuppgifter"),
        choices=YES_NO_UNKNOWN,
        coerce=lambda v: v == "true",
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Initiative
        fields = FORM_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "problem": forms.Textarea(attrs={"rows": 4}),
            "data_description": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "human_oversight": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "summary": _("Högst 300 tecken. Visas i listor och sökresultat."),
            "horizon_years": _("Antal år som kostnader och värde räknas över för ROI."),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["welfare_area"].queryset = WelfareArea.objects.all()  # type: ignore[attr-defined]
        self.fields["technique"].queryset = Technique.objects.all()  # type: ignore[attr-defined]
        approved = Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("name")
        self.fields["partners"].queryset = approved  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["lead_organisation"]
            self.fields["version"].initial = self.instance.version
            self.initial.setdefault("partners", [p.pk for p in self.instance.partners.all()])
            self.initial["tags"] = ", ".join(self.instance.tags or [])
            self.initial["links"] = "\n".join(
                f"{x.get('title', '')} | {x.get('url', '')}" for x in self.instance.links or []
            )
            for name in ("uses_personal_data", "uses_sensitive_data"):
                value = getattr(self.instance, name)
                self.initial[name] = "" if value is None else ("true" if value else "false")
        else:
            editable = (
                approved
                if permissions.is_staff(user)
                else approved.filter(pk__in=permissions.editable_organisation_ids(user))
            )
            self.fields["lead_organisation"].queryset = editable  # type: ignore[attr-defined]
            if editable.count() == 1:
                self.fields["lead_organisation"].initial = editable.first()
        self.order_fields(["title", "summary", "lead_organisation", "partners"])

    def clean_tags(self) -> list[str]:
        raw = self.cleaned_data.get("tags") or ""
        return [t.strip() for t in raw.split(",") if t.strip()][:30]

    def clean_links(self) -> list[dict[str, str]]:
        links = []
        for line in (self.cleaned_data.get("links") or "").splitlines():
            if not line.strip():
                continue
            title, _sep, url = line.rpartition("|") if "|" in line else ("", "", line)
            url = url.strip()
            if not url.startswith(("http://", "https://")):
                raise ValidationError(_("Varje länk behöver en adress som börjar med https:// eller http://."))
            links.append({"title": title.strip() or url, "url": url})
        return links

    def content_data(self) -> dict[str, Any]:
        """The cleaned values that the services take as ``data``."""
        return {name: self.cleaned_data[name] for name in (*FORM_FIELDS, "tags", "links") if name in self.cleaned_data}

    def _post_clean(self) -> None:
        """Validation of the model itself happens in the services (one place for pages and API)."""


class EffectForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Effect
        fields = list(versions.EFFECT_FIELDS)
        widgets = {"measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "unit": _("Fyll i fälten som hör till enheten; övriga lämnas tomma."),
            "periods_per_year": _("Till exempel 52 för per vecka, 12 för per månad, 1 för per år."),
            "basis": _("En uppmätt effekt behöver utgångsläge, mätdatum och mätmetod."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _number_widgets(self.fields)

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in versions.EFFECT_FIELDS}

    def _post_clean(self) -> None:
        """Validated by the services."""


class CostForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Cost
        fields = list(versions.COST_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _number_widgets(self.fields)

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in versions.COST_FIELDS}

    def _post_clean(self) -> None:
        """Validated by the services."""


class CopyForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Din organisation"))
    title = forms.CharField(label=_("Titel på kopian"), max_length=250)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        approved = Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("name")
        if not permissions.is_staff(user):
            approved = approved.filter(pk__in=permissions.editable_organisation_ids(user))
        self.fields["organisation"].queryset = approved  # type: ignore[attr-defined]
        if approved.count() == 1:
            self.fields["organisation"].initial = approved.first()


class ScaleForm(forms.Form):
    n = forms.IntegerField(label=_("Antal organisationer"), min_value=1, max_value=10000, initial=10)
    adoption = forms.DecimalField(
        label=_("Andel som inför (0–1)"), min_value=0, max_value=1, initial="0.5", decimal_places=3
    )
    replication_cost = forms.DecimalField(
        label=_("Engångskostnad per organisation (kr)"),
        min_value=0,
        required=False,
        help_text=_("Lämna tomt för att använda originalets engångskostnad."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _number_widgets(self.fields)
