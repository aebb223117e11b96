"""Swedish compound splitting with the hunspell-sv dictionary, read and applied by ``spylls`` (pure-Python hunspell).

spylls decomposes a compound exactly as hunspell does (COMPOUNDBEGIN/MIDDLE/END flags, linking -s forms such as
*bistånds-*, ONLYINCOMPOUND forms such as *förskole-*), but it tries every split position and re-derives the same
affix forms again and again. ``CachedLookup`` memoises those affix forms, which makes a split cost a few hundred
microseconds instead of tens of milliseconds; results are cached per word on top of that.

Policy: only words of at least ``MIN_WORD`` letters are tried; parts are at least ``MIN_PART`` letters; of all
valid decompositions the one with the fewest parts is used (*hemtjänst + insatser*, not *hem + tjänst + insatser*).
Non-final parts are given as their dictionary stem (*bistånds* → *bistånd*), the final part as written, so the
analyser stems it like the word on its own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from kraft.search.analysis.analyzer import Splitter

MIN_WORD = 8
MIN_PART = 3
MAX_CACHE = 400_000
DICTIONARY = Path(__file__).resolve().parent.parent / "data" / "sv_SE"


def compound_head_forms(aff: Any, dic: Any) -> frozenset[str]:
    """Every string that can begin or continue a compound: stems flagged COMPOUNDBEGIN/MIDDLE and the forms that
    suffixes allowed in compounds make of stems (linking -s, *förskola* → *förskole*). A superset, used to skip
    split positions that cannot be valid before spylls checks the others properly."""
    head_flags = {flag for flag in (aff.COMPOUNDBEGIN, aff.COMPOUNDMIDDLE, aff.COMPOUNDFLAG) if flag}
    linking = {flag: [rule for rule in rules if rule.flags & head_flags] for flag, rules in aff.SFX.items()}
    forms: set[str] = set()
    for word in dic.words:
        stem = word.stem.lower()
        if word.flags & head_flags:
            forms.add(stem)
        for flag in word.flags:
            for rule in linking.get(flag, ()):
                if stem.endswith(rule.strip) and rule.cond_regexp.search(stem):
                    forms.add(stem[: len(stem) - len(rule.strip)] + rule.add)
    return frozenset(forms)


def _cached_lookup_class() -> Any:
    from spylls.hunspell.algo.lookup import CompoundPos, Lookup

    class CachedLookup(Lookup):  # type: ignore[misc]
        """spylls' lookup with affix forms memoised (the dictionary does not change while we use it)."""

        def __init__(self, aff: Any, dic: Any) -> None:
            super().__init__(aff, dic)
            self._forms: dict[tuple[Any, ...], list[Any]] = {}
            self._heads = compound_head_forms(aff, dic)

        def affix_forms(self, word: str, captype: Any, *args: Any, **kwargs: Any) -> Any:
            position = kwargs.get("compoundpos")
            if position in (CompoundPos.BEGIN, CompoundPos.MIDDLE) and word not in self._heads:
                return iter(())
            key = (word, captype, args, tuple(sorted((k, _freeze(v)) for k, v in kwargs.items())))
            found = self._forms.get(key)
            if found is None:
                found = list(super().affix_forms(word, captype, *args, **kwargs))
                if len(self._forms) > 2 * MAX_CACHE:
                    self._forms.clear()
                self._forms[key] = found
            return iter(found)

    return CachedLookup


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


class HunspellSplitter:
    """Callable: ``splitter("biståndshandläggare") == ("bistånd", "handläggare")``; ``()`` when not a compound."""

    def __init__(self, path: str | Path = DICTIONARY) -> None:
        from spylls.hunspell import Dictionary
        from spylls.hunspell.algo.capitalization import Type as CapType

        dictionary = Dictionary.from_files(str(path))
        aff = dictionary.aff
        aff.COMPOUNDMIN = max(aff.COMPOUNDMIN or 1, MIN_PART)
        self._lookup = _cached_lookup_class()(aff, dictionary.dic)
        self._captype = CapType.NO
        self._cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, word: str) -> tuple[str, ...]:
        found = self._cache.get(word)
        if found is None:
            found = self.split(word)
            if len(self._cache) >= MAX_CACHE:
                self._cache.clear()
            self._cache[word] = found
        return found

    def split(self, word: str) -> tuple[str, ...]:
        if len(word) < MIN_WORD or not word.isalpha():
            return ()
        best: list[Any] | None = None
        for compound in self._lookup.compounds_by_flags(word, captype=self._captype):
            parts = compound.parts
            if any(a.text == b.text for a, b in zip(parts, parts[1:], strict=False)):
                continue  # CHECKCOMPOUNDDUP; hunspell's other "bad compound" checks guard spelling, not splitting
            if best is None or len(parts) < len(best):
                best = parts
                if len(parts) == 2:
                    break
        if best is None:
            return ()
        *heads, last = best
        return (*(form.stem for form in heads), last.text)


@lru_cache(maxsize=1)
def get_splitter() -> Splitter:
    """The shared splitter; the dictionary (about 3 s and 150 MB to read) is loaded on first use only."""
    return HunspellSplitter(DICTIONARY)
