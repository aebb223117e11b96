from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kraft.accounts.permissions import editable_organisation_ids, is_staff
from kraft.core.forms import OrganisationPicker, OrganisationPickerSelect
from kraft.knowledge.models import Document, Library
from kraft.organisations.models import Organisation

ACCEPT = ".pdf,.docx,.odt,.html,.htm,.md,.markdown,.txt,.json"


class ServiceErrorsMixin:
    def apply_errors(self, error: ValidationError) -> None:
        """Puts a service's ValidationError on the matching fields so the person sees where to fix it."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)  # type: ignore[attr-defined]
        else:
            self.add_error(None, error)  # type: ignore[attr-defined]


class LibraryForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    description = forms.CharField(label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    organisation = forms.ModelChoiceField(
        label=_("Ägande organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Bara organisationer där du är redaktör eller administratör."),
    )
    visibility = forms.ChoiceField(
        label=_("Vem får läsa biblioteket?"),
        choices=Library.Visibility.choices,
        initial=Library.Visibility.ORGANISATION,
    )
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Delat med organisationerna"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=OrganisationPicker,
        help_text=_("Gäller när biblioteket delas med utvalda organisationer. Håll ned Ctrl för att välja flera."),
    )
    holds_personal_data = forms.BooleanField(
        label=_("Biblioteket innehåller personuppgifter"),
        required=False,
        help_text=_("Texterna skickas då aldrig till en språkmodell som inte är godkänd för personuppgifter."),
    )

    def __init__(self, *args: Any, user: Any, library: Library | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.library = library
        owner_field = self.fields["organisation"]
        shared_field = self.fields["shared_with"]
        assert isinstance(owner_field, forms.ModelChoiceField)
        assert isinstance(shared_field, forms.ModelMultipleChoiceField)
        approved = Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("name")
        if is_staff(user):
            owner_field.empty_label = str(_("Ingen – nationellt bibliotek (öppet för alla)"))
            owner_field.widget = OrganisationPickerSelect()  # hundreds to choose among
            owner_field.queryset = approved
        else:
            owner_field.queryset = Organisation.objects.filter(pk__in=editable_organisation_ids(user)).order_by("name")
            owner_field.required = True
        shared_field.queryset = approved
        self.fields["shared_with"].widget.attrs["size"] = 8  # without JavaScript
        if library is not None:
            del self.fields["organisation"]
            if library.is_national:
                del self.fields["visibility"]
                del self.fields["shared_with"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("visibility") == Library.Visibility.SHARED and not data.get("shared_with"):
            self.add_error("shared_with", _("Välj minst en organisation att dela med."))
        return data


class UploadForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, Word (DOCX), OpenDocument (ODT), HTML, Markdown, text eller författnings-JSON."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    title = forms.CharField(
        label=_("Titel"), max_length=300, required=False, help_text=_("Lämna tomt för att använda filens titel.")
    )
    kind = forms.ChoiceField(label=_("Typ av dokument"), choices=Document.Kind.choices, initial=Document.Kind.GUIDANCE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = round(settings.UPLOAD_MAX_BYTES / 1024 / 1024)
        self.fields["file"].help_text = _(
            "PDF, Word (DOCX), OpenDocument (ODT), HTML, Markdown, text eller författnings-JSON, högst %(mb)s MB."
        ) % {"mb": limit}


class ReplaceForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(label=_("Ny version av filen"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))


class DocumentForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    kind = forms.ChoiceField(label=_("Typ av dokument"), choices=Document.Kind.choices)
    repealed = forms.BooleanField(
        label=_("Upphävd"), required=False, help_text=_("Upphävda författningar visas med en varning i svaren.")
    )
