"""Citations of statutes in free text: ``2 kap. 12 § TF``, ``26 kap. 1 § offentlighets- och sekretesslagen``,
``FL 44 §``, ``OSL 26:1``, ``artikel 6.3 AI-förordningen``, ``Article 9(2)(g) GDPR``.

The statute names and abbreviations are learnt from the statutes' own titles (``kraft.knowledge.statute_names``),
so a statute added to the library is recognised without code changes.

>>> vocabulary = Vocabulary.from_statutes([Statute("1949:105", "Tryckfrihetsförordning (1949:105)")])
>>> [c.label() for c in parse_citations("Se 2 kap. 12 § TF.", vocabulary)]
['1949:105 2 kap. 12 §']
>>> statute_mentions("Vad säger tryckfrihetsförordningen?", vocabulary)
['1949:105']

Without a vocabulary argument, the statutes of the public libraries in the database are used (built once, and
again whenever a statute is added, changed or removed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kraft.knowledge.statute_names import Splitter, Statute, derive, established

__all__ = ["Citation", "Mention", "Statute", "Vocabulary", "library_vocabulary", "parse_citations", "statute_mentions"]

ORDINALS = {
    w: str(i) for i, w in enumerate(["första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde"], 1)
}
_LETTER = r"(?:\s?[a-z](?![\wåäö]))?"
CHAPTER = r"(?P<{name}>\d{{1,3}}" + _LETTER + r")\s*kap(?:\.|itlet\b|itel\b)?"
SECTION = rf"(?P<section>\d{{1,4}}{_LETTER})\s*(?:(?:[-–]\s*\d{{1,4}}{_LETTER}\s*)?§§?|paragrafen\b)"
STYCKE = rf"(?:\s*(?P<stycke>\d|{'|'.join(ORDINALS)})\s*st(?:\.|ycket\b))?"
PUNKT = r"(?:\s*(?P<punkt>\d{1,2})\s*p(?:\.|unkten\b))?"
SWEDISH_REF = re.compile(
    rf"(?:{CHAPTER.format(name='chapter')}\s*)?{SECTION}{STYCKE}{PUNKT}|{CHAPTER.format(name='chapter_only')}|(?P<colon_ch>\d{{1,3}}):(?P<colon_sec>\d{{1,3}}{_LETTER})(?![\d:])",
    re.IGNORECASE,
)
EU_REF = re.compile(
    r"\b(?:artikel|artiklarna|art\.|article)\s*(?P<article>\d{1,3})"
    r"(?:\s*(?:\.|\()\s*(?P<paragraph>\d{1,2})\)?)?"
    r"(?:\s*(?:\(|led\s+|punkt\s+)?(?P<point>(?!i\s+\w)[a-z])\b\)?)?",  # "artikel 22 i …": a preposition
    re.IGNORECASE,
)
SFS_NUMBER = re.compile(r"\b(?:SFS\s*)?(?P<sfs>(?:1[6-9]|20)\d{2}:\d{1,4})\b")
EU_NUMBER = re.compile(r"\((?:EU|EG)\)\s*(?:nr\s*)?(?P<eu>\d{4}/\d{1,4})")
YEAR = re.compile(r"\b((?:1[6-9]|20)\d{2})\b")
YEAR_WINDOW = 20  # characters after a statute's name in which "från 2001" or "(2001:453)" picks the namesake
GAP_BEFORE_NAME = re.compile(r"^[\s,]*(?:(?:i|enligt|av|in|of|under)\s+)?(?:den\s+|the\s+|EU:s\s+)?$", re.IGNORECASE)
GAP_AFTER_NAME = re.compile(r"^(?::s|s)?[\s,]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A statute named in the text (by name, abbreviation or number)."""

    statute: str  # the statute's key (SFS number, EU number/CELEX)
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Citation:
    """A reference to a provision; ``statute`` is "" when the text names no statute the vocabulary knows."""

    statute: str
    chapter: str = ""
    section: str = ""  # "12", "4 a"
    article: str = ""  # EU law: "6"
    paragraph: str = ""  # "3" in artikel 6.3; "2" in andra stycket
    point: str = ""  # "g" in artikel 9.2 g; "3" in 3 p.
    start: int = 0
    end: int = 0
    text: str = ""

    def label(self) -> str:
        """A plain label: ``1949:105 2 kap. 12 §``, ``2024/1689 artikel 6.3``."""
        parts = [self.statute] if self.statute else []
        if self.article:
            number = self.article + (f".{self.paragraph}" if self.paragraph else "")
            parts.append(f"artikel {number}" + (f" {self.point}" if self.point else ""))
        else:
            if self.chapter:
                parts.append(f"{self.chapter} kap.")
            if self.section:
                parts.append(f"{self.section} §")
        return " ".join(parts)


