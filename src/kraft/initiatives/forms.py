"""Forms for initiatives, effects and costs. They only clean input; ``services`` validates and writes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kraft.accounts import permissions
from kraft.core.forms import BlankChoiceLabelsMixin, OrganisationPicker, SwedishDecimalField
from kraft.initiatives import versions
from kraft.initiatives.models import Cost, Effect, Initiative, Technique, WelfareArea
from kraft.organisations.models import Organisation

# The risk class is not edited by hand: the AI Act triage (kraft.triage) sets it.
FORM_FIELDS = [f for f in versions.CONTENT_FIELDS if f not in ("record_type", "country", "tags", "links", "risk_class")]
YES_NO_UNKNOWN = [("", _("Vet inte")), ("true", _("Ja")), ("false", _("Nej"))]


# The fields each unit needs; the others are hidden in the form and cleared before saving.
UNIT_FIELDS: dict[str, tuple[str, ...]] = {
    Effect.Unit.HOURS: ("hours", "people", "periods_per_year", "hourly_cost"),
    Effect.Unit.SEK: ("amount", "periods_per_year"),
    Effect.Unit.COUNT: ("count", "value_per_unit", "periods_per_year"),
    Effect.Unit.PERCENT: ("percent", "base_amount"),
    Effect.Unit.NONE: (),
}
MEASURED_FIELDS = ("baseline", "measured_on", "method")
NUMBER_FIELDS = (
    *("hours", "people", "periods_per_year", "hourly_cost"),
    *("amount", "count", "value_per_unit", "percent", "base_amount"),
)


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show the service's validation messages next to the right fields (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class InitiativeForm(BlankChoiceLabelsMixin, forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    lead_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Ansvarig organisation"), required=True
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Partnerorganisationer"),
        required=False,
        widget=OrganisationPicker,
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


class EffectForm(BlankChoiceLabelsMixin, forms.ModelForm):  # type: ignore[type-arg]
    """An effect whose number fields follow the unit chosen. Without JavaScript the fields of the other units stay
    hidden and the "show the fields" button re-renders the form for the new unit; with JavaScript they switch at
    once. Fields of other units are cleared before saving, so a hidden leftover never counts."""

    class Meta:
        model = Effect
        fields = list(versions.EFFECT_FIELDS)
        field_classes = dict.fromkeys(NUMBER_FIELDS, SwedishDecimalField)
        widgets = {
            "measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "follow_up_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "unit": _("Välj hur effekten räknas; formuläret visar sedan bara de fält som behövs."),
            "periods_per_year": _("Hur ofta per år: 52 för varje vecka, 12 för varje månad, 1 för en gång per år."),
            "basis": _("En uppmätt effekt behöver utgångsläge, mätdatum och mätmetod."),
            "people": _("Hur många personer som sparar tiden."),
        }

    def __init__(self, *args: Any, default_hourly_cost: Decimal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default_hourly_cost = default_hourly_cost
        if default_hourly_cost is not None and not self.instance.pk and not self.initial.get("hourly_cost"):
            self.initial["hourly_cost"] = default_hourly_cost
            self.fields["hourly_cost"].help_text = _(
                "Förifyllt med organisationens timkostnad inklusive personalomkostnader; ändra om ni vet bättre."
            )
        for name in NUMBER_FIELDS:  # which ones a unit needs is the service's rule, with a message per field
            self.fields[name].required = False
        self.fields["unit"].widget.attrs["data-controls"] = "unit"
        self.fields["basis"].widget.attrs["data-controls"] = "basis"

    @classmethod
    def rechosen(cls, data: Any, prefix: str = "", **kwargs: Any) -> EffectForm:
        """The form again, unbound, with what the person typed: after choosing another unit without JavaScript."""
        names = versions.EFFECT_FIELDS
        initial = {name: data.get(f"{prefix}-{name}" if prefix else name) for name in names}
        return cls(initial={k: v for k, v in initial.items() if v not in (None, "")}, prefix=prefix, **kwargs)

    def _value(self, name: str) -> str:
        if self.is_bound:
            return str(self.data.get(self.add_prefix(name)) or "")
        value = self.initial.get(name, self.fields[name].initial)
        return str(value or "")

    @property
    def current_unit(self) -> str:
        return self._value("unit") or Effect.Unit.SEK

    @property
    def current_basis(self) -> str:
        return self._value("basis") or Effect.Basis.EXPECTED

    def common_fields(self) -> list[Any]:
        return [self[name] for name in ("dimension", "description", "unit", "basis", "follow_up_on")]

    def unit_groups(self) -> list[dict[str, Any]]:
        labels = dict(Effect.Unit.choices)
        return [
            {
                "unit": unit,
                "legend": labels[unit],
                "fields": [self[n] for n in names],
                "current": unit == self.current_unit,
            }
            for unit, names in UNIT_FIELDS.items()
            if names
        ]

    def measured_fields(self) -> list[Any]:
        return [self[name] for name in MEASURED_FIELDS]

    def data_for_service(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in versions.EFFECT_FIELDS}
        needed = set(UNIT_FIELDS.get(data.get("unit") or "", ()))
        for name in NUMBER_FIELDS:
            if name not in needed:
                data[name] = Decimal(1) if name == "periods_per_year" else None
        if data.get("periods_per_year") is None:
            data["periods_per_year"] = Decimal(1)
        if data.get("basis") != Effect.Basis.MEASURED:
            data.update(baseline="", measured_on=None, method="")
        return data

    def _post_clean(self) -> None:
        """Validated by the services."""


class CostForm(BlankChoiceLabelsMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Cost
        fields = list(versions.COST_FIELDS)
        field_classes = {"amount": SwedishDecimalField}

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in versions.COST_FIELDS}

    def _post_clean(self) -> None:
        """Validated by the services."""


class CopyForm(BlankChoiceLabelsMixin, forms.Form):
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
    adoption = SwedishDecimalField(
        label=_("Andel som inför (0–1)"), min_value=0, max_value=1, initial="0.5", decimal_places=3
    )
    replication_cost = SwedishDecimalField(
        label=_("Engångskostnad per organisation (kr)"),
        min_value=0,
        required=False,
        help_text=_("Lämna tomt för att använda originalets engångskostnad."),
    )
