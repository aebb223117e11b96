"""Near-misses over the index's own vocabulary: spelling variants and misspellings found by edit distance.

A query word that the index does not hold (*chatbott*), or holds in another spelling (*chattbot* beside
*chatbot*), is matched against the terms the index does hold that are one edit away (a letter deleted, added,
changed or two letters swapped – Damerau–Levenshtein distance 1, generated as Norvig's spelling corrector does and
looked up in the index's vocabulary, so nothing but the indexed texts decides). Only words of ``MIN_LENGTH``
letters or more are expanded: one edit turns short words into other words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.html import strip_tags

from kraft.search.documents import Viewer

ALPHABET = "abcdefghijklmnopqrstuvwxyzåäöéü"
MIN_LENGTH = 5


def edits1(word: str) -> set[str]:
    """Every string one edit from ``word`` (deletion, transposition, replacement, insertion)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in ALPHABET]
    inserts = [a + c + b for a, b in splits for c in ALPHABET]
    return set(deletes + transposes + replaces + inserts) - {word}


def expandable(term: str) -> bool:
    return len(term) >= MIN_LENGTH and term.isalpha()


def candidates(
    terms: Iterable[tuple[str, str]], stem: Callable[[list[str]], list[str]] | None = None
) -> dict[str, set[str]]:
    """Each expandable (term, word written) → the terms one edit away: edits of the stem, and the stems of the
    edits of the written word (*bygglovsfrågot* → *bygglovsfrågor* → *bygglovsfråg*)."""
    found: dict[str, set[str]] = {}
    for term, written in terms:
        if not expandable(term):
            continue
        neighbours = edits1(term)
        if stem is not None and written.isalpha():
            neighbours |= set(stem(list(edits1(written))))
        neighbours.discard(term)
        found[term] = neighbours
    return found


def spelling_suggestion(text: str, viewer: Viewer, collections: Iterable[str] | None = None) -> str:
    """The query with unknown words replaced by the most frequent indexed word one edit away, as written in a
    text the viewer may see; "" when every word is known or no neighbour exists."""
    from kraft.search.backends import get_backend

    backend = get_backend("default")
    analyzer = getattr(backend, "analyzer", None)
    known_terms = getattr(backend, "known_terms", None)
    if analyzer is None or not callable(known_terms):
        return ""
    terms = [t for t in analyzer.query_terms(text) if t.weight >= 1.0]
    neighbours = candidates(((t.term, t.source) for t in terms), analyzer.stem_words)
    frequencies = known_terms([t.term for t in terms] + [n for found in neighbours.values() for n in found])
    replacements: dict[str, str] = {}
    for term in terms:
        if frequencies.get(term.term, 0) > 0 or term.term not in neighbours:
            continue
        found = [(frequencies.get(n, 0), n) for n in neighbours[term.term] if frequencies.get(n, 0) > 0]
        for _frequency, neighbour in sorted(found, reverse=True)[:3]:
            written = _visible_form(backend, neighbour, viewer, collections)
            if written:
                replacements[term.source] = written
                break
    if not replacements:
        return ""
    words = [replacements.get(word.lower(), word) for word in text.split()]
    return " ".join(words)


def _visible_form(backend: Any, term: str, viewer: Viewer, collections: Iterable[str] | None) -> str:
    """How a text the viewer may see writes ``term``; "" when no such text exists, so that a suggestion never
    reveals a word of a private document."""
    from kraft.search.collections import collection_paths
    from kraft.search.documents import SearchQuery

    for name in list(collections or collection_paths()):
        for hit in backend.search(SearchQuery(name, term, viewer=viewer, page_size=3)).hits:
            for text in (hit.title, strip_tags(hit.snippet)):
                for token, produced in backend.analyzer.matching_terms(text):
                    if term in produced:
                        return str(token.text)
    return ""
