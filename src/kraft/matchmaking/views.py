"""Live suggestions while writing (an htmx fragment) and the useful / not useful buttons."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from kraft.matchmaking import services, suggestions

MAX_TEXT = 20_000
SUNK = gettext_noop(
    "Tack! Ditt omdöme är sparat. Förslag som fler har markerat som inte användbara visas efter de andra."
)


def suggest_view(request: HttpRequest) -> HttpResponse:
    """Suggestions for what is being written; never blocks the form (an empty answer on too little text)."""
    text = "\n".join(request.GET.get(name, "")[:MAX_TEXT] for name in ("title", "problem")).strip()
    result = suggestions.for_text(request.user, text) if len(text) >= 20 else None
    return render(request, "matchmaking/_live.html", {"suggestions": result})


@login_required
@require_POST
def feedback_view(request: HttpRequest) -> HttpResponse:
    back = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    useful = request.POST.get("useful") == "1"
    try:
        services.mark_suggestion(
            request.user,
            source_kind=request.POST.get("source_kind", ""),
            source_id=int(request.POST.get("source_id", "0") or 0),
            target_kind=request.POST.get("target_kind", ""),
            target_id=int(request.POST.get("target_id", "0") or 0),
            useful=useful,
            rank=int(request.POST["rank"]) if request.POST.get("rank", "").isdigit() else None,
        )
    except (ValueError, ValidationError):
        messages.error(request, _("Omdömet kunde inte sparas."))
    else:
        messages.success(request, _("Tack! Ditt omdöme om förslaget är sparat.") if useful else _(SUNK))
    return redirect(back + "#suggestions-heading")
