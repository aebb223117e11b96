"""/api/v1/libraries and /api/v1/documents: the same selectors, services and permissions as the pages.

A library or document the caller may not see answers 404, exactly like one that does not exist.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile

from kraft.core.api import AUTH, OPTIONAL_AUTH, ErrorOut, paginate, user_of
from kraft.knowledge import selectors, services
from kraft.knowledge.models import Document, Library, Passage
from kraft.knowledge.structure_notes import source_notes
from kraft.organisations.models import Organisation

router = Router(tags=["kunskapsbibliotek"])

VisibilityIn = Literal["public", "organisation", "shared"]
KindIn = Literal["statute", "guidance", "other"]


class LibraryOut(Schema):
    id: int
    name: str
    description: str
    organisation_id: int | None
    organisation_name: str | None
    visibility: str
    shared_with: list[int]
    holds_personal_data: bool
    document_count: int
    version: int
    created_at: datetime
    url: str

    @staticmethod
    def resolve_organisation_name(obj: Library) -> str | None:
        return obj.organisation.name if obj.organisation else None

    @staticmethod
    def resolve_shared_with(obj: Library) -> list[int]:
        if obj.visibility != Library.Visibility.SHARED:
            return []
        return sorted(org.pk for org in obj.shared_with.all())

    @staticmethod
    def resolve_document_count(obj: Library) -> int:
        annotated = getattr(obj, "document_count", None)
        if annotated is not None:
            return int(annotated)
        return obj.documents.filter(status=Document.Status.READY).count()

    @staticmethod
    def resolve_url(obj: Library) -> str:
        return obj.get_absolute_url()


class LibraryPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[LibraryOut]


class LibraryIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    organisation_id: int | None = Field(None, description="Ägande organisation; tomt = nationellt (bara personal)")
    visibility: VisibilityIn = "organisation"
    shared_with: list[int] = Field(default_factory=list, description="Organisationer att dela med (visibility=shared)")
    holds_personal_data: bool = False


class LibraryPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=5000)
    visibility: VisibilityIn | None = None
    shared_with: list[int] | None = None
    holds_personal_data: bool | None = None
    version: int | None = Field(None, description="Senast lästa version; ger 409 om någon annan har ändrat")


class DocumentOut(Schema):
    id: int
    library_id: int
    title: str
    kind: str
    status: str
    progress: int
    error: str
    warning: str
    source_name: str
    mime_type: str
    size: int
    sha256: str
    sfs_number: str
    repealed: bool
    repealed_note: str
    language: str
    source_gaps: list[str] = Field(description="Där källan saknar text (Kraft fyller aldrig i den).")
    replaces_id: int | None
    page_count: int | None
    passage_count: int
    created_at: datetime
    ingested_at: datetime | None
    url: str

    @staticmethod
    def resolve_url(obj: Document) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_source_gaps(obj: Document) -> list[str]:
        return source_notes(obj.structure).gaps


class DocumentPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[DocumentOut]


class PassageOut(Schema):
    id: int
    document_id: int
    ordinal: int
    citation: str
    heading: str
    chapter: str
    section: str
    article: str
    paragraph: str
    point: str
    recital: str
    language: str
    page: int | None
    text: str
    url: str
    source_link: str

    @staticmethod
    def resolve_url(obj: Passage) -> str:
        return obj.get_absolute_url()


class PassagePage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[PassageOut]


class PageQuery(Schema):
    page: int = 1
    page_size: int = 50


class DocumentFilters(PageQuery):
    library: int | None = Field(None, description="Bara dokument i detta bibliotek")
    status: Literal["queued", "processing", "ready", "failed", "superseded"] | None = None


def _organisations(ids: list[int]) -> list[Organisation]:
    found = list(Organisation.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"shared_with": "Okänd organisation i shared_with."})
    return found


def _editable_library(user: Any, library_id: int) -> Library:
    library = selectors.get_library_for_user(user, library_id)
    if not selectors.can_edit_library(user, library):
        raise PermissionDenied("Du har inte behörighet att ändra det här biblioteket.")
    return library


def _error(error: ValidationError) -> tuple[int, dict[str, Any]]:
    code = getattr(error, "code", None) or "invalid"
    status = {"duplicate": 409, "stale": 409, "too_large": 413}.get(code, 400)
    detail: Any = error.message_dict if hasattr(error, "error_dict") else " ".join(error.messages)
    return status, {"detail": detail, "code": code}


@router.get("/libraries", response=LibraryPage, auth=OPTIONAL_AUTH, summary="Lista bibliotek")
def list_libraries(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """Bibliotek som anroparen får läsa: öppna, den egna organisationens och de som delats med den."""
    return paginate(selectors.visible_libraries(user_of(request)), query.page, query.page_size)


@router.post(
    "/libraries",
    response={201: LibraryOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=AUTH,
    summary="Skapa ett bibliotek",
)
def create_library(request: HttpRequest, payload: LibraryIn) -> Any:
    """Redaktörer och administratörer skapar bibliotek för sin organisation; personal skapar nationella."""
    user = user_of(request)
    organisation = None
    if payload.organisation_id is not None:
        organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
        if organisation is None:
            return 400, {"detail": "Okänd organisation.", "code": "invalid"}
    try:
        shared = _organisations(payload.shared_with) if payload.visibility == "shared" else []
        library = services.create_library(
            user,
            name=payload.name,
            description=payload.description,
            organisation=organisation,
            visibility=payload.visibility,
            holds_personal_data=payload.holds_personal_data,
            shared_with=shared,
        )
    except ValidationError as error:
        return _error(error)
    return 201, library


@router.get(
    "/libraries/{int:library_id}",
    response={200: LibraryOut, 404: ErrorOut},
    auth=OPTIONAL_AUTH,
    summary="Ett bibliotek",
)
def get_library(request: HttpRequest, library_id: int) -> Library:
    return selectors.get_library_for_user(user_of(request), library_id)


@router.patch(
    "/libraries/{int:library_id}",
    response={200: LibraryOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=AUTH,
    summary="Ändra eller dela ett bibliotek",
)
def update_library(request: HttpRequest, library_id: int, payload: LibraryPatch) -> Any:
    user = user_of(request)
    library = _editable_library(user, library_id)
    changes = {
        field: getattr(payload, field)
        for field in ("name", "description", "holds_personal_data")
        if getattr(payload, field) is not None
    }
    try:
        library = services.update_library(user, library, expected_version=payload.version, **changes)
        if payload.visibility is not None or payload.shared_with is not None:
            visibility = payload.visibility or library.visibility
            ids = (
                payload.shared_with
                if payload.shared_with is not None
                else list(library.shared_with.values_list("pk", flat=True))
            )
            shared = _organisations(ids) if visibility == "shared" else []
            library = services.share_library(user, library, shared, visibility=visibility)
    except ValidationError as error:
        return _error(error)
    return 200, library


@router.delete(
    "/libraries/{int:library_id}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Ta bort ett bibliotek",
)
def delete_library(request: HttpRequest, library_id: int) -> tuple[int, None]:
    user = user_of(request)
    services.delete_library(user, _editable_library(user, library_id))
    return 204, None


@router.get("/documents", response={200: DocumentPage, 404: ErrorOut}, auth=OPTIONAL_AUTH, summary="Lista dokument")
def list_documents(request: HttpRequest, filters: Query[DocumentFilters]) -> Any:
    """Dokument i de bibliotek anroparen får läsa, med status och förlopp för inläsningen."""
    user = user_of(request)
    if filters.library is not None:
        selectors.get_library_for_user(user, filters.library)
    documents = selectors.visible_documents(user, filters.library)
    if filters.status:
        documents = documents.filter(status=filters.status)
    return paginate(documents, filters.page, filters.page_size)


@router.post(
    "/documents",
    response={
        201: DocumentOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
    },
    auth=AUTH,
    summary="Ladda upp ett dokument",
)
def upload_document(
    request: HttpRequest,
    file: File[UploadedFile],
    library: Form[int],
    title: Form[str] = "",
    kind: Form[KindIn] = "guidance",
    replaces: Form[int | None] = None,
) -> Any:
    """Multipart-uppladdning (`file`, `library`, valfritt `title`, `kind`, `replaces`). Filen läses in i bakgrunden:
    följ `status` och `progress` på dokumentet. Fel som syns direkt (för stor, tom, fel filtyp, dubblett) ger 4xx;
    fel som upptäcks vid inläsningen (skadad, krypterad, ingen text) ger status `failed` med orsak i `error`."""
    user = user_of(request)
    target = _editable_library(user, library)
    old = None
    if replaces is not None:
        old = selectors.get_document_for_user(user, replaces)
    try:
        document = services.upload_document(user, target, file, title=title, kind=kind, replaces=old)
    except ValidationError as error:
        return _error(error)
    return 201, document


@router.get(
    "/documents/{int:document_id}",
    response={200: DocumentOut, 404: ErrorOut},
    auth=OPTIONAL_AUTH,
    summary="Ett dokument",
)
def get_document(request: HttpRequest, document_id: int) -> Document:
    return selectors.get_document_for_user(user_of(request), document_id)


@router.delete(
    "/documents/{int:document_id}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Ta bort ett dokument",
)
def delete_document(request: HttpRequest, document_id: int) -> tuple[int, None]:
    """Tar bort dokumentet, dess avsnitt och deras sökposter – och därmed ur svaren."""
    user = user_of(request)
    document = selectors.get_document_for_user(user, document_id)
    services.delete_document(user, document)
    return 204, None


@router.get(
    "/documents/{int:document_id}/passages",
    response={200: PassagePage, 404: ErrorOut},
    auth=OPTIONAL_AUTH,
    summary="Dokumentets avsnitt",
)
def list_passages(request: HttpRequest, document_id: int, query: Query[PageQuery]) -> dict[str, Any]:
    """Avsnitten i ordning, med hänvisning (kapitel och paragraf eller sida) och länk till stället i dokumentet."""
    document = selectors.get_document_for_user(user_of(request), document_id)
    return paginate(selectors.document_passages(document), query.page, query.page_size)


# /answers: the answer service (its own module, owned with the answers).
from kraft.knowledge.api_answers import router as answers_router  # noqa: E402

router.add_router("", answers_router)
