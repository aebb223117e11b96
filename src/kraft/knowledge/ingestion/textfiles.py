"""Markdown (markdown-it-py, read through the HTML parser so headings and tables keep their structure) and plain
text (blank lines separate paragraphs, form feeds separate pages, short unpunctuated lines are headings)."""

from __future__ import annotations

import re

from kraft.knowledge.ingestion.structure import (
    CHAPTER_RE,
    SECTION_RE,
    clean,
    heading_level,
    looks_like_heading,
    push_heading,
)
from kraft.knowledge.ingestion.types import Block, ParsedDocument
from kraft.knowledge.ingestion.webpage import parse_html

UNDERLINE_RE = re.compile(r"^(=+|-+)\s*$")


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def parse_markdown(data: bytes) -> ParsedDocument:
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    return parse_html(renderer.render(decode_text(data)), fmt="markdown")


def _paragraph_blocks(
    paragraph: list[str], headings: tuple[str, ...], page: int | None
) -> tuple[list[Block], tuple[str, ...]]:
    """Blocks of one blank-line-separated paragraph; a leading heading line updates the heading path."""
    blocks: list[Block] = []
    lines = [clean(line) for line in paragraph if clean(line)]
    if len(lines) >= 2 and UNDERLINE_RE.match(lines[1]):
        headings = push_heading(headings, lines[0], 1 if lines[1].startswith("=") else 2)
        lines = lines[2:]
    while lines and (CHAPTER_RE.match(lines[0]) or (looks_like_heading(lines[0]) and len(lines) > 1)):
        headings = push_heading(headings, lines[0], heading_level(lines[0]))
        lines = lines[1:]
    if len(lines) == 1 and looks_like_heading(lines[0]) and not SECTION_RE.match(lines[0]):
        return [], push_heading(headings, lines[0], heading_level(lines[0]))
    current: list[str] = []
    for line in lines:
        if SECTION_RE.match(line) and current:
            blocks.append(Block(text=" ".join(current), headings=headings, page=page))
            current = []
        current.append(line)
    if current:
        blocks.append(Block(text=" ".join(current), headings=headings, page=page))
    return blocks, headings


def parse_text(data: bytes) -> ParsedDocument:
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    parsed = ParsedDocument(format="text", page_count=len(pages) if len(pages) > 1 else None)
    headings: tuple[str, ...] = ()
    for number, page_text in enumerate(pages, start=1):
        page = number if parsed.page_count else None
        for paragraph in re.split(r"\n\s*\n", page_text):
            blocks, headings = _paragraph_blocks(paragraph.split("\n"), headings, page)
            parsed.blocks.extend(blocks)
    if parsed.blocks:
        first = clean(text.strip().split("\n", 1)[0])
        if looks_like_heading(first):
            parsed.title = first
    return parsed
