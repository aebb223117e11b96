"""``kraft manage fuzz_api``: schemathesis against a real ``kraft serve`` of this installation, anonymous and
with an API token. Fails on any server error (5xx) and on any response that its OpenAPI schema does not declare.

Every endpoint must declare in its ``response=`` the statuses it can answer (see README, "The JSON API").
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from typing import Any

import httpx
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,"
    "response_headers_conformance"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fuzz_token() -> str:
    """A fresh token of a person who is editor of an approved organisation (so that writes are tried too)."""
    from django.contrib.auth import get_user_model

    from kraft.accounts.services import create_api_token
    from kraft.organisations.models import Membership, Organisation

    person, _ = get_user_model().objects.get_or_create(username="schemathesis", defaults={"email": "fuzz@example.se"})
    organisation = Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("pk").first()
    if organisation is not None:
        Membership.objects.update_or_create(
            user=person,
            organisation=organisation,
            defaults={"role": Membership.Role.EDITOR, "status": Membership.Status.ACTIVE},
        )
    _, key = create_api_token(person, "schemathesis")
    return key


class Command(BaseCommand):
    help = "Fuzza JSON-API:t med schemathesis mot en riktig server: inga 5xx, inga svar som schemat inte beskriver"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seconds", type=int, default=60, help="tidsbudget per körning (anonym, med nyckel)")
        parser.add_argument("--url", help="en server som redan körs (annars startas kraft serve)")
        parser.add_argument("--include-path-regex", help="bara dessa vägar, t.ex. '^/api/v1/needs'")
        parser.add_argument("--anonymous-only", action="store_true")
        # One thread by default: on Python 3.11 hypothesis' lambda descriptions call ast.parse, whose recursion
        # check is not thread-safe ("AST constructor recursion depth mismatch" in a CI run with two workers).
        parser.add_argument("--workers", default="1")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference", stdout=open(os.devnull, "w"))  # noqa: SIM115
        token = None if options["anonymous_only"] else fuzz_token()
        server = None
        url = options["url"]
        if not url:
            port = _free_port()
            url = f"http://127.0.0.1:{port}"
            server = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "kraft.cli", "serve", "--port", str(port), "--workers", "2", "--threads", "4"],
                env={**os.environ, "KRAFT_ACCESS_LOG": os.devnull, "KRAFT_LOGIN_FAILURE_LIMIT": "100000"},
            )
        try:
            self._wait(url)
            failures = self._run(url, None, options)
            if token:
                failures += self._run(url, token, options)
        finally:
            if server is not None:
                server.terminate()
                try:
                    server.wait(30)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait(10)
        if failures:
            raise CommandError(f"schemathesis hittade fel i {failures} körning(ar)")
        self.stdout.write("schemathesis: inga serverfel och inga avvikelser från schemat")

    def _wait(self, url: str) -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/v1/openapi.json", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1)
        raise CommandError(f"servern på {url} svarade inte")

    def _run(self, url: str, token: str | None, options: dict[str, Any]) -> int:
        label = "med API-nyckel" if token else "anonymt"
        self.stdout.write(f"== schemathesis {label}, {options['seconds']} s")
        command = [
            sys.executable, "-m", "schemathesis.cli", "run", f"{url}/api/v1/openapi.json",
            "--checks", CHECKS, "--max-time", str(options["seconds"]), "--workers", str(options["workers"]),
            "--phases", "examples,coverage,fuzzing", "--request-timeout", "60", "--suppress-health-check", "all",
            "--seed", "1", "--warnings", "off", "--continue-on-failure", "--max-failures", "200",
        ]  # fmt: skip
        if token:
            command += ["--header", f"Authorization: Bearer {token}"]
        if options.get("include_path_regex"):
            command += ["--include-path-regex", options["include_path_regex"]]
        with tempfile.TemporaryDirectory() as folder:
            done = subprocess.run(command, cwd=folder, env={**os.environ, "NO_COLOR": "1"})  # noqa: S603
        return 1 if done.returncode else 0