class Vocabulary:
    """Names → statute keys. Build it with ``from_statutes``; read it with ``mentions`` and ``resolve``."""

    def __init__(
        self,
        words: dict[str, str],
        acronyms: dict[str, str],
        eu: frozenset[str],
        namesakes: dict[str, list[str]] | None = None,
    ) -> None:
        self.words = words  # lower-case full names (and their inflected forms) → key
        self.acronyms = acronyms  # abbreviations as written → key
        self.eu = eu  # keys of EU acts (cited by article)
        self.namesakes = namesakes or {}  # key → keys of statutes with the same name (an old and a new law)
        self._pattern = _names_pattern(words, acronyms)

    @classmethod
    def from_statutes(cls, statutes: Iterable[Statute], splitter: Splitter | None = None) -> Vocabulary:
        statutes = [s for s in statutes if s.key]
        split = splitter or _default_splitter()
        word_claims: dict[str, list[Statute]] = {}
        acronym_claims: dict[str, list[tuple[int, Statute]]] = {}
        for statute in statutes:
            names = derive(statute, split)
            for word in names.words:
                word_claims.setdefault(word, []).append(statute)
            for acronym, rank in names.acronyms.items():
                acronym_claims.setdefault(acronym, []).append((rank, statute))
        words = {name: key for name, claimants in word_claims.items() if (key := _unambiguous(claimants))}
        namesakes = {
            words[name]: sorted({s.key for s in claimants})
            for name, claimants in word_claims.items()
            if len({s.key for s in claimants}) > 1 and name in words
        }
        acronyms = {name: key for name, claimants in acronym_claims.items() if (key := _best(claimants))}
        for name, key in established(statutes).items():
            if name.isupper() or re.fullmatch(r"[A-Z][a-z]?[A-Z]+", name):
                acronyms[name] = key
            else:
                words[name.lower()] = key
                if name.endswith("en"):
                    words[name.lower()[:-2]] = key
        for statute in statutes:
            words.setdefault(statute.key.lower(), statute.key)
        return cls(words, acronyms, frozenset(s.key for s in statutes if s.is_eu), namesakes)

    def resolve(self, name: str) -> str:
        """The key of the statute a name stands for, or ""."""
        name = name.strip()
        return self.acronyms.get(name) or self.words.get(_uninflect(name.lower(), self.words), "")

    def _by_year(self, key: str, after: str) -> str:
        """``socialtjänstlagen från 2001``: of two statutes with one name, the one of the year the text gives."""
        years = YEAR.findall(after)
        for namesake in self.namesakes.get(key, []):
            if years and _year_of(namesake) == years[0]:
                return namesake
        return key

    def mentions(self, text: str) -> list[Mention]:
        found = []
        for match in self._pattern.finditer(text):
            key = self._by_year(self.resolve(match.group(0)), text[match.end() : match.end() + YEAR_WINDOW])
            if key:
                found.append(Mention(key, match.start(), match.end(), match.group(0)))
        for match in SFS_NUMBER.finditer(text):
            if match.group("sfs").lower() in self.words:
                found.append(Mention(match.group("sfs"), match.start(), match.end(), match.group(0)))
        for match in EU_NUMBER.finditer(text):
            key = self.words.get(match.group("eu").lower(), "")
            if key:
                found.append(Mention(key, match.start(), match.end(), match.group(0)))
        return sorted(found, key=lambda m: m.start)


def _year_of(key: str) -> str:
    return key.split(":")[0] if re.fullmatch(r"\d{4}:\d+", key) else ""


def _best(claimants: list[tuple[int, Statute]]) -> str:
    """The statute an abbreviation is the most natural reading of; "" when that is not one statute."""
    top = min(rank for rank, _statute in claimants)
    return _unambiguous([statute for rank, statute in claimants if rank == top])


def _unambiguous(claimants: list[Statute]) -> str:
    keys = {s.key for s in claimants}
    if len(keys) == 1:
        return claimants[0].key
    in_force = {s.key for s in claimants if not s.repealed}
    return next(iter(in_force)) if len(in_force) == 1 else ""


INFLECTIONS = ("ens", "en", "s", ":s")


def _uninflect(name: str, known: dict[str, str]) -> str:
    """``kommunallagens`` → ``kommunallag``; ``lagen om offentlig upphandling`` → ``lag om offentlig upphandling``."""
    name = " ".join(name.split())
    first, _, rest = name.partition(" ")
    if rest and first in ("lagen", "förordningen"):
        name = f"{first[:-2]} {rest}"
    if name in known:
        return name
    for ending in INFLECTIONS:
        if name.endswith(ending) and name[: -len(ending)] in known:
            return name[: -len(ending)]
    return name


def _names_pattern(words: dict[str, str], acronyms: dict[str, str]) -> re.Pattern[str]:
    word_forms = []
    for name in sorted(words, key=len, reverse=True):
        escaped = r"\s+".join(re.escape(part) for part in name.split())
        for kind in ("lag", "förordning"):
            if escaped.startswith(kind + r"\s+"):
                escaped = kind + "(?:en)?" + escaped[len(kind) :]
        word_forms.append(escaped + r"(?:ens|en|s)?")
    acronym_forms = [re.escape(a) + r"(?::s)?" for a in sorted(acronyms, key=len, reverse=True)]
    alternatives = [f"(?i:{'|'.join(word_forms)})"] if word_forms else []
    alternatives += acronym_forms
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\wåäöÅÄÖ-])(?:" + "|".join(alternatives) + r")(?![\wåäöÅÄÖ-])")


