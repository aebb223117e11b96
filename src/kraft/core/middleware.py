import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
SUPPORTED = {code for code, _name in settings.LANGUAGES}


class LanguageMiddleware:
    """Swedish unless the person chose English with the language switch (a cookie) or ``?lang=en``.

    The browser's Accept-Language is ignored on purpose: a Swedish public-sector site speaks Swedish first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.GET.get("lang") or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in SUPPORTED:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        translation.deactivate()
        return response


class SecurityHeadersMiddleware:
    """Everything the pages load comes from this installation; the policy makes the browser enforce it."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY or self.POLICY)
        response.headers.setdefault("Referrer-Policy", settings.REFERRER_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class InputLimitsMiddleware:
    """Input that could only end as a server error becomes a clear 4xx in Swedish (JSON on the API).

    - A body larger than ``KRAFT_UPLOAD_MAX_MB`` (plus room for the form around the file) is refused with 413
      before any of it is read. Django alone limits form fields, not uploaded files, so a 200 MB body would
      otherwise be written to disk first.
    - A query string with NUL characters is refused (PostgreSQL cannot even compare with such text).
    - Safety net: a number too large for the database, text it cannot store or nesting too deep to parse, where
      no form or schema bound caught it, is a 400 rather than a 500.
    """

    MARGIN = 1024 * 1024

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.UPLOAD_MAX_BYTES + self.MARGIN:
            message = _("Förfrågan är för stor (%(size)s MB). Största tillåtna storlek är %(max)s MB.") % {
                "size": round(length / 1024 / 1024, 1),
                "max": round(settings.UPLOAD_MAX_BYTES / 1024 / 1024),
            }
            return self._refuse(request, 413, message, "too_large")
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            return self._refuse(request, 400, _("Förfrågan innehåller otillåtna tecken (NUL)."), "invalid")
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OverflowError | RecursionError | DataError):
            logger.info("refused out-of-range input on %s: %s", request.path, exception)
            message = _("Ett värde i förfrågan är utanför det tillåtna intervallet eller kan inte lagras.")
            return self._refuse(request, 400, message, "out_of_range")
        return None

    @staticmethod
    def _refuse(request: HttpRequest, status: int, message: Any, code: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": str(message), "code": code}, status=status)
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
