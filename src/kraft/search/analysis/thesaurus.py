"""The Swedish thesaurus of LibreOffice (Viggo Kann's, from *Folkets synonymlexikon*), read as a synonym graph.

``th_sv_SE_v2.dat`` is the MyThes format: a line ``word|n`` followed by ``n`` lines ``|synonym|synonym…``. Each
link is read both ways (the file lists *anställd → arbetstagare* but not always the reverse), and a word is found
by its written form or by its Snowball stem, so *anställda*, *pengarna* and *schemat* reach their entries.
Multi-word synonyms are kept as written (*ekonomiskt bistånd*); the caller decides what to do with them.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import Stemmer

THESAURUS = Path(__file__).resolve().parent.parent / "data" / "th_sv_SE_v2.dat"


class Thesaurus:
    def __init__(self, path: Path = THESAURUS) -> None:
        self._local = threading.local()  # a PyStemmer stemmer is not safe to share between threads
        links: dict[str, set[str]] = defaultdict(set)
        lines = path.read_text(encoding="iso-8859-1").splitlines()[1:]  # the first line names the encoding
        head = ""
        for line in lines:
            if not line.startswith("|"):
                head = line.split("|", 1)[0].strip().lower()
                continue
            for synonym in line.strip("|").split("|"):
                synonym = synonym.strip().lower()
                if head and synonym and synonym != head and "(" not in synonym:
                    links[head].add(synonym)
                    links[synonym].add(head)
        self._by_word = dict(links)
        by_stem: dict[str, set[str]] = defaultdict(set)
        for word, synonyms in links.items():
            if " " not in word:
                by_stem[self._stem(word)] |= synonyms
        self._by_stem = dict(by_stem)

    def _stem(self, word: str) -> str:
        stemmer = getattr(self._local, "stemmer", None)
        if stemmer is None:
            stemmer = self._local.stemmer = Stemmer.Stemmer("swedish")
        return str(stemmer.stemWord(word))

    def synonyms(self, word: str) -> frozenset[str]:
        """The words listed as synonyms of ``word`` (in any form), not the word itself."""
        word = word.lower()
        found = self._by_word.get(word, set()) | self._by_stem.get(self._stem(word), set())
        return frozenset(found - {word})


@lru_cache(maxsize=1)
def get_thesaurus() -> Thesaurus:
    return Thesaurus()
