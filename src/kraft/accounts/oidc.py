"""Optional OpenID Connect sign-in (Entra ID, Keycloak or any certified provider), through Authlib.

Configured with ``KRAFT_OIDC_*`` (``settings.OIDC``); off unless an issuer and a client id are set. The provider's
endpoints and keys come from its discovery document (``<issuer>/.well-known/openid-configuration``). Authlib keeps
the state and nonce in the session and checks the ID token's signature, issuer, audience, expiry and nonce.
"""

from __future__ import annotations

from typing import Any

from authlib.integrations.django_client import OAuth
from django.conf import settings


def config() -> dict[str, str]:
    return dict(getattr(settings, "OIDC", None) or {})


def enabled() -> bool:
    conf = config()
    return bool(conf.get("issuer") and conf.get("client_id"))


def provider_name() -> str:
    return config().get("name") or "OpenID Connect"


def client() -> Any:
    """A client built from the current settings (read on each use, so tests can change them)."""
    conf = config()
    oauth = OAuth()
    return oauth.register(
        "kraft",
        client_id=conf["client_id"],
        client_secret=conf.get("client_secret") or None,
        server_metadata_url=conf["issuer"] + "/.well-known/openid-configuration",
        client_kwargs={"scope": conf.get("scopes") or "openid email profile", "code_challenge_method": "S256"},
    )


def claims_from(oauth_client: Any, token: dict[str, Any]) -> dict[str, Any]:
    """The ID token's claims, completed by the userinfo endpoint (where providers put e-mail and custom claims)."""
    claims: dict[str, Any] = dict(token.get("userinfo") or {})
    try:
        extra = oauth_client.userinfo(token=token)
    except Exception:  # noqa: BLE001 - a provider without a userinfo endpoint: the ID token must do
        extra = {}
    for key, value in dict(extra).items():
        if key == "sub" and claims.get("sub") not in (None, value):
            continue  # never let userinfo change whose token this is
        claims.setdefault(key, value)
    return claims


def email_is_verified(claims: dict[str, Any]) -> bool:
    value = claims.get(config().get("email_verified_claim") or "email_verified")
    return value is True or str(value).lower() in {"true", "1"}
