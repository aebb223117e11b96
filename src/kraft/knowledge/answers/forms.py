from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kraft.knowledge.answers.history import COMMENT_MAX
from kraft.knowledge.selectors import visible_libraries

QUESTION_MAX = 1000


class AskForm(forms.Form):
    question = forms.CharField(
        label=_("Din fråga"),
        min_length=3,
        max_length=QUESTION_MAX,
        help_text=_("Fråga med egna ord. Skriv inga personnummer eller andra personuppgifter."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    library = forms.TypedChoiceField(label=_("Sök i"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[Any, Any]] = [("", _("Alla bibliotek du kan läsa"))]
        choices += [(library.pk, library.name) for library in visible_libraries(user)]
        library_field = self.fields["library"]
        assert isinstance(library_field, forms.TypedChoiceField)
        library_field.choices = choices

    def library_ids(self) -> list[int] | None:
        library = self.cleaned_data.get("library")
        return [library] if library else None


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Var svaret till hjälp?"),
        choices=[("1", _("Ja, till hjälp")), ("0", _("Nej, inte till hjälp"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=COMMENT_MAX,
        help_text=_("Frivilligt: vad saknades eller var fel?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.TypedChoiceField(
        label=_("Vilken källa svarade på frågan?"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Frivilligt. Den källan lär sig orden i din fråga, även om svaret citerade en annan."),
    )

    def __init__(self, *args: Any, sources: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Ingen särskild")), *((s.number, f"[{s.number}] {s.label}") for s in sources)]


class RejectWordForm(forms.Form):
    """Takes a learnt word from a paragraph (the library's *Inlärda ord* page)."""

    passage = forms.IntegerField(min_value=1)
    word = forms.CharField(max_length=60)
