"""NUL characters never belong in text, and PostgreSQL refuses to store them (SQLite would keep them silently).

Services refuse them field by field with a clear message (``refuse_nul``); a ``pre_save`` guard (connected in
``CoreConfig.ready``) refuses them on every model save, whichever app writes, so no write path can forget it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

NUL_MESSAGE = _("Texten innehåller otillåtna tecken.")


def has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    return False


def refuse_nul(data: Mapping[str, Any]) -> None:
    bad = [name for name, value in data.items() if has_nul(value)]
    if bad:
        raise ValidationError(dict.fromkeys(bad, [NUL_MESSAGE]))


TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def refuse_nul_on_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or not (sender.__module__.startswith("kraft.") or sender._meta.app_label == "auth"):
        return
    refuse_nul(
        {
            field.name: getattr(instance, field.attname, None)
            for field in sender._meta.concrete_fields
            if isinstance(field, TEXT_FIELDS)
        }
    )


JSON_MAX_DEPTH = 64


def load_json(text: str | bytes) -> Any:
    """``json.loads`` that refuses nesting deeper than ``JSON_MAX_DEPTH`` with a ``ValueError`` (Python's own
    parser would raise ``RecursionError`` somewhere past a thousand levels, which nothing expects)."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > JSON_MAX_DEPTH:
            raise ValueError("JSON nested too deeply")
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return value
