"""Checks a generated answer against the passages it cites; what cannot be checked is not shown as cited.

A claim survives only when every marker ``[n]`` points at a source that was retrieved for this question and that
the asker may see, and the words it quotes occur in that source. A claim without a quote counts only when the
claim itself (markers removed) occurs verbatim in the source. Everything else is removed and counted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from kraft.knowledge.answers.claims import EXTRACTED, QUOTED, Claim
from kraft.knowledge.answers.text import occurs_in, split_sentences

MARKER = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
QUOTE = re.compile(r"[\"“”„«»]([^\"“”„«»]{3,})[\"“”„«»]")
MIN_QUOTE_WORDS = 2


@dataclass
class Verification:
    claims: list[Claim] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # the text of each claim that failed


def parse_claims(text: str) -> list[Claim]:
    """Sentences of a generated answer with their markers (``[1]``, ``[1, 3]``) and quotes."""
    claims: list[Claim] = []
    for paragraph in text.splitlines():
        for sentence in split_sentences(paragraph.strip().lstrip("-*• ").strip()):
            numbers = [int(n) for m in MARKER.finditer(sentence.text) for n in re.split(r"\s*,\s*", m.group(1))]
            plain = MARKER.sub("", sentence.text).strip()
            quotes = [q.strip() for q in QUOTE.findall(plain)]
            claims.append(Claim(text=plain, citations=list(dict.fromkeys(numbers)), quote=" … ".join(quotes)))
    return [claim for claim in claims if claim.text]


def verify_claim(claim: Claim, passages: Mapping[int, str]) -> bool:
    """``passages``: source number → text, for the retrieved sources the asker may see."""
    if not claim.citations or any(n not in passages for n in claim.citations):
        return False
    if claim.quote:
        pieces = [q for q in claim.quote.split(" … ") if q]
        if any(len(q.split()) < MIN_QUOTE_WORDS for q in pieces):
            return False
        ok = all(any(occurs_in(q, passages[n]) for n in claim.citations) for q in pieces)
        claim.status = QUOTED
        return ok
    claim.status = EXTRACTED
    return all(occurs_in(claim.text, passages[n]) for n in claim.citations)


def verify(text: str, passages: Mapping[int, str]) -> Verification:
    result = Verification()
    for claim in parse_claims(text):
        if verify_claim(claim, passages):
            result.claims.append(claim)
        else:
            result.removed.append(claim.text)
    return result
