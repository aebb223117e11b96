"""What every operation of the JSON API declares in its OpenAPI schema besides its own success responses.

Endpoints declare their success schemas, their parameters' bounds and whether they need a signed-in caller; the
error statuses that the shared machinery can answer for any endpoint are added here, so a new endpoint is
described correctly without repeating them (and schemathesis, which CI runs, holds every answer to its schema):

- 400 invalid values (services' ``ValidationError``, a number out of range), 422 malformed requests, 404;
- 401 and 403 on every operation that accepts a token or a session (a wrong token is a 401 even where
  signing in is optional; a missing CSRF token or a missing permission is a 403);
- 409 (stale or duplicate), 413 (body over ``KRAFT_UPLOAD_MAX_MB``) and 429 (throttled) on writes;
- 414 on every operation: the HTTP server (gunicorn) refuses a request line over 4,094 bytes with its own short
  HTML page before Kraft sees the request (a query string of thousands of parameters).

Operations open to anonymous callers get the empty security requirement ``{}`` beside the token and session,
which is how OpenAPI says "signing in is optional".
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

OUT_OF_RANGE = _("Ett värde i förfrågan är utanför det tillåtna intervallet eller kan inte lagras.")
ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"title": "Detail"}, "code": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
    "required": ["detail"],
}
DESCRIPTIONS = {
    "400": "Ogiltigt värde",
    "401": "Ogiltig eller saknad API-nyckel",
    "403": "Åtkomst nekad",
    "404": "Hittades inte",
    "409": "Konflikt (ändrat av någon annan, eller en dubblett)",
    "413": "För stor förfrågan",
    "422": "Felaktigt utformad förfrågan",
    "429": "För många förfrågningar; försök igen senare",
}
URI_TOO_LONG = {
    "description": "Förfrågans adress är för lång (besvaras av HTTP-servern)",
    "content": {"text/html": {"schema": {"type": "string"}}},
}
WRITES = {"post", "put", "patch", "delete"}
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_download(*media_types: str) -> dict[str, Any]:
    """``openapi_extra`` for an endpoint that answers a file (an export): its 200 in the media types it writes.

    A JSON download may hold any JSON; the other formats are declared as binary strings."""
    content = {
        media_type: {"schema": {} if media_type == "application/json" else {"type": "string", "format": "binary"}}
        for media_type in media_types
    }
    return {"responses": {"200": {"description": "Fil för nedladdning", "content": content}}}


def declare_errors(schema: dict[str, Any], api: Any) -> None:
    optional = _optional_auth_operations(api)
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in WRITES | {"get", "head"}:
                continue
            statuses = ["400", "404", "422"]
            if operation.get("security"):
                statuses += ["401", "403"]
                if operation.get("operationId") in optional and {} not in operation["security"]:
                    operation["security"].append({})
            if method in WRITES:
                statuses += ["409", "413", "429"]
            # Ninja keys an endpoint's own responses by int; one key per status (str, as JSON has it).
            responses = {str(status): answer for status, answer in operation.get("responses", {}).items()}
            operation["responses"] = responses
            for status in statuses:
                responses.setdefault(
                    status,
                    {
                        "description": DESCRIPTIONS[status],
                        "content": {"application/json": {"schema": ERROR_SCHEMA}},
                    },
                )
            responses.setdefault("414", URI_TOO_LONG)


def _optional_auth_operations(api: Any) -> set[str]:
    """Operation ids whose authentication includes an anonymous fallback (``kraft.core.api.Anonymous``)."""
    from kraft.core.api import Anonymous

    found: set[str] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if any(isinstance(auth, Anonymous) for auth in operation.auth_callbacks):
                    found.add(operation.operation_id or api.get_openapi_operation_id(operation))
    return found
