"""Pages for libraries and documents. Reads go through ``selectors``, writes through ``services``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kraft.accounts.permissions import editable_organisation_ids, is_staff
from kraft.knowledge import forms, selectors, services
from kraft.knowledge.models import Document, Library
from kraft.knowledge.structure_notes import attach_to_passages, source_notes

PASSAGES_PER_PAGE = 100


def library_list(request: HttpRequest) -> HttpResponse:
    libraries = selectors.visible_libraries(request.user)
    can_create = is_staff(request.user) or bool(editable_organisation_ids(request.user))
    return render(request, "knowledge/library_list.html", {"libraries": libraries, "can_create": can_create})


@login_required
def library_create(request: HttpRequest) -> HttpResponse:
    if not (is_staff(request.user) or editable_organisation_ids(request.user)):
        raise PermissionDenied
    form = forms.LibraryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            library = services.create_library(
                request.user,
                name=data["name"],
                description=data["description"],
                organisation=data["organisation"],
                visibility=data["visibility"],
                holds_personal_data=data["holds_personal_data"],
                shared_with=data["shared_with"] if data["visibility"] == Library.Visibility.SHARED else [],
            )
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Biblioteket är skapat. Ladda upp dokument nedan."))
            return redirect(library)
    return render(request, "knowledge/library_form.html", {"form": form, "library": None})


def library_detail(request: HttpRequest, pk: int) -> HttpResponse:
    library = selectors.get_library_for_user(request.user, pk)
    can_edit = selectors.can_edit_library(request.user, library)
    documents = selectors.library_documents(library)
    query = request.GET.get("q", "").strip()[:200]
    context = {
        "query": query,
        "hits": selectors.search_library(request.user, library, query) if query else None,
        "library": library,
        "page_obj": Paginator(documents, 50).get_page(request.GET.get("page")),
        "shared_with": library.shared_with.order_by("name") if library.visibility == Library.Visibility.SHARED else [],
        "can_edit": can_edit,
        "upload_form": forms.UploadForm() if can_edit else None,
    }
    return render(request, "knowledge/library_detail.html", context)


@login_required
def library_edit(request: HttpRequest, pk: int) -> HttpResponse:
    library = selectors.get_library_for_user(request.user, pk)
    if not selectors.can_edit_library(request.user, library):
        raise PermissionDenied
    initial = {
        "name": library.name,
        "description": library.description,
        "visibility": library.visibility,
        "holds_personal_data": library.holds_personal_data,
        "shared_with": list(library.shared_with.all()),
    }
    form = forms.LibraryForm(request.POST or None, user=request.user, library=library, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            library = services.update_library(
                request.user,
                library,
                expected_version=_int(request.POST.get("version")),
                name=data["name"],
                description=data["description"],
                holds_personal_data=data["holds_personal_data"],
            )
            if not library.is_national:
                visibility = data["visibility"]
                shared = list(data["shared_with"]) if visibility == Library.Visibility.SHARED else []
                services.share_library(request.user, library, shared, visibility=visibility)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Biblioteket är sparat."))
            return redirect(library)
    return render(request, "knowledge/library_form.html", {"form": form, "library": library})


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def library_delete(request: HttpRequest, pk: int) -> HttpResponse:
    library = selectors.get_library_for_user(request.user, pk)
    if not selectors.can_edit_library(request.user, library):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_library(request.user, library)
        messages.success(request, _("Biblioteket %(name)s är borttaget.") % {"name": library.name})
        return redirect("knowledge:libraries")
    return render(
        request, "knowledge/confirm_delete.html", {"object": library, "cancel_url": library.get_absolute_url()}
    )


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    library = selectors.get_library_for_user(request.user, pk)
    if not selectors.can_edit_library(request.user, library):
        raise PermissionDenied
    form = forms.UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = services.upload_document(
                request.user,
                library,
                form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Filen är uppladdad och läses in. Förloppet syns nedan."))
            return redirect(document)
    context = {
        "library": library,
        "page_obj": Paginator(selectors.library_documents(library), 50).get_page(1),
        "can_edit": True,
        "upload_form": form,
    }
    return render(request, "knowledge/library_detail.html", context, status=400)


def _passage_page(request: HttpRequest, document: Document) -> tuple[Any, int | None]:
    """The page of passages to show: the one holding ``?highlight=<id>`` when given."""
    passages = selectors.document_passages(document)
    highlight = _int(request.GET.get("highlight"))
    page_number: Any = request.GET.get("page")
    if highlight is not None and page_number is None:
        ordinal = passages.filter(pk=highlight).values_list("ordinal", flat=True).first()
        if ordinal is not None:
            page_number = (passages.filter(ordinal__lt=ordinal).count() // PASSAGES_PER_PAGE) + 1
    return Paginator(passages, PASSAGES_PER_PAGE).get_page(page_number), highlight


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_user(request.user, pk)
    page_obj, highlight = _passage_page(request, document)
    can_edit = selectors.can_edit_library(request.user, document.library)
    notes = source_notes(document.structure)
    attach_to_passages(notes, page_obj.object_list)
    context = {
        "source_notes": notes,
        "replacement": selectors.replacement_of(document),
        "document": document,
        "library": document.library,
        "page_obj": page_obj,
        "highlight": highlight,
        "chapters": selectors.document_chapters(document) if document.kind == Document.Kind.STATUTE else [],
        "can_edit": can_edit,
        "replace_form": forms.ReplaceForm() if can_edit and document.status == Document.Status.READY else None,
        "newer": document.newer_versions.exclude(status=Document.Status.FAILED).order_by("-pk").first(),
    }
    return render(request, "knowledge/document_detail.html", context)


def document_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The small status fragment that the document page polls (htmx) while ingestion runs."""
    document = selectors.get_document_for_user(request.user, pk)
    response = render(request, "knowledge/_document_status.html", {"document": document})
    if document.is_finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # show the passages once they exist
    return response


