"""Acronyms learnt from the indexed texts themselves: where a public text defines one – *artificiell intelligens
(AI)*, *Inspektionen för vård och omsorg (IVO)* – a query for the acronym also finds the words written out, and a
query with the words written out also finds the acronym.

A definition is a parenthesised acronym (two to ten capital letters) right after the words whose initials spell it,
in order; short function words between them (*för*, *och*) may be skipped. This is the word-initial core of
Schwartz & Hearst's method (2003). Swedish builds acronyms from the parts of compounds as well – *offentlighets- och
sekretesslagen (OSL)*, *socialtjänstlagen (SoL)* – so when no run of word initials spells it, the method's full
form is used: the letters found right to left anywhere in the words, the first one starting a word that is not a
function word. Nothing is listed by hand: only what the index's own texts define is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DEFINED = re.compile(r"((?:[^\W\d_][\w-]*[\s,]+){1,14})\(\s*([A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,9})\s*\)")
WORD = re.compile(r"[^\W\d_][\w-]*")
SEPARATOR = "="


def definitions(text: str, skippable: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(acronym, words written out) for each acronym ``text`` defines, e.g. ``("ai", "artificiell intelligens")``."""
    skip = set(skippable)
    found: dict[str, str] = {}
    for match in DEFINED.finditer(text):
        acronym = match.group(2)
        if sum(1 for letter in acronym if letter.isupper()) < 2:  # "(Sverige)" is not an acronym, "(SoL)" is
            continue
        words = WORD.findall(match.group(1))
        long_form = _long_form(acronym.lower(), words, skip) or _letters_within(acronym.lower(), words, skip)
        if long_form:
            found.setdefault(acronym.lower(), long_form)
    return list(found.items())


def _long_form(letters: str, words: list[str], skip: set[str]) -> str:
    """The shortest run of words before the parenthesis whose initials spell ``letters`` (from the last word back)."""
    position = len(letters) - 1
    start = len(words)
    for index in range(len(words) - 1, -1, -1):
        word = words[index].lower()
        if word[0] == letters[position]:
            position -= 1
            start = index
            if position < 0:
                return " ".join(w.lower() for w in words[start:])
        elif word not in skip:
            return ""
    return ""


def _letters_within(letters: str, words: list[str], skip: set[str]) -> str:
    """Schwartz & Hearst's matching: each letter, right to left, anywhere in the words before the parenthesis; the
    first letter must start a word that is not a function word. Within their bound: min(|A| + 5, 2 |A|) words."""
    words = [w.lower() for w in words[-min(len(letters) + 5, 2 * len(letters)) :]]
    text = " ".join(words)
    position = len(text) - 1
    for index in range(len(letters) - 1, -1, -1):
        while position >= 0 and not (
            text[position] == letters[index] and (index > 0 or _starts_word(text, position, skip))
        ):
            position -= 1
        if position < 0:
            return ""
        position -= 1
    start = text.rfind(" ", 0, position + 2) + 1
    return text[start:]


def _starts_word(text: str, position: int, skip: set[str]) -> bool:
    if position > 0 and text[position - 1] != " ":
        return False
    return text[position:].split(" ", 1)[0] not in skip


def encode(acronym: str, long_form: str) -> str:
    return f"{acronym}{SEPARATOR}{long_form}"[:200]


def decode(values: Iterable[str]) -> dict[str, set[str]]:
    """Stored ``acronym=words`` values → each acronym with the ways the texts write it out."""
    table: dict[str, set[str]] = {}
    for value in values:
        acronym, _, long_form = value.partition(SEPARATOR)
        if acronym and long_form:
            table.setdefault(acronym, set()).add(long_form)
    return table
