"""Starts the test OpenID Connect provider: ``python -m tests.oidc_op.serve PORT REDIRECT_URI``.

Creates its database, a signing key, one client (id ``kraft``, secret ``kraft-secret``, no consent screen) and
people from ``OP_PEOPLE`` (``username:email:first:last`` separated by ``;``, password ``op-password``), then
serves until it is stopped. Prints ``ready`` when it accepts connections.
"""

from __future__ import annotations

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    port, redirect_uri = int(sys.argv[1]), sys.argv[2]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_op.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oidc_provider.models import Client, ResponseType

    devnull = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0, stdout=devnull)
    call_command("creatersakey", stdout=devnull)
    client = Client.objects.create(
        name="Kraft",
        client_type="confidential",
        client_id="kraft",
        client_secret="kraft-secret",
        jwt_alg="RS256",
        redirect_uris=[redirect_uri],
        require_consent=False,
    )
    client.response_types.add(ResponseType.objects.get(value="code"))
    for spec in filter(None, os.environ.get("OP_PEOPLE", "").split(";")):
        username, email, first, last = spec.split(":")
        get_user_model().objects.create_user(username, email, "op-password", first_name=first, last_name=last)
    server = make_server("127.0.0.1", port, get_wsgi_application(), server_class=_Server, handler_class=_QuietHandler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
