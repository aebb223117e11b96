"""Word-level differences between two texts, for long text fields in the audit trail and version history."""

from __future__ import annotations

import difflib
import re

LONG_TEXT = 80  # characters: longer values are shown as a word diff instead of whole before/after


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Segments ``(op, text)`` with ``op`` one of ``equal``, ``delete``, ``insert``, in reading order."""
    a, b = re.findall(r"\S+|\s+", old or ""), re.findall(r"\S+|\s+", new or "")
    segments: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", "".join(b[j1:j2])))
    return segments


def is_long(*values: object) -> bool:
    return any(isinstance(v, str) and len(v) > LONG_TEXT for v in values)
