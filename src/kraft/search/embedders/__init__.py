"""Named embedders (``settings.EMBEDDERS``), created on first use; ``get_embedder`` is ``None`` when none is set."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from kraft.search.embedders.base import BaseEmbedder

_embedders: dict[str, BaseEmbedder] = {}


def get_embedder(alias: str = "default") -> BaseEmbedder | None:
    configs: dict[str, dict[str, Any]] = getattr(settings, "EMBEDDERS", {}) or {}
    if alias not in configs:
        return None
    if alias not in _embedders:
        config = configs[alias]
        embedder: BaseEmbedder = import_string(str(config["BACKEND"]))(alias, dict(config.get("OPTIONS") or {}))
        _embedders[alias] = embedder
    return _embedders[alias]


def reset() -> None:
    _embedders.clear()


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs: Any) -> None:
    if setting == "EMBEDDERS":
        reset()
