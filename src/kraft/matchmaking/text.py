"""Language-aware analysis for matching: Swedish through the search port's analyser (stems and compound parts),
Dutch and English with their Snowball stemmers and stop words, so imported records match in their own language.

Records say their language when they know it (an imported initiative knows its source country); otherwise
``guess_language`` looks at which language's stop words the text uses most.
"""

from __future__ import annotations

from functools import cache

import Stemmer

from kraft.matchmaking.stopwords import DUTCH, ENGLISH
from kraft.search.analysis import get_analyzer
from kraft.search.analysis.stopwords import SNOWBALL_SWEDISH
from kraft.search.analysis.tokenizer import WORD, tokenize

LANGUAGES = ("sv", "nl", "en")
STOPWORDS = {"sv": SNOWBALL_SWEDISH, "nl": DUTCH, "en": ENGLISH}
SNOWBALL = {"nl": "dutch", "en": "english"}
DUTCH_COUNTRIES = frozenset({"NL", "BE"})


def language_of_country(country: str) -> str:
    """Records in Kraft are Swedish; imported ones are Dutch from the Netherlands and Flanders, else English."""
    code = (country or "SE").upper()
    if code == "SE":
        return "sv"
    return "nl" if code in DUTCH_COUNTRIES else "en"


def guess_language(text: str) -> str:
    words = [t.text for t in tokenize(text[:3000]) if t.kind == WORD]
    if not words:
        return "sv"
    hits = {language: sum(1 for w in words if w in STOPWORDS[language]) for language in LANGUAGES}
    return max(LANGUAGES, key=lambda language: (hits[language], language == "sv"))


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(SNOWBALL[language])


def terms(text: str, language: str) -> list[str]:
    """Index terms of ``text`` in text order; Swedish ones exactly as the search port indexes them."""
    if language not in SNOWBALL:
        return get_analyzer().index_terms(text)
    stop = STOPWORDS[language]
    words = [t.text for t in tokenize(text) if t.text not in stop and (t.kind != WORD or len(t.text) > 1)]
    return list(_stemmer(language).stemWords(words))


def surface_words(text: str, language: str) -> dict[str, str]:
    """Each term of ``text`` → the first word in the text that yields it (to show people which words matched)."""
    found: dict[str, str] = {}
    for token in tokenize(text):
        if token.kind != WORD or len(token.text) < 3:
            continue
        for term in terms(token.text, language):
            found.setdefault(term, text[token.start : token.end])
    return found


def plain(text: str) -> str:
    """``text`` with case and spacing aside: two texts with the same ``plain`` say the same thing word for word."""
    return " ".join(text.split()).casefold()