def parse_citations(text: str, vocabulary: Vocabulary | None = None) -> list[Citation]:
    """Every reference to a provision in ``text``, with the statute it names next to it (before or after)."""
    vocab = vocabulary if vocabulary is not None else library_vocabulary()
    mentions = vocab.mentions(text)
    citations = []
    for match in EU_REF.finditer(text):
        key = _adjacent(text, match.start(), match.end(), mentions)
        citations.append(
            Citation(
                statute=key,
                article=match.group("article"),
                paragraph=match.group("paragraph") or "",
                point=(match.group("point") or "").lower(),
                start=match.start(),
                end=match.end(),
                text=match.group(0),
            )
        )
    taken = [(c.start, c.end) for c in citations] + [(m.start, m.end) for m in mentions if "/" in m.text]
    for match in SWEDISH_REF.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        citation = _swedish(text, match, mentions)
        if citation is not None:
            citations.append(citation)
    return sorted(citations, key=lambda c: c.start)


def _swedish(text: str, match: re.Match[str], mentions: list[Mention]) -> Citation | None:
    key = _adjacent(text, match.start(), match.end(), mentions)
    if match.group("colon_ch"):
        if not key or SFS_NUMBER.fullmatch(match.group(0)):
            return None  # "26:1" only counts next to a statute's name; "2009:400" is a statute
        chapter, section = match.group("colon_ch"), match.group("colon_sec")
    else:
        chapter = match.group("chapter") or match.group("chapter_only") or ""
        section = match.group("section") or ""
    stycke = (match.group("stycke") or "").lower()
    return Citation(
        statute=key,
        chapter=_normalise(chapter),
        section=_normalise(section),
        paragraph=ORDINALS.get(stycke, stycke),
        point=match.group("punkt") or "",
        start=match.start(),
        end=match.end(),
        text=match.group(0),
    )


def _normalise(number: str) -> str:
    """``4a`` and ``4 a`` are one paragraph: ``4 a``."""
    found = re.fullmatch(r"(\d+)\s?([a-z])", number.strip(), re.IGNORECASE)
    return f"{found.group(1)} {found.group(2).lower()}" if found else number.strip()


def _adjacent(text: str, start: int, end: int, mentions: list[Mention]) -> str:
    """The statute named right after the reference (``12 § TF``, ``6 § i lagen``), else right before (``FL 44 §``)."""
    for mention in mentions:
        if mention.start >= end and GAP_BEFORE_NAME.match(text[end : mention.start]):
            return mention.statute
    for mention in reversed(mentions):
        if mention.end <= start and GAP_AFTER_NAME.match(text[mention.end : start]):
            return mention.statute
    return ""


def statute_mentions(text: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """The keys of the statutes ``text`` names, in order of first mention, without repeats."""
    vocab = vocabulary if vocabulary is not None else library_vocabulary()
    return list(dict.fromkeys(m.statute for m in vocab.mentions(text)))


# ------------------------------------------------------------------ the statutes in the database

_cache: dict[str, Any] = {}


def library_vocabulary() -> Vocabulary:
    """The vocabulary of the statutes in public libraries; rebuilt when they change."""
    from django.db.models import Count, Max

    from kraft.knowledge.models import Document, Library

    documents = Document.objects.filter(
        kind=Document.Kind.STATUTE,
        status=Document.Status.READY,
        library__visibility=Library.Visibility.PUBLIC,
    ).exclude(sfs_number="")
    version = tuple(documents.aggregate(n=Count("pk"), changed=Max("updated_at")).values())
    if _cache.get("version") != version:
        short_names = _short_names(documents)
        rows = documents.values_list("pk", "sfs_number", "title", "repealed")
        statutes = [
            Statute(key=key, title=title, repealed=repealed, names=short_names.get(pk, ()))
            for pk, key, title, repealed in rows
        ]
        _cache["vocabulary"] = Vocabulary.from_statutes(statutes)
        _cache["version"] = version
    result: Vocabulary = _cache["vocabulary"]
    return result


def _short_names(documents: Any) -> dict[int, tuple[str, ...]]:
    """The short name a statute's source gives ("LSS"), kept by the importer as its Swedish passages' keywords."""
    from kraft.knowledge.models import Passage

    rows = (
        Passage.objects.filter(document__in=documents, language="sv")
        .exclude(keywords="")
        .values_list("document_id", "keywords")
        .distinct()
    )
    names: dict[int, tuple[str, ...]] = {}
    for document_id, keywords in rows:
        if len(keywords) <= 12:
            names[document_id] = (*names.get(document_id, ()), keywords)
    return names


def _default_splitter() -> Splitter:
    from kraft.search.analysis.compounds import get_splitter

    return get_splitter()
