"""Swedish text handling for answers: words, stems and sentences with their exact offsets.

Offsets matter: every quote in an answer is a slice of the stored passage text, so that a citation can be
checked character for character.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(text.split())


WORD = re.compile(r"[^\W_]+(?:[-:][^\W_]+)*", re.UNICODE)

STOPWORDS = wordset(
    """
    alla allt andra annan annat att av bara blev bli blir blivit de dem den denna deras dess dessa det detta dig din
    dina ditt du där då efter ej eller en er era ert ett fram från för ha hade han hans har hennes henne hon honom hur
    här i icke ingen inom inte man med mellan men mig min mina mitt mot mycket ni nu när någon något några och om oss
    på samma sedan sig sin sina sitt själv ska skall skulle som så till under upp ut utan vad var vara varför vem vi
    vid vilka vilken vilket vad vår våra vårt än är åt över också kan kunna får få måste finns ju just nog sådan sådana
    sådant därför dock bör kunde gör göra gjorde genom hos varje vars samt enligt även ännu två tre fick fått hade
    vilkas hurdan hur vart varifrån ifall vilken blev jag varit
    """
)

_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("swedish")
    return stemmer


def words(text: str) -> list[str]:
    return [m.group(0).lower() for m in WORD.finditer(text)]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def terms(text: str) -> list[str]:
    """The stems of the content words, in order (stop words dropped; numbers kept)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def term_set(text: str) -> frozenset[str]:
    return frozenset(terms(text))


# ------------------------------------------------------------------ sentences

ABBREVIATIONS = wordset(
    """
    kap st p nr jfr resp bl t ex m fl s k d v dvs f d ca m m o s v osv prop sfs ff f etc inkl exkl ung resp kl jan
    feb mar apr jun jul aug sep sept okt nov dec tel avd fig tab proc uppl red övers mom lag art
    """
)
BOUNDARY = re.compile(r"[.!?…]+[\"'”»)]*\s+(?=[\"'„“«(]?[A-ZÅÄÖÉÜ0-9])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def _ends_with_abbreviation(text: str) -> bool:
    match = re.search(r"(\b[^\W\d_]{1,5})\.?$", text[-8:].rstrip(".!?…"))
    if match is None:
        return False
    token = match.group(1).lower()
    return token in ABBREVIATIONS or len(token) == 1


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their character offsets in ``text``; abbreviations such as ``kap.`` do not end one."""
    sentences: list[Sentence] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        candidate = text[start:end]
        if _ends_with_abbreviation(text[start : match.start()]) and not _ends_with_year(candidate):
            continue
        _append(sentences, text, start, end)
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _ends_with_year(candidate: str) -> bool:
    return bool(re.search(r"\d{4}\W*$", candidate))


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))


def normalise(text: str) -> str:
    """Lower case with runs of white space as one space: how quotes are compared with passages."""
    return " ".join(text.split()).casefold()


def occurs_in(quote: str, passage: str) -> bool:
    quote = normalise(quote.strip(" .…"))
    return bool(quote) and quote in normalise(passage)


def join_terms(parts: Iterable[str]) -> str:
    return " ".join(parts)
