"""``kraft demo --port N``: the links it writes (e-mails, exports, the DCAT catalogue) lead to port N."""

from __future__ import annotations

import os

import pytest

from kraft.cli import build_parser, demo_site_url


def test_the_demo_links_lead_to_the_address_it_listens_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRAFT_SITE_URL", "")  # recorded first, so the address the demo sets is removed afterwards
    monkeypatch.delenv("KRAFT_SITE_URL")
    args = build_parser().parse_args(["demo", "--host", "0.0.0.0", "--port", "8123"])  # noqa: S104

    demo_site_url(args.host, args.port)

    assert os.environ["KRAFT_SITE_URL"] == "http://127.0.0.1:8123"


def test_a_configured_site_address_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRAFT_SITE_URL", "https://kraft.example.se")

    demo_site_url("127.0.0.1", 8123)

    assert os.environ["KRAFT_SITE_URL"] == "https://kraft.example.se"
