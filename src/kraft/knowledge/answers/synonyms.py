"""Everyday words mapped to the words the statutes use, so that a question in plain Swedish finds its paragraph.

Each entry: a pattern over the lower-cased question → legal phrases added to the search (at a lower weight).
"""

from __future__ import annotations

import re

EXPANSION_WEIGHT = 0.6

SYNONYMS: list[tuple[str, str]] = []


def _compiled() -> list[tuple[re.Pattern[str], str]]:
    global _COMPILED
    if _COMPILED is None:
        _COMPILED = [(re.compile(pattern), phrase) for pattern, phrase in SYNONYMS]
    return _COMPILED


_COMPILED: list[tuple[re.Pattern[str], str]] | None = None


def expansions(question: str) -> list[tuple[str, float]]:
    lowered = question.lower()
    return [(phrase, EXPANSION_WEIGHT) for pattern, phrase in _compiled() if pattern.search(lowered)]
