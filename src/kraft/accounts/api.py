"""/api/v1/me: the signed-in person's profile, memberships and personal API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from kraft.accounts import selectors, services
from kraft.accounts.models import ApiToken
from kraft.core.api import AUTH, ErrorOut, user_of
from kraft.organisations.api import MembershipOut, membership_out

router = Router(tags=["min profil"])


class MeOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    is_staff: bool
    memberships: list[MembershipOut]


class TokenOut(Schema):
    id: int
    name: str
    hint: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    key: str = Field(..., description="Själva nyckeln. Visas bara i detta svar; Kraft sparar bara ett kontrollvärde.")


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)


@router.get("", response={200: MeOut, 401: ErrorOut}, auth=AUTH, summary="Min profil och mina medlemskap")
def me(request: HttpRequest) -> dict[str, Any]:
    person = user_of(request)
    return {
        "id": person.pk,
        "username": person.get_username(),
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "is_staff": person.is_staff,
        "memberships": [membership_out(m) for m in selectors.memberships_of(person)],
    }


@router.get("/tokens", response={200: list[TokenOut], 401: ErrorOut}, auth=AUTH, summary="Mina API-nycklar")
def list_tokens(request: HttpRequest) -> Any:
    return list(selectors.tokens_of(user_of(request)))


@router.post(
    "/tokens",
    response={201: TokenCreatedOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=AUTH,
    summary="Skapa en API-nyckel",
)
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    """Bara med en inloggad session (och CSRF-token): en API-nyckel kan inte skapa nya nycklar, så att en
    återkallad nyckel inte lämnar kvar nycklar som den själv har skapat."""
    if getattr(request, "api_token", None) is not None:
        raise PermissionDenied(
            _("En API-nyckel kan inte skapa nya nycklar. Logga in på webbplatsen och skapa den där.")
        )
    token, secret = services.create_api_token(user_of(request), payload.name)
    return 201, {**TokenOut.from_orm(token).dict(), "key": secret}


@router.delete(
    "/tokens/{int:token_id}",
    response={200: TokenOut, 401: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Återkalla en API-nyckel",
)
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    person = user_of(request)
    token = get_object_or_404(ApiToken, pk=token_id, user=person)
    return services.revoke_api_token(person, token)
