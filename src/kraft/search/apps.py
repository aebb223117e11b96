from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "kraft.search"
    verbose_name = _("Sök")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        checks.register(check_search_backends, checks.Tags.database)
        connection_created.connect(tune_sqlite_connection, dispatch_uid="kraft_search_sqlite_pragmas")


def tune_sqlite_connection(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Let SQLite read the full-text index through memory mapping and keep more of it cached per connection;
    the default 2 MB page cache makes every search re-read index pages from the file."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA mmap_size = 268435456")
            cursor.execute("PRAGMA cache_size = -65536")


def check_search_backends(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Django's system checks ask each configured search backend whether it can work here."""
    from django.conf import settings

    from kraft.search.backends import create_backend

    messages: list[checks.CheckMessage] = []
    for alias in getattr(settings, "SEARCH_BACKENDS", {}) or {}:
        try:
            messages += create_backend(alias).check()
        except Exception as error:  # a broken setting must be reported, not crash `manage check`
            messages.append(checks.Error(f"Sökbackenden {alias!r} kan inte skapas: {error}", id="kraft_search.E002"))
    from kraft.search.embedders import get_embedder

    for alias in getattr(settings, "EMBEDDERS", {}) or {}:
        try:
            embedder = get_embedder(alias)
            messages += embedder.check() if embedder is not None else []
        except Exception as error:
            messages.append(
                checks.Error(f"Inbäddningsmodellen {alias!r} kan inte skapas: {error}", id="kraft_search.E003")
            )
    return messages
