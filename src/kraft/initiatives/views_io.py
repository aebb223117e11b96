"""Import and export pages. An import is always checked first (a dry run with every problem by row and field);
only a clean check can be committed, and the commit is one transaction."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kraft.accounts import permissions
from kraft.core.forms import OrganisationPickerSelect
from kraft.initiatives import dcat, importers
from kraft.initiatives.importers.readers import sniff_kind
from kraft.organisations.models import Organisation

MAX_UPLOAD = 10 * 1024 * 1024
EXTENSIONS = (".csv", ".json", ".xlsx")
SESSION_KEY = "kraft_import"


class ImportForm(forms.Form):
    format = forms.ChoiceField(label=gettext_lazy("Filens format"))
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=gettext_lazy("Organisation för rader utan (eller med okänd) organisation"),
        help_text=gettext_lazy("Valfritt. Rader som anger en organisation läggs under den."),
    )
    file = forms.FileField(
        label=gettext_lazy("Fil (CSV, JSON eller XLSX, högst 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,.xlsx"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        formats = [
            (key, label) for key, (label, _parser) in importers.FORMATS.items() if importers.can_import(user, key)
        ]
        self.fields["format"].choices = formats  # type: ignore[attr-defined]
        editable = Organisation.objects.filter(pk__in=permissions.editable_organisation_ids(user))
        if permissions.is_staff(user):
            editable = Organisation.objects.filter(status=Organisation.Status.APPROVED)
            self.fields["organisation"].widget = OrganisationPickerSelect()  # hundreds to choose among
        self.fields["organisation"].queryset = editable.order_by("name")  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith(EXTENSIONS):
            raise forms.ValidationError(_("Välj en fil som slutar på .csv, .json eller .xlsx."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Filen är större än 10 MB. Dela upp den i flera filer."))
        if upload.size == 0:
            raise forms.ValidationError(_("Filen är tom."))
        head = upload.read(8)
        upload.seek(0)
        if name.endswith(".xlsx") and not head.startswith(b"PK"):
            raise forms.ValidationError(_("Filen heter .xlsx men är ingen XLSX-arbetsbok."))
        return upload


def _check_allowed(user: Any) -> None:
    if not any(importers.can_import(user, key) for key in importers.FORMATS):
        raise PermissionDenied(_("Import kräver att du är redaktör i en organisation."))


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    _check_allowed(request.user)
    report = None
    file_error = None
    if request.method == "POST" and request.POST.get("action") == "commit":
        return _commit(request)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            fmt = form.cleaned_data["format"]
            data = form.cleaned_data["file"].read()
            fallback = form.cleaned_data["organisation"]
            try:
                report = importers.run_import(
                    data,
                    fmt,
                    actor=request.user,
                    fallback=fallback,
                    dry_run=True,
                    filename=form.cleaned_data["file"].name,
                )
            except importers.ImportFileError as exc:
                file_error = str(exc)
            if report is not None and report.ok and report.rows:
                _remember(request, data, fmt, fallback, form.cleaned_data["file"].name)
    else:
        form = ImportForm(user=request.user)
    context = {"form": form, "report": report, "file_error": file_error, "formats": importers.FORMATS}
    return render(request, "initiatives/import.html", context)


def prune_staged_imports() -> int:
    """Remove checked import files nobody committed within ``KRAFT_IMPORT_STAGING_HOURS``."""
    cutoff = timezone.now() - timedelta(hours=settings.IMPORT_STAGING_HOURS)
    removed = 0
    try:
        _folders, files = default_storage.listdir("imports")
    except FileNotFoundError:
        return 0
    for name in files:
        path = f"imports/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
        except (FileNotFoundError, OSError):
            continue  # removed by another process meanwhile
    return removed


def _remember(request: HttpRequest, data: bytes, fmt: str, fallback: Organisation | None, filename: str) -> None:
    prune_staged_imports()
    path = default_storage.save(f"imports/{uuid.uuid4().hex}.{sniff_kind(data, filename)}", ContentFile(data))
    request.session[SESSION_KEY] = {
        "path": path,
        "format": fmt,
        "organisation": fallback.pk if fallback else None,
        "filename": filename,
    }


def _commit(request: HttpRequest) -> HttpResponse:
    pending = request.session.pop(SESSION_KEY, None)
    if not pending or not default_storage.exists(pending["path"]):
        form = ImportForm(user=request.user)
        context = {
            "form": form,
            "file_error": _("Provkörningen har gått ut. Välj filen igen."),
            "formats": importers.FORMATS,
        }
        return render(request, "initiatives/import.html", context, status=400)
    with default_storage.open(pending["path"], "rb") as handle:
        data = handle.read()
    default_storage.delete(pending["path"])
    if not importers.can_import(request.user, pending["format"]):
        raise PermissionDenied
    fallback = Organisation.objects.filter(pk=pending["organisation"]).first() if pending["organisation"] else None
    report = importers.run_import(
        data, pending["format"], actor=request.user, fallback=fallback, dry_run=False, filename=pending["filename"]
    )
    context = {"form": ImportForm(user=request.user), "report": report, "formats": importers.FORMATS}
    return render(request, "initiatives/import.html", context, status=200 if report.committed else 400)


DOWNLOADS = (
    ("xlsx", gettext_lazy("Excel-arbetsbok (XLSX) – tal, datum och procent som riktiga värden")),
    ("csv-excel", gettext_lazy("CSV för Excel – semikolon och decimalkomma, öppnas rätt i svenskt Excel")),
    ("csv", gettext_lazy("CSV – standardformat för program (UTF-8, kommatecken, decimalpunkt)")),
    ("json", gettext_lazy("JSON – samma fält som API:t")),
)


def export_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.urlencode()
    return render(
        request,
        "initiatives/export.html",
        {"query": query, "formats": DOWNLOADS, "columns": dcat.column_docs()},
    )


def dcat_view(request: HttpRequest) -> HttpResponse:
    return dcat.response(request)
