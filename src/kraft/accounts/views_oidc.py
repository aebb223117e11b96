"""Sign-in through the organisation's OpenID Connect provider (optional; 404 when not configured)."""

from __future__ import annotations

import logging

from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kraft.accounts import oidc, services
from kraft.audit.services import record

log = logging.getLogger(__name__)
NEXT_KEY = "kraft_oidc_next"


def oidc_login(request: HttpRequest) -> HttpResponse:
    if not oidc.enabled():
        raise Http404
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        request.session[NEXT_KEY] = next_url
    redirect_uri = request.build_absolute_uri(reverse("accounts:oidc_callback"))
    try:
        response: HttpResponse = oidc.client().authorize_redirect(request, redirect_uri)
    except Exception:  # noqa: BLE001 - the provider is down or misconfigured: say so instead of a 500
        log.exception("OIDC: the provider's discovery document could not be read")
        messages.error(
            request,
            _("Inloggningstjänsten %(name)s svarar inte just nu. Försök igen om en stund eller logga in med lösenord.")
            % {"name": oidc.provider_name()},
        )
        return redirect("accounts:login")
    return response


def oidc_callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the person back here. Every refusal is explained and nothing is changed."""
    if not oidc.enabled():
        raise Http404
    client = oidc.client()
    try:
        token = client.authorize_access_token(request)
        claims = oidc.claims_from(client, token)
        conf = oidc.config()
        organisation_key = conf.get("organisation") or ""
        if conf.get("organisation_claim"):
            organisation_key = str(claims.get(conf["organisation_claim"]) or "") or organisation_key
        person = services.sign_in_with_oidc(
            conf["issuer"],
            claims,
            email_verified=oidc.email_is_verified(claims),
            organisation_key=organisation_key,
        )
    except MismatchingStateError:
        record("oidc", "oidc_login_refused", after={"reason": "state"})
        messages.error(
            request,
            _(
                "Inloggningen kunde inte slutföras: svaret från inloggningstjänsten hörde inte till den här "
                "inloggningen (fel eller gammalt state-värde). Börja om från inloggningssidan."
            ),
        )
        return redirect("accounts:login")
    except OAuthError as error:
        record("oidc", "oidc_login_refused", after={"reason": error.error or "oauth"})
        messages.error(
            request,
            _("Inloggningstjänsten avbröt inloggningen (%(reason)s). Försök igen eller logga in med lösenord.")
            % {"reason": error.description or error.error or _("okänt fel")},
        )
        return redirect("accounts:login")
    except ValidationError as error:
        record("oidc", "oidc_login_refused", after={"reason": "; ".join(error.messages)[:300]})
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:login")
    login(request, person, backend="django.contrib.auth.backends.ModelBackend")
    record(person, "oidc_signed_in", person, after={"issuer": oidc.config()["issuer"]})
    next_url = request.session.pop(NEXT_KEY, "")
    return redirect(next_url or "workspace:home")