def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """The original file, for those who may read the library (never served from MEDIA_URL)."""
    document = selectors.get_document_for_user(request.user, pk)
    if not document.file:
        raise Http404
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.source_name or "dokument")
    response["Content-Type"] = document.mime_type or "application/octet-stream"
    return response


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_user(request.user, pk)
    if not selectors.can_edit_library(request.user, document.library):
        raise PermissionDenied
    initial = {"title": document.title, "kind": document.kind, "repealed": document.repealed}
    form = forms.DocumentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_document(request.user, document, **form.cleaned_data)
        messages.success(request, _("Dokumentet är sparat."))
        return redirect(document)
    return render(request, "knowledge/document_form.html", {"form": form, "document": document})


@login_required
@require_POST
def document_replace(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_user(request.user, pk)
    if not selectors.can_edit_library(request.user, document.library):
        raise PermissionDenied
    form = forms.ReplaceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            new = services.upload_document(
                request.user, document.library, form.cleaned_data["file"], replaces=document, kind=document.kind
            )
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Den nya versionen läses in och ersätter den gamla när den är klar."))
            return redirect(new)
    page_obj, highlight = _passage_page(request, document)
    context = {
        "document": document,
        "library": document.library,
        "page_obj": page_obj,
        "highlight": highlight,
        "can_edit": True,
        "replace_form": form,
    }
    return render(request, "knowledge/document_detail.html", context, status=400)


@login_required
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_user(request.user, pk)
    if not selectors.can_edit_library(request.user, document.library):
        raise PermissionDenied
    if request.method == "POST":
        library = document.library
        services.delete_document(request.user, document)
        messages.success(request, _("Dokumentet %(title)s är borttaget.") % {"title": document.title})
        return redirect(library)
    return render(
        request, "knowledge/confirm_delete.html", {"object": document, "cancel_url": document.get_absolute_url()}
    )


@login_required
@require_POST
def document_retry(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_user(request.user, pk)
    if not selectors.can_edit_library(request.user, document.library):
        raise PermissionDenied
    if document.status == Document.Status.FAILED:
        services.retry_document(request.user, document)
        messages.success(request, _("Dokumentet läses in igen."))
    return redirect(reverse("knowledge:document", args=[document.pk]))
