"""The versioned JSON API at /api/v1/, with its OpenAPI 3 schema at /api/v1/openapi.json.

Each app contributes a ``router`` in its own ``api.py``; this module only mounts them and maps errors to JSON.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from kraft import __version__


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="Kraft API",
        version=f"1 ({__version__})",
        description=(
            "Öppet API för Kraft: organisationer, AI-initiativ, kunskapsbibliotek och svar. "
            "Läsning kräver ingen inloggning för publika data; skrivning kräver en personlig API-nyckel."
        ),
        urls_namespace="api",
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    _install_error_handlers(api)
    _mount_routers(api)
    return api


def _mount_routers(api: NinjaAPI) -> None:
    from kraft.accounts.api import router as accounts_router
    from kraft.assessments.api import peers_router as maturity_router
    from kraft.assessments.api import router as assessments_router
    from kraft.audit.api import router as audit_router
    from kraft.initiatives.api import router as initiatives_router
    from kraft.initiatives.api_map import router as map_router
    from kraft.knowledge.api import router as knowledge_router
    from kraft.organisations.api import router as organisations_router
    from kraft.portfolio.api import router as portfolio_router
    from kraft.search.api import router as search_router
    from kraft.triage.api import router as triage_router

    api.add_router("/organisations", organisations_router)
    api.add_router("/me", accounts_router)
    api.add_router("/audit", audit_router)
    api.add_router("/initiatives", initiatives_router)
    api.add_router("/map", map_router)
    api.add_router("/search", search_router)
    api.add_router("/", knowledge_router)
    api.add_router("/assessments", assessments_router)
    api.add_router("/maturity", maturity_router)
    api.add_router("/portfolio", portfolio_router)
    api.add_router("/", triage_router)


def _error(api: NinjaAPI, request: HttpRequest, status: int, detail: Any, code: str) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "code": code}, status=status)


def _install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _error(api, request, 404, "Hittades inte.", "not_found")

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _error(api, request, 403, str(exc) or "Åtkomst nekad.", "forbidden")

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _error(api, request, 401, "Inloggning eller API-nyckel krävs.", "unauthenticated")

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return _error(api, request, 400, detail, "invalid")

    @api.exception_handler(NinjaValidationError)
    def malformed(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return _error(api, request, 422, exc.errors, "malformed")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _error(api, request, exc.status_code, str(exc), "error")


api = build_api()
