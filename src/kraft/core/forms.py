"""Form helpers shared by the apps."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DASHES = "---------"


class BlankChoiceLabelsMixin:
    """Replaces Django's "---------" in selects with words ("Välj …", or "Ej angivet" for optional fields)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            label = _("Välj …") if field.required else _("Ej angivet")
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == DASHES:
                    field.empty_label = label
            elif isinstance(field, forms.ChoiceField):
                choices = list(field.choices)  # type: ignore[arg-type]
                if choices and choices[0][1] == DASHES:
                    field.choices = [("", label), *choices[1:]]


class SwedishDecimalInput(forms.TextInput):
    """Shows numbers as Swedish does (``1 234,5``); a text field with a decimal keyboard, since ``type=number``
    refuses the comma and the space in some browsers."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if value in (None, ""):
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value)  # what the person typed, shown again with its error
        number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
        return number_format(number, use_l10n=True, force_grouping=True)


def parse_swedish_number(value: Any) -> Any:
    """``1 234,5``, ``1234.5``, ``1 234`` (spaces, no-break spaces or thin spaces between groups) → ``1234.5``."""
    if not isinstance(value, str):
        return value
    text = re.sub(r"[\s\u00a0\u202f]", "", value).replace("\u2212", "-")
    if (get_language() or "sv").startswith("en"):
        return text.replace(",", "")  # English groups with commas: 1,234.5
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    return text


class SwedishDecimalField(forms.DecimalField):
    default_error_messages = {
        "invalid": _("Skriv ett tal med siffror, till exempel 1 234,5."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", SwedishDecimalInput)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        return super().to_python(parse_swedish_number(value))

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}  # no min/max/step attributes: the widget is text, the service checks the range


class _PickerMixin:
    """Marks a select for the search-as-you-type organisation picker (``kraft.js``): an ARIA combobox with a listbox,
    arrow keys and Enter to choose, chosen organisations as a list with remove buttons, a polite live region for the
    number of matches. Without JavaScript the plain select remains and works."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        texts = {
            "data-organisation-picker": "",
            "data-picker-chosen": str(_("Valda organisationer")),
            "data-picker-none-chosen": str(_("Ingen organisation vald ännu.")),
            "data-picker-remove": str(_("Ta bort %s")),
            "data-picker-matches": str(_("%s träffar. Välj med pil upp och ned och Enter.")),
            "data-picker-one-match": str(_("1 träff. Välj med Enter.")),
            "data-picker-no-match": str(_("Inga organisationer matchar.")),
            "data-picker-added": str(_("%s vald.")),
            "data-picker-removed": str(_("%s borttagen.")),
            "data-picker-help": str(_("Skriv några bokstäver av namnet och välj med pil ned och Enter.")),
        }
        context: dict[str, Any] = super().get_context(name, value, {**(attrs or {}), **texts})  # type: ignore[misc]
        return context


class OrganisationPicker(_PickerMixin, forms.SelectMultiple):
    """Several organisations (partners, sharing) among hundreds, without holding Ctrl."""


class OrganisationPickerSelect(_PickerMixin, forms.Select):
    """One organisation among hundreds."""
