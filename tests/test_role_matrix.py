"""Every page and API endpoint × every role: allowed or refused as designed, never a 5xx.

The cases live in ``tests/role_matrix_cases.py`` so that every app can add its own rows.
"""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.test import Client

from tests.role_matrix_cases import CASES, LOGIN, ROLES, Case

pytestmark = pytest.mark.django_db


def _request(case: Case, roles, role: str):
    client = Client()
    person = roles.by_name(role)
    if person is not None:
        client.force_login(person)
    url = case.url(roles)
    data = case.data(roles) if case.data else None
    method = getattr(client, case.method.lower())
    if case.json:
        return method(url, json.dumps(data or {}), content_type="application/json", **case.headers)
    if case.method == "GET":
        return method(url, **case.headers)
    return method(url, data or {}, **case.headers)


def _matches(response, expected: int | str) -> bool:
    if expected == LOGIN:
        return response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    return response.status_code == expected


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_role_matrix(case: Case, roles) -> None:
    problems = []
    for role in ROLES:
        with transaction.atomic():
            response = _request(case, roles, role)
            transaction.set_rollback(True)
        expected = case.expect[role]
        if response.status_code >= 500 or not _matches(response, expected):
            problems.append(f"{role}: expected {expected}, got {response.status_code}")
    assert not problems, f"{case.method} {case.id}: " + "; ".join(problems)


def test_every_case_names_every_role() -> None:
    for case in CASES:
        assert set(case.expect) == set(ROLES), case.id
