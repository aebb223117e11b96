"""Loads the backends named in ``settings.LLM_BACKENDS`` lazily, once per alias, like Django's cache handler."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from kraft.llm.base import BaseLLMBackend
from kraft.llm.extractive import ExtractiveBackend

DEFAULT_ALIAS = "default"


class BackendHandler:
    def __init__(self) -> None:
        self._backends: dict[str, BaseLLMBackend] = {}

    @property
    def settings(self) -> dict[str, dict[str, Any]]:
        return dict(getattr(settings, "LLM_BACKENDS", {}) or {})

    def __getitem__(self, alias: str) -> BaseLLMBackend:
        if alias not in self._backends:
            self._backends[alias] = self.create(alias)
        return self._backends[alias]

    def create(self, alias: str) -> BaseLLMBackend:
        config = self.settings.get(alias)
        if config is None:
            if alias == DEFAULT_ALIAS:
                return ExtractiveBackend(alias)
            raise ImproperlyConfigured(f"LLM_BACKENDS saknar {alias!r}.")
        try:
            backend_class = import_string(str(config["BACKEND"]))
        except (KeyError, ImportError) as exc:
            raise ImproperlyConfigured(f"LLM_BACKENDS[{alias!r}]: {exc}") from exc
        backend = backend_class(alias, config.get("OPTIONS") or {})
        if not isinstance(backend, BaseLLMBackend):
            raise ImproperlyConfigured(f"LLM_BACKENDS[{alias!r}] är ingen BaseLLMBackend.")
        return backend

    def all(self) -> list[BaseLLMBackend]:
        return [self[alias] for alias in self.settings]

    def reset(self) -> None:
        self._backends.clear()


backends = BackendHandler()


def get_backend(alias: str = DEFAULT_ALIAS) -> BaseLLMBackend:
    return backends[alias]


@receiver(setting_changed)
def _reset_on_settings_change(*, setting: str, **kwargs: Any) -> None:
    if setting == "LLM_BACKENDS":
        backends.reset()
