"""Django system checks for the configured answer-generation backends."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error
from django.core.exceptions import ImproperlyConfigured

from kraft.llm.handler import BackendHandler


def check_llm_backends(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    handler = BackendHandler()
    messages: list[CheckMessage] = []
    for alias in handler.settings:
        try:
            backend = handler[alias]
        except ImproperlyConfigured as exc:
            messages.append(Error(str(exc), id="kraft.llm.E001"))
            continue
        messages.extend(backend.check())
    return messages
