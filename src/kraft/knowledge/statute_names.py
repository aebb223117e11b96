"""The names a statute goes by, learnt from its own title: the name itself, its definite forms, and abbreviations.

Swedish statute abbreviations are built from the title by a few habits, which are applied here rather than typed in
as a table: the initial of each content word or of each compound part (*Offentlighets- och sekretesslag* → OSL,
*Plan- och bygglag* → PBL, *Arbetsmiljölag* → AML via *arbets|miljö|lag*), the kind of instrument first or last
(*Lag om offentlig upphandling* → LOU, *kommunallag* → KL), and for "lag om … om …" the words after the last *om*
(*Lag med särskilda bestämmelser om vård av unga* → LVU). Every habit yields candidates; a candidate that more
than one statute in force would claim is dropped, so a derived abbreviation is never ambiguous.

Abbreviations that the habits cannot produce but that every case officer uses (*SoL*, where the habits give *SL*;
*BrB*; the EU regulations' Swedish names) are in ``ESTABLISHED``: general vocabulary of Swedish public
administration, not words from any question set.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

Splitter = Callable[[str], tuple[str, ...]]

# Heads of a statute's name: the kind of instrument. "grundlag" before "lag" so the longer one wins.
HEADS = ("grundlag", "lag", "förordning", "balk", "regeringsform", "ordning", "regulation", "act", "directive")
KINDS_FIRST = re.compile(r"^(lag|förordning|kungörelse|tillkännagivande|regulation|directive)\b", re.IGNORECASE)
SFS_IN_TITLE = re.compile(r"\s*\((?:SFS\s*)?[A-Z]*\d{4}:\d+[^)]*\)")
PARENTHESISED = re.compile(r"\(([^()]{2,80})\)")
STOP = frozenset(
    [
        "och",
        "eller",
        "i",
        "om",
        "av",
        "till",
        "för",
        "på",
        "med",
        "vid",
        "inom",
        "från",
        "under",
        "the",
        "of",
        "and",
        "on",
        "for",
        "in",
        "to",
    ]
)
MIN_ACRONYM, MAX_ACRONYM = 2, 6
EU_PREAMBLE = re.compile(r"^europaparlamentets och rådets\s+", re.IGNORECASE)
EU_KEY = re.compile(r"^3\d{4}[RLD]\d{4}$|^\d{4}/\d+$")

# Established names that the habits above cannot produce → a string that identifies the statute (found in its key
# or its title). Shown to help on questions they were not written from: see README, "Legal answers".
ESTABLISHED: dict[str, str] = {
    "KL": "kommunallag",  # also konkurslagen's, köplagen's: in public administration it is the kommunallag
    "SoL": "socialtjänstlag",
    "BrB": "brottsbalk",
    "MBL": "medbestämmande i arbetslivet",
    "dataskyddslagen": "2018:218",
    "GDPR": "2016/679",
    "dataskyddsförordningen": "2016/679",
    "AI-förordningen": "2024/1689",
    "AI Act": "2024/1689",
}


@dataclass(frozen=True)
class Statute:
    """What the vocabulary needs to know of one statute (a ``Document`` of kind statute, or EU law)."""

    key: str  # SFS number ("2009:400") or the EU act's number/CELEX, as stored on the document
    title: str
    repealed: bool = False
    names: tuple[str, ...] = ()  # further names the source gives (a short name, an English title)

    @property
    def is_eu(self) -> bool:
        return bool(EU_KEY.match(self.key)) or "(EU)" in self.title or "Regulation" in self.title


@dataclass
class Names:
    """Forms a statute is called by: ``words`` are matched case-insensitively, ``acronyms`` as written."""

    words: set[str] = field(default_factory=set)
    acronyms: dict[str, int] = field(default_factory=dict)  # abbreviation → rank (see ``acronyms``)


def base_name(title: str) -> str:
    """``Offentlighets- och sekretesslag (2009:400)`` → ``offentlighets- och sekretesslag``;
    ``Lag (1993:387) om stöd …`` → ``lag om stöd …``."""
    return " ".join(SFS_IN_TITLE.sub("", PARENTHESISED.sub(_keep_unless_number, title)).split()).lower()


def _keep_unless_number(match: re.Match[str]) -> str:
    inner = match.group(1)
    return match.group(0) if re.search(r"\d{4}:\d+|\d{4}/\d+", inner) else ""


def _split_head(word: str) -> tuple[str, str]:
    for head in HEADS:
        if word == head:
            return "", head
        if word.endswith(head):
            modifier = word[: -len(head)]
            return modifier, head
    return word, ""


def _initials(word: str, splitter: Splitter) -> dict[str, int]:
    """A word's possible initials → how unnatural they are: the initial of each compound part (0), or of the
    whole word (0 when it is not a compound, else 1)."""
    word = word.strip("-").lower()
    parts = splitter(word) if word else ()
    if len(parts) > 1:
        return {"".join(part[:1] for part in parts): 0, word[:1]: 1}
    return {word[:1]: 0} if word else {}


def _head_initials(head: str) -> dict[str, int]:
    return {"gl": 0, "g": 1} if head == "grundlag" else {"rf": 0} if head == "regeringsform" else {head[:1]: 0}


def _combine(groups: list[dict[str, int]]) -> dict[str, int]:
    combined: dict[str, int] = {}
    for choice in itertools.product(*(group.items() for group in groups)):
        letters = "".join(letters for letters, _rank in choice)
        rank = sum(rank for _letters, rank in choice)
        combined[letters] = min(rank, combined.get(letters, rank))
    return combined if groups else {}


def _add(found: dict[str, int], candidates: dict[str, int], extra: int = 0) -> None:
    for letters, rank in candidates.items():
        found[letters] = min(rank + extra, found.get(letters, rank + extra))


def acronyms(name: str, splitter: Splitter) -> dict[str, int]:
    """Candidate abbreviations of a base name (lower case) → rank (0 = the most natural reading; a candidate
    that leaves words of the title out, or puts the kind of instrument last in "lag om …", ranks lower)."""
    words = [w for w in re.split(r"\s+", name) if w]
    found: dict[str, int] = {}
    if not words:
        return found
    if KINDS_FIRST.match(name):
        head = words[0][:1]
        after_om = name.rsplit(" om ", 1)[1].split() if " om " in name else []
        for content in ([w for w in words[1:] if w not in STOP], [w for w in after_om if w not in STOP]):
            for n in range(1, min(len(content), 4) + 1):
                letters = _combine([_initials(w, splitter) for w in content[:n]])
                left_out = len(content) - n
                _add(found, {head + a: r for a, r in letters.items()}, left_out)
                _add(found, {a + head: r for a, r in letters.items()}, left_out + 1)
        if " om " in name and len(words) == 3:  # lag om valfrihetssystem → LOV
            _add(found, {head + "o" + a: r for a, r in _initials(words[2], splitter).items()}, 1)
    else:
        groups: list[dict[str, int]] = []
        for word in words:
            if word in STOP:
                continue
            modifier, head_word = _split_head(word)
            if modifier:
                groups.append(_initials(modifier, splitter))
            if head_word:
                groups.append(_head_initials(head_word))
        found = _combine(groups)
    return {a.upper(): r for a, r in found.items() if MIN_ACRONYM <= len(a) <= MAX_ACRONYM}


def word_names(name: str) -> set[str]:
    """Full names a text may use: ``kommunallag`` and for conjunct titles the last conjunct (``sekretesslag``);
    for "lag om …" the name without the kind's words; for a title that ends in a statute's name that name."""
    names = {name}
    if " och " in name and name.split(" och ")[0].endswith("-"):
        names.add(name.rsplit(" och ", 1)[1])
    kind_first = KINDS_FIRST.match(name)
    if kind_first:
        last = name.split()[-1]
        if _split_head(last)[1] and last != name:
            names.add(last)
    return {n for n in names if len(n) >= 4}


def derive(statute: Statute, splitter: Splitter) -> Names:
    names = Names()
    for title in (statute.title, *statute.names):
        title = EU_PREAMBLE.sub("", title.strip())
        if re.fullmatch(r"[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,7}", title):
            names.acronyms[title] = 0  # the source's own short name
            continue
        base = base_name(title)
        names.words.update(word_names(base))
        if not statute.is_eu:
            for name in {base} | word_names(base):
                _add(names.acronyms, acronyms(name, splitter))
        english = [w for w in re.findall(r"[A-Za-z]+", title) if w[:1].isupper() and w.lower() not in STOP]
        if statute.is_eu and 2 <= len(english) <= 5 and len(english) == len(title.split()):
            names.acronyms["".join(w[0] for w in english).upper()] = 0  # General Data Protection Regulation
        for inner in PARENTHESISED.findall(title):
            if not re.search(r"\d", inner):
                names.words.update(word_names(base_name(inner)))
    return names


def established(statutes: Iterable[Statute]) -> dict[str, str]:
    """``ESTABLISHED`` resolved against the statutes at hand: name → key (in-force statutes preferred)."""
    statutes = list(statutes)
    found: dict[str, str] = {}
    for name, marker in ESTABLISHED.items():
        marker = marker.lower()
        matching = [s for s in statutes if marker == s.key.lower() or marker in f"{s.key} {s.title}".lower()]
        matching.sort(key=lambda s: s.repealed)
        if matching:
            found[name] = matching[0].key
    return found
