"""The Swedish analysis chain: tokens → stop words out → Snowball stems, plus compound parts.

Documents are indexed with each word's stem followed by the stems of its compound parts, so
*äldreomsorgen* is found by *omsorg* and *äldre*. Queries go through the same chain; compound parts of a
query word are added with a lower weight so *äldreomsorg* also finds *omsorg om äldre*.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from kraft.search.analysis.stopwords import SNOWBALL_SWEDISH
from kraft.search.analysis.tokenizer import LEGAL, NUMBER, WORD, Token, tokenize

Splitter = Callable[[str], tuple[str, ...]]


def no_split(word: str) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True, slots=True)
class QueryTerm:
    term: str
    weight: float
    source: str  # the query word it comes from


class Analyzer:
    """Turns Swedish text into index terms; deterministic for a given dictionary."""

    def __init__(
        self,
        splitter: Splitter = no_split,
        *,
        stopwords: frozenset[str] = SNOWBALL_SWEDISH,
        part_weight: float = 0.5,
        stem: bool = True,
        split: bool = True,
        language: str = "swedish",
    ) -> None:
        self._stemmer = Stemmer.Stemmer(language)
        self._splitter = splitter
        self.stopwords = stopwords
        self.part_weight = part_weight
        self.stem = stem
        self.split = split
        self._cache: dict[str, tuple[str, tuple[str, ...]]] = {}

    def _stem(self, word: str) -> str:
        return str(self._stemmer.stemWord(word)) if self.stem else word

    def stem_words(self, words: list[str]) -> list[str]:
        """Words' index terms without compound parts, in one call (used to look up spelling variants)."""
        return [str(w) for w in self._stemmer.stemWords(words)] if self.stem else list(words)

    def word_terms(self, token: Token) -> tuple[str, tuple[str, ...]]:
        """The token's own term and the terms of its parts (compound parts, or the pieces of a legal reference)."""
        text = token.text
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        parts: tuple[str, ...] = ()
        if token.kind == WORD:
            main = self._stem(text)
            if self.split:
                split = [part for part in self._splitter(text) if part not in self.stopwords]
                stems = (self._stem(part) for part in split)
                parts = tuple(dict.fromkeys(p for p in stems if p != main and len(p) > 2 and p not in self.stopwords))
        elif token.kind == LEGAL and "kap" in text and text.endswith("par"):
            main = text
            chapter, section = text.split("kap", 1)
            parts = (f"{chapter}kap", section)
        else:
            main = text
        result = (main, parts)
        if len(self._cache) < 500_000:
            self._cache[text] = result
        return result

    def _keep(self, token: Token) -> bool:
        return token.text not in self.stopwords and (token.kind != WORD or len(token.text) > 1 or token.text.isalpha())

    def index_terms(self, text: str) -> list[str]:
        """Index terms in text order: each kept word's stem, then the stems of its compound parts; a hyphenated
        word (*e-tjänst*, *chatt-bot*) is also indexed written together (*etjänst*, *chattbot*)."""
        terms: list[str] = []
        tokens = tokenize(text)
        for position, token in enumerate(tokens):
            joined = _hyphen_joined(text, tokens, position)
            if joined is not None:
                terms.append(self.word_terms(joined)[0])
            if not self._keep(token):
                continue
            main, parts = self.word_terms(token)
            terms.append(main)
            terms.extend(parts)
        return terms

    def index_text(self, text: str) -> str:
        return " ".join(self.index_terms(text))

    def query_terms(self, text: str) -> list[QueryTerm]:
        """Weighted query terms; a word's own stem weighs 1, its parts ``part_weight``; duplicates merged."""
        weights: dict[str, QueryTerm] = {}
        tokens = tokenize(text)
        hyphenated = {i for i in range(1, len(tokens)) if _hyphen_joined(text, tokens, i) is not None}
        hyphenated |= {i - 1 for i in hyphenated}
        for position, token in enumerate(tokens):
            joined = _hyphen_joined(text, tokens, position)
            if joined is not None:
                term = self.word_terms(joined)[0]
                weights[term] = QueryTerm(term, 1.0, joined.text)
            if not self._keep(token):
                continue
            main, parts = self.word_terms(token)
            if token.kind == LEGAL:
                parts = ()  # "2 kap. 1 §" asks for that section, not every "1 §"
            own = self.part_weight if position in hyphenated else 1.0  # "chatt-bot" is one word, "chattbot"
            candidates = [(main, own)] + [(p, self.part_weight) for p in parts]
            for term, weight in candidates:
                known = weights.get(term)
                if known is None or known.weight < weight:
                    weights[term] = QueryTerm(term, weight, token.text)
        return list(weights.values())

    def matching_terms(self, text: str) -> Iterable[tuple[Token, set[str]]]:
        """Each token of ``text`` with every term it yields (used to mark matches in snippets)."""
        for token in tokenize(text):
            if token.text in self.stopwords:
                continue
            main, parts = self.word_terms(token)
            yield token, {main, *parts}


def _hyphen_joined(text: str, tokens: list[Token], position: int) -> Token | None:
    """The word written together when ``tokens[position]`` ends a hyphenated pair of words (``e-tjänst``)."""
    if position == 0:
        return None
    before, token = tokens[position - 1], tokens[position]
    if before.kind != WORD or token.kind != WORD or text[before.end : token.start] not in ("-", "\u2010", "\u2011"):
        return None
    return Token(before.text + token.text, before.start, token.end, WORD)


__all__ = ["Analyzer", "QueryTerm", "get_analyzer", "NUMBER"]


FOREIGN_QUERY_LANGUAGES = ("en", "nl")


@lru_cache(maxsize=8)
def foreign_analyzer(language: str) -> Analyzer | None:
    """The analyser of a record in another language: that language's Snowball stemmer and function words, no
    Swedish compound splitting; None for languages PyStemmer does not stem."""
    from kraft.search.analysis.language import FUNCTION_WORDS, STEMMERS

    if language not in STEMMERS or language == "sv":
        return None
    return Analyzer(no_split, stopwords=FUNCTION_WORDS[language], split=False, language=STEMMERS[language])


@lru_cache(maxsize=1)
def get_analyzer() -> Analyzer:
    """The product's analyser (with hunspell compound splitting), built on first use."""
    from kraft.search.analysis.compounds import get_splitter

    return Analyzer(get_splitter())
