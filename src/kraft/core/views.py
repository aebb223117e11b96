from datetime import date

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kraft.core import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"figures": selectors.home_figures()})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch: remembers the choice in a cookie and returns to the page the person was on."""
    language = request.POST.get("language", settings.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


# When the statement was last assessed and updated (DIGG asks for both); change with each new assessment.
ACCESSIBILITY_ASSESSED = date(2026, 12, 2)
DIGG_REPORT_URL = (
    "https://www.digg.se/analys-och-uppfoljning/lagen-om-tillganglighet-till-digital-offentlig-service-dos-lagen/"
    "anmal-bristande-tillganglighet"
)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement with what DIGG requires: status, known deficiencies, how it was assessed and
    when, how to report a deficiency and to whom, and DIGG's complaint page."""
    from email.utils import parseaddr

    contact = settings.ACCESSIBILITY_CONTACT or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    context = {"contact": contact, "assessed": ACCESSIBILITY_ASSESSED, "digg_url": DIGG_REPORT_URL}
    return render(request, "core/accessibility.html", context)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found", "code": "not_found"}, status=404)
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error", "code": "server_error"}, status=500)
    return render(request, "500.html", status=500)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Forbidden", "code": "forbidden"}, status=403)
    return render(request, "403.html", status=403)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Bad request", "code": "bad_request"}, status=400)
    return render(request, "400.html", status=400)
