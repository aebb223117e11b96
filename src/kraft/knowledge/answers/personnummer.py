"""Finds Swedish personal identity numbers (and coordination numbers) in free text, so they are never stored.

Accepted forms: ``ÅÅMMDD-NNNN``, ``ÅÅMMDD+NNNN``, ``ÅÅÅÅMMDD-NNNN``, ``ÅÅÅÅMMDDNNNN``, ``ÅÅMMDDNNNN`` and the same
with a space as separator. Only numbers with a valid date and Luhn check digit count, so an order number or a
phone number is left alone.
"""

from __future__ import annotations

import re

from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

CANDIDATE = re.compile(r"(?<![\d-])(?:\d{2})?\d{6}\s?[-+]?\s?\d{4}(?![\d-])")
REPLACEMENT = "[personnummer borttaget]"


def _valid(candidate: str) -> bool:
    compact = re.sub(r"\s", "", candidate)
    try:
        personnummer.validate(compact)
    except ValidationError:
        return False
    return True


def find_personal_numbers(text: str) -> list[str]:
    return [m.group(0) for m in CANDIDATE.finditer(text) if _valid(m.group(0))]


def redact_personal_numbers(text: str) -> tuple[str, bool]:
    """The text with every valid personal identity number replaced, and whether any was found."""
    found = False

    def replace(match: re.Match[str]) -> str:
        nonlocal found
        if _valid(match.group(0)):
            found = True
            return REPLACEMENT
        return match.group(0)

    return CANDIDATE.sub(replace, text), found
