"""Shared pieces of the JSON API: authentication, errors and pagination.

Authentication is a personal API token (``Authorization: Bearer kraft_…``) or the browser session (with CSRF
protection on writes). Every endpoint then asks the same permission functions as the pages do.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from kraft.accounts.models import ApiToken

T = TypeVar("T")
# Bounds every endpoint uses, so that the schema states them and no value can overflow the database.
ID_MAX = 2**63 - 1
PAGE_MAX = 10_000
PAGE_SIZE_MAX = 200  # = settings.API_PAGE_SIZE_MAX
AMOUNT_MAX = Decimal("1e12")
Id = Annotated[int, Field(ge=1, le=ID_MAX)]
PageNumber = Annotated[int, Field(ge=1, le=PAGE_MAX, description="Sidnummer, från 1")]
PageSize = Annotated[int, Field(ge=1, le=PAGE_SIZE_MAX, description="Träffar per sida")]
Amount = Annotated[Decimal, Field(ge=-AMOUNT_MAX, le=AMOUNT_MAX)]
logger = logging.getLogger(__name__)


class TokenAuth(HttpBearer):
    openapi_description = "Personlig API-nyckel från profilsidan: `Authorization: Bearer kraft_…`."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None or (found.expires_at and found.expires_at < timezone.now()):
            raise HttpError(401, "Ogiltig eller återkallad API-nyckel.")
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            try:  # at most once a minute, and a busy database never turns a read into an error
                ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
            except DatabaseError:
                logger.info("last_used_at of token %s not written (database busy)", found.pk)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]  # what authenticated this request
        return found.user


class Anonymous:
    """Lets an endpoint answer people who are not signed in (it then shows only public data)."""

    openapi_type = None

    def __call__(self, request: HttpRequest) -> Any:
        return AnonymousUser()


class CsrfSessionAuth(SessionAuth):
    """The browser session, with Django's CSRF check on writes.

    Ninja checks CSRF before it looks at the cookie, which would refuse anonymous clients on endpoints open to
    everyone; without a session cookie there is no session to protect, so the check is skipped.
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)


token_auth = TokenAuth()
session_auth = CsrfSessionAuth(csrf=True)
# Writes: a token, or a signed-in session with a CSRF token.
AUTH: list[Any] = [token_auth, session_auth]
# Reads: the same, or nobody (public data only).
OPTIONAL_AUTH: list[Any] = [token_auth, session_auth, Anonymous()]


def user_of(request: HttpRequest) -> Any:
    auth = getattr(request, "auth", None)
    if auth is not None and getattr(auth, "is_authenticated", False):
        return auth
    return getattr(request, "user", AnonymousUser())


class ErrorOut(Schema):
    detail: Any
    code: str | None = None


class Page(Schema, Generic[T]):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[T]


def paginate(queryset: QuerySet[Any] | list[Any], page: int, page_size: int) -> dict[str, Any]:
    """A page of results with the total count. Bad page numbers are a 400, never a 500."""
    if page < 1:
        raise HttpError(400, "page måste vara 1 eller större.")
    if not 1 <= page_size <= settings.API_PAGE_SIZE_MAX:
        raise HttpError(400, f"page_size måste vara mellan 1 och {settings.API_PAGE_SIZE_MAX}.")
    count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
    start = (page - 1) * page_size
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": max(1, -(-count // page_size)),
        "results": list(queryset[start : start + page_size]),
    }
