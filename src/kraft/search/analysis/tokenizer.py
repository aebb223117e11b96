"""Swedish tokenisation that keeps what Swedish public-sector text refers to.

Legal references (``2 kap. 1 §``, ``4 a §``, ``3 kap.``), SFS numbers (``2001:453``), numbers and common
abbreviations (``t.ex.``, ``kap.``) each become one token. Every token carries its character offsets so snippets
can mark the original text. Token texts contain only letters and digits, so that any full-text engine (FTS5's unicode61,
PostgreSQL's ``simple`` parser) keeps them whole: ``2 kap. 1 §`` → ``2kap1par``, ``2001:453`` → ``sfs2001n453``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = "word"
NUMBER = "number"
LEGAL = "legal"
SFS = "sfs"
ABBREVIATION = "abbreviation"

# Abbreviations written with full stops; the token is the letters without them ("t.ex." → "tex").
ABBREVIATIONS = (
    "bl.a.",
    "d.v.s.",
    "dvs.",
    "e.d.",
    "enl.",
    "f.d.",
    "fr.o.m.",
    "jfr.",
    "kap.",
    "m.fl.",
    "m.m.",
    "mom.",
    "o.d.",
    "o.s.v.",
    "osv.",
    "p.g.a.",
    "prop.",
    "s.k.",
    "st.",
    "t.ex.",
    "t.o.m.",
    "resp.",
    "ang.",
    "bet.",
)

_ABBR = "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
_SECTION = r"(?P<sec>\d+)(?:\s?(?P<letter>[a-z]))?\s*§§?"
_PATTERN = re.compile(
    rf"(?P<chapsec>(?P<chap>\d+)\s*kap\.?\s*{_SECTION})"
    rf"|(?P<section>{_SECTION.replace('sec>', 'sec2>').replace('letter>', 'letter2>')})"
    r"|(?P<chapter>(?P<chap3>\d+)\s*kap\.?(?![\w]))"
    r"|(?P<sfs>(?<![\d:])(?:1[6-9]|20)\d\d:\d{1,4}(?![\d:]))"
    rf"|(?P<abbr>(?<!\w)(?=[^\W\d_]{{1,4}}\.)(?:{_ABBR})(?!\w))"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:(?:\d+|\xad)[^\W\d_]*)*)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    kind: str = WORD


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, lowercased; å, ä and ö stay distinct letters."""
    tokens: list[Token] = []
    for match in _PATTERN.finditer(text):
        start, end = match.span()
        group = match.lastgroup
        if match.group("chapsec"):
            letter = (match.group("letter") or "").lower()
            tokens.append(Token(f"{match.group('chap')}kap{match.group('sec')}{letter}par", start, end, LEGAL))
        elif match.group("section"):
            letter = (match.group("letter2") or "").lower()
            tokens.append(Token(f"{match.group('sec2')}{letter}par", start, end, LEGAL))
        elif match.group("chapter"):
            tokens.append(Token(f"{match.group('chap3')}kap", start, end, LEGAL))
        elif group == "sfs":
            tokens.append(Token("sfs" + match.group().replace(":", "n"), start, end, SFS))
        elif group == "abbr":
            tokens.append(Token(match.group().lower().replace(".", ""), start, end, ABBREVIATION))
        elif group == "number":
            tokens.append(Token(re.sub(r"[.,]", "d", match.group()), start, end, NUMBER))
        else:
            tokens.append(Token(match.group().lower().replace("\xad", ""), start, end, WORD))
    return tokens
