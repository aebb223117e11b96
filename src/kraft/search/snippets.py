"""Snippets: a short window of the original text around the matched terms, HTML-escaped, matches in ``<mark>``."""

from __future__ import annotations

from collections.abc import Collection

from django.utils.html import escape

from kraft.search.analysis import Analyzer

WINDOW_TOKENS = 30


def make_snippet(analyzer: Analyzer, text: str, terms: Collection[str], max_chars: int = 240) -> str:
    """The best window of ``text`` for ``terms``; plain escaped text from the start when nothing matches."""
    if not text:
        return ""
    tokens = list(analyzer.matching_terms(text))
    matched = [i for i, (_, produced) in enumerate(tokens) if produced & set(terms)]
    if not matched:
        cut = text[:max_chars]
        return escape(cut) + ("…" if len(text) > max_chars else "")
    best_start, best_count = matched[0], 0
    for first in matched:
        count = sum(1 for i in matched if first <= i < first + WINDOW_TOKENS)
        if count > best_count:
            best_start, best_count = first, count
    start_token = max(0, best_start - 5)
    start = tokens[start_token][0].start if start_token > 0 else 0
    end_limit = start + max_chars
    pieces: list[str] = ["…"] if start > 0 else []
    cursor = start
    matched_set = set(matched)
    end = start
    for index in range(start_token, len(tokens)):
        token = tokens[index][0]
        if token.end > end_limit:
            break
        if index == len(tokens) - 1 and len(text) <= end_limit:
            end = len(text)  # the text ends inside the window: keep its closing punctuation
        if index in matched_set:
            pieces.append(escape(text[cursor : token.start]))
            pieces.append(f"<mark>{escape(text[token.start : token.end])}</mark>")
            cursor = token.end
        end = max(end, token.end)
    pieces.append(escape(text[cursor:end]))
    if end < len(text.rstrip()):
        pieces.append("…")
    return "".join(pieces)
