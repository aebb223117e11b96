"""Split Markdown pages into passages the way a knowledge library does: by heading, then by paragraph groups.

Each passage keeps the headings above it (``headings``) so it can be shown and cited in context, and is kept
near ``target`` characters: short paragraphs under one heading are grouped, over-long ones are cut at sentence
ends. Pure functions, no Django: the knowledge app and the benchmarks use the same code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

TARGET_CHARS = 900
MAX_CHARS = 1600

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")


@dataclass(frozen=True)
class Passage:
    ordinal: int
    headings: tuple[str, ...]
    text: str

    @property
    def heading(self) -> str:
        return " › ".join(self.headings)


def _sections(markdown: str) -> Iterator[tuple[tuple[str, ...], list[str]]]:
    """(heading path, paragraphs) for each section of the page, in order."""
    path: list[tuple[int, str]] = []
    paragraphs: list[str] = []
    current: list[str] = []

    def flush_paragraph() -> None:
        if current:
            text = " ".join(line.strip() for line in current).strip()
            if text:
                paragraphs.append(text)
            current.clear()

    for line in markdown.splitlines():
        match = _HEADING.match(line)
        if match:
            flush_paragraph()
            if paragraphs:
                yield tuple(h for _, h in path), list(paragraphs)
                paragraphs.clear()
            level = len(match.group(1))
            path = [(lvl, h) for lvl, h in path if lvl < level] + [(level, match.group(2))]
        elif not line.strip():
            flush_paragraph()
        else:
            current.append(line)
    flush_paragraph()
    if paragraphs:
        yield tuple(h for _, h in path), list(paragraphs)


def split_long(text: str, limit: int = MAX_CHARS, target: int = TARGET_CHARS) -> list[str]:
    """Cut a paragraph longer than ``limit`` at sentence ends into pieces near ``target``."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > limit:  # a "sentence" without full stops: cut at a space
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if current and len(current) + len(sentence) + 1 > target:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces


def chunk_markdown(markdown: str, target: int = TARGET_CHARS, limit: int = MAX_CHARS) -> list[Passage]:
    """Passages of a Markdown page; headings are context, not passages of their own."""
    passages: list[Passage] = []
    for headings, paragraphs in _sections(markdown):
        group = ""
        for paragraph in paragraphs:
            for piece in split_long(paragraph, limit, target):
                if group and len(group) + len(piece) + 2 > target:
                    passages.append(Passage(len(passages), headings, group))
                    group = piece
                else:
                    group = f"{group}\n\n{piece}" if group else piece
        if group:
            passages.append(Passage(len(passages), headings, group))
    return passages


def page_title(markdown: str) -> str:
    for line in markdown.splitlines():
        match = _HEADING.match(line)
        if match:
            return match.group(2)
        if line.strip():
            return line.strip()[:200]
    return ""
