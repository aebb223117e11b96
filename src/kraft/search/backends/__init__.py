"""Named search backends (``settings.SEARCH_BACKENDS``), created on first use like Django's caches.

``"BACKEND": "auto"`` picks the backend that matches the database: SQLite FTS5 or PostgreSQL full-text search.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import connections
from django.dispatch import receiver
from django.utils.module_loading import import_string

from kraft.search.backends.base import BaseSearchBackend

BY_VENDOR = {
    "sqlite": "kraft.search.backends.sqlite.SQLiteSearchBackend",
    "postgresql": "kraft.search.backends.postgres.PostgresSearchBackend",
}

_backends: dict[str, BaseSearchBackend] = {}


def backend_path(config: dict[str, Any]) -> str:
    path = str(config.get("BACKEND", "auto"))
    if path in ("auto", ""):
        database = str(dict(config.get("OPTIONS") or {}).get("DATABASE", "default"))
        vendor = connections[database].vendor
        if vendor not in BY_VENDOR:
            raise ImproperlyConfigured(f"Ingen sökbackend för databasen {vendor!r}; ange SEARCH_BACKENDS explicit.")
        return BY_VENDOR[vendor]
    return BY_VENDOR.get(path, path)


def create_backend(alias: str = "default") -> BaseSearchBackend:
    configs: dict[str, dict[str, Any]] = getattr(settings, "SEARCH_BACKENDS", {}) or {}
    if alias not in configs:
        raise ImproperlyConfigured(f"Sökbackenden {alias!r} finns inte i SEARCH_BACKENDS.")
    config = configs[alias]
    backend_class = import_string(backend_path(config))
    backend: BaseSearchBackend = backend_class(alias, dict(config.get("OPTIONS") or {}))
    return backend


def get_backend(alias: str = "default") -> BaseSearchBackend:
    if alias not in _backends:
        _backends[alias] = create_backend(alias)
    return _backends[alias]


def reset() -> None:
    """Forget created backends (settings changed, or a test swapped the database)."""
    _backends.clear()


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs: Any) -> None:
    if setting in ("SEARCH_BACKENDS", "DATABASES", "EMBEDDERS"):
        reset()
