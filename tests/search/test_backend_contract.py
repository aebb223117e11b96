"""The active database's backend (SQLite FTS5 or PostgreSQL full-text search) passes the shared contract."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from kraft.search.backends import BY_VENDOR, create_backend
from tests.search.contract import BackendContract


@pytest.fixture
def backend(db: None) -> Any:
    return create_backend("default")


class TestActiveBackend(BackendContract):
    pass


def test_auto_picks_the_backend_of_the_database_in_use() -> None:
    backend = create_backend("default")
    assert f"{type(backend).__module__}.{type(backend).__name__}" == BY_VENDOR[connection.vendor]
    assert backend.check() == []
