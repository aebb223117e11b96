"""Cutting parsed blocks into citable passages by structure.

- Statutes (blocks with a §): one passage per paragraph; a long paragraph is split at sentence ends into
  balanced parts that all cite the same §.
- Other documents: blocks under the same heading and on the same page are joined up to ``target_chars``;
  table rows are kept apart from running text. A passage never crosses a heading or a page, so its citation
  (heading, page) is exact.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from kraft.knowledge.ingestion.types import Block, ParsedDocument

TARGET_CHARS = 1000  # documents: join blocks up to about this size
MAX_CHARS = 1600  # split anything longer (a long § or a long paragraph)
ABBREVIATIONS = {"kap", "m.m", "t.ex", "bl.a", "s", "st", "p", "jfr", "resp", "dvs", "f.d", "o.d", "m.fl", "ca", "nr"}
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"«(–-])")


@dataclass
class PassageDraft:
    text: str
    heading: str = ""
    chapter: str = ""
    section: str = ""
    page: int | None = None
    citation: str = ""
    anchor: str = ""
    article: str = ""
    paragraph: str = ""
    point: str = ""
    recital: str = ""
    keywords: str = ""


def sentences(text: str) -> list[str]:
    """Sentences of Swedish (legal) text; does not split after ``kap.``, ``t.ex.`` or a list number."""
    parts: list[str] = []
    start = 0
    for match in SENTENCE_END_RE.finditer(text):
        before = text[start : match.start()]
        last_word = before.rsplit(" ", 1)[-1].rstrip(".").lower()
        if last_word in ABBREVIATIONS or last_word.isdigit():
            continue
        parts.append(before.strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def split_long(text: str, max_chars: int = MAX_CHARS, target: int = TARGET_CHARS) -> list[str]:
    """Balanced parts of at most about ``max_chars``, cut between sentences."""
    if len(text) <= max_chars:
        return [text]
    pieces = sentences(text)
    wanted = max(2, math.ceil(len(text) / target))
    size = len(text) / wanted
    parts: list[str] = []
    current: list[str] = []
    for piece in pieces:
        if current and len(" ".join(current)) + len(piece) > size * 1.15:
            parts.append(" ".join(current))
            current = []
        current.append(piece)
    if current:
        parts.append(" ".join(current))
    return [chunk for part in parts for chunk in _hard_split(part, max_chars * 2)]


def _hard_split(text: str, limit: int) -> list[str]:
    """Last resort for a single endless sentence: cut at spaces."""
    if len(text) <= limit:
        return [text]
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return [text[:cut].strip(), *_hard_split(text[cut:].strip(), limit)]


def legal_reference(chapter: str, section: str) -> str:
    if chapter and section:
        return f"{chapter} kap. {section} §"
    if section:
        return f"{section} §"
    return f"{chapter} kap." if chapter else ""


def eu_reference(draft: PassageDraft) -> str:
    """``artikel 6.3``, ``artikel 9.2 g``, ``artikel 3.1`` (a numbered definition), ``skäl 12`` – the Swedish form."""
    if draft.recital:
        return f"skäl {draft.recital}"
    if not draft.article:
        return ""
    number = draft.article
    if draft.paragraph:
        number += f".{draft.paragraph}"
        if draft.point:
            number += f" {draft.point}" if not draft.point.isdigit() else f".{draft.point}"
    elif draft.point:
        number += f".{draft.point}" if draft.point.isdigit() else f" {draft.point}"
    return f"artikel {number}"


def citation_for(title: str, draft: PassageDraft, headings: tuple[str, ...]) -> str:
    if draft.article or draft.recital:
        return f"{title} {eu_reference(draft)}"
    reference = legal_reference(draft.chapter, draft.section)
    if draft.page:
        reference = f"{reference}, s. {draft.page}" if reference else f"s. {draft.page}"
    named = [heading for heading in headings if heading.casefold() != title.casefold()]
    if not reference and named:
        reference = named[-1]
    if not reference:
        return title
    return f"{title} {reference}" if title.endswith(")") else f"{title}, {reference}"


def _anchor(draft: PassageDraft, ordinal: int) -> str:
    if draft.recital:
        return f"skal{draft.recital}"
    if draft.article:
        parts = [draft.article, draft.paragraph, draft.point]
        return "art" + "-".join(p for p in parts if p)
    if draft.section:
        prefix = f"k{draft.chapter}-" if draft.chapter else ""
        return f"{prefix}p{draft.section.replace(' ', '')}"
    if draft.page:
        return f"s{draft.page}"
    return f"a{ordinal}"


def _groups(blocks: list[Block]) -> list[list[Block]]:
    """Runs of blocks that belong in the same passage (same §, or same heading, page and block type)."""
    groups: list[list[Block]] = []
    for block in blocks:
        if groups:
            last = groups[-1][-1]
            same_place = _place(last) == _place(block)
            if block.section or block.article or block.recital:
                joinable = same_place
            else:
                size = sum(len(b.text) + 1 for b in groups[-1])
                joinable = (
                    same_place
                    and last.headings == block.headings
                    and last.table_row == block.table_row
                    and size + len(block.text) <= TARGET_CHARS
                )
            if joinable:
                groups[-1].append(block)
                continue
        groups.append([block])
    return groups


def _place(block: Block) -> tuple[object, ...]:
    return (block.chapter, block.section, block.page, block.article, block.paragraph, block.point, block.recital)


def chunk(parsed: ParsedDocument, title: str) -> list[PassageDraft]:
    """Passages of a parsed document; citations start with ``title`` (or the document's own citation name)."""
    title = parsed.citation_name or title
    drafts: list[PassageDraft] = []
    anchors: dict[str, int] = {}
    for group in _groups([b for b in parsed.blocks if b.text.strip()]):
        first = group[0]
        separator = "\n" if first.table_row else " "
        text = separator.join(block.text for block in group)
        parts = text.split("\n") if first.table_row and len(text) > MAX_CHARS else split_long(text)
        for part in _rejoin_rows(parts) if first.table_row else parts:
            draft = PassageDraft(
                text=part,
                heading=" › ".join(first.headings)[:500],
                chapter=first.chapter,
                section=first.section,
                page=first.page,
                article=first.article,
                paragraph=first.paragraph,
                point=first.point,
                recital=first.recital,
                keywords=first.keywords,
            )
            draft.citation = citation_for(title, draft, first.headings)[:400]
            anchor = _anchor(draft, len(drafts) + 1)
            anchors[anchor] = anchors.get(anchor, 0) + 1
            draft.anchor = anchor if anchors[anchor] == 1 else f"{anchor}-{anchors[anchor]}"
            drafts.append(draft)
    return drafts


def _rejoin_rows(rows: list[str]) -> list[str]:
    """Table rows packed into passages of about ``TARGET_CHARS``, never splitting a row."""
    parts: list[str] = []
    for row in rows:
        if parts and len(parts[-1]) + len(row) < TARGET_CHARS:
            parts[-1] += "\n" + row
        else:
            parts.append(row)
    return parts
