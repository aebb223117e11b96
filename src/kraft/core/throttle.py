"""Throttles on what anyone can trigger without an account: password-reset mail, sign-up, anonymous answers.

Counts live in Django's cache (fixed windows). The rates are settings (``KRAFT_THROTTLE_*``, e.g. ``5/h``; empty
or ``0`` turns a throttle off). With several web processes, set ``KRAFT_CACHE_URL=db`` so that they count together.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int] | None:
    """``"5/h"`` → (5, 3600); None when the throttle is off."""
    if not rate or rate.strip() in {"0", "off"}:
        return None
    count, _, period = rate.strip().partition("/")
    return int(count), PERIODS[(period or "h")[0].lower()]


def allow(scope: str, key: str) -> bool:
    """Count one attempt of ``key`` (an address, an e-mail) in ``scope``; False once over the rate."""
    parsed = parse_rate(str(settings.THROTTLES.get(scope, "")))
    if parsed is None:
        return True
    limit, period = parsed
    window = int(time.time() // period)
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"kraft-throttle:{scope}:{digest}:{window}"
    if cache.add(cache_key, 1, period + 1):
        return True
    try:
        return int(cache.incr(cache_key)) <= limit
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, period + 1)
        return True


def client_address(request: HttpRequest) -> str:
    """The caller's address; behind a trusted proxy (``KRAFT_BEHIND_PROXY``) the first X-Forwarded-For entry."""
    forwarded: Any = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded:
        return str(forwarded).split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", ""))
