"""Compound splitting (placeholder until the hunspell splitter lands)."""

from __future__ import annotations

from kraft.search.analysis.analyzer import Splitter, no_split


def get_splitter() -> Splitter:
    return no_split
