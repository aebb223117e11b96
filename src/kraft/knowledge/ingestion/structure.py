"""Text helpers shared by the parsers: Swedish legal structure (``2 kap.``, ``15 §``) and heading guesses."""

from __future__ import annotations

import re

from kraft.knowledge.ingestion.types import Block

CHAPTER_RE = re.compile(r"^(\d{1,3}\s?[a-z]?)\s*kap\.\s*(.*)$")
SECTION_RE = re.compile(r"^(\d{1,3}(?:\s?[a-z])?)\s*§\s+(?=\S)")
NUMBERED_HEADING_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+\S")
TERMINAL = (".", ",", ";", ":", "!", "?", "…")
SPACES_RE = re.compile(r"\s+")


def clean(text: str) -> str:
    """One line of normalised text: no soft hyphens, every run of white space (line breaks too) one space."""
    text = text.replace("\u00ad", "").replace("\r", "")
    return SPACES_RE.sub(" ", text).strip()


def looks_like_heading(line: str) -> bool:
    """A short line without closing punctuation that starts with a capital or a section number."""
    line = line.strip()
    if not line or len(line) > 90 or line.endswith(TERMINAL) or line.endswith("-"):
        return False
    if len(line.split()) > 12 or SECTION_RE.match(line + " x"):
        return False
    first = line[0]
    return first.isupper() or bool(NUMBERED_HEADING_RE.match(line)) or bool(CHAPTER_RE.match(line))


def heading_level(line: str) -> int:
    """``3.2 Rutiner`` is level 2; ``2 kap.`` and unnumbered headings are level 1."""
    match = NUMBERED_HEADING_RE.match(line)
    return match.group(1).count(".") + 1 if match else 1


def push_heading(path: tuple[str, ...], heading: str, level: int) -> tuple[str, ...]:
    level = max(1, min(level, len(path) + 1))
    return (*path[: level - 1], heading)


def normalise_section(value: str) -> str:
    """``4a`` and ``4 a`` are the same paragraph; store ``4 a``."""
    value = value.strip()
    match = re.fullmatch(r"(\d+)\s?([a-z])", value)
    return f"{match.group(1)} {match.group(2)}" if match else value


def apply_legal_structure(blocks: list[Block]) -> None:
    """Mark chapter and § on blocks of a statute-like text (a document where paragraphs start with ``N §``).

    Works in place. Left alone when fewer than two blocks start with a § sign, so that ordinary guidance
    that cites a paragraph in passing is not mistaken for a statute.
    """
    if sum(1 for b in blocks if not b.table_row and SECTION_RE.match(b.text)) < 2:
        return
    chapter, section = "", ""
    last_headings: tuple[str, ...] = ()
    for block in blocks:
        if block.headings != last_headings:
            last_headings = block.headings
            for heading in block.headings:
                match = CHAPTER_RE.match(heading)
                if match:
                    chapter = match.group(1).replace(" ", "")
            section = ""
        match = SECTION_RE.match(block.text)
        if match and not block.table_row:
            section = normalise_section(match.group(1))
        block.chapter = block.chapter or chapter
        block.section = block.section or section
