"""The statute JSON format (one entry per paragraph, as in ``shared/data/law``): chapter and § kept exactly.

In that format the heading that introduces a paragraph is glued to the end of the *previous* paragraph's text
("… Lag (2018:1801). Kopior av allmänna handlingar"). It is moved to the paragraph it belongs to, so that a
quoted paragraph ends where the law's paragraph ends, and the heading helps find the right one.
"""

from __future__ import annotations

import json
import re

from django.utils.translation import gettext as _

from kraft.knowledge.ingestion.structure import clean, normalise_section
from kraft.knowledge.ingestion.types import Block, IngestionError, ParsedDocument

# The end of the last sentence, then a short capitalised tail without a full stop: a heading.
TRAILING_HEADING_RE = re.compile(r"^(?P<body>.*?[^\d\s]\.)\s+(?P<heading>[A-ZÅÄÖ][^.:;!?]{1,120})$", re.DOTALL)


def split_trailing_heading(content: str) -> tuple[str, str]:
    """(paragraph text, heading of the next paragraph or "")."""
    match = TRAILING_HEADING_RE.match(content)
    if not match:
        return content, ""
    heading = match.group("heading").strip()
    if len(heading.split()) > 14 or heading.endswith(","):
        return content, ""
    return match.group("body").strip(), heading


def parse_statute(data: bytes) -> ParsedDocument:
    try:
        source = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise IngestionError("corrupt", _("JSON-filen är skadad och kan inte läsas.")) from None
    if not isinstance(source, dict) or not isinstance(source.get("provisions"), list):
        raise IngestionError(
            "unsupported", _('JSON-filen är inte i författningsformatet (ett objekt med "provisions").')
        )
    parsed = ParsedDocument(
        format="statute",
        title=clean(str(source.get("title") or "")),
        kind="statute",
        sfs_number=clean(str(source.get("id") or ""))[:30],
        repealed=source.get("status") == "repealed",
        source_url=str(source.get("url") or "")[:500],
    )
    carried_heading = ""
    chapter_titles: dict[str, str] = {}
    for provision in source["provisions"]:
        if not isinstance(provision, dict):
            continue
        chapter = clean(str(provision.get("chapter") or ""))
        section = normalise_section(clean(str(provision.get("section") or "")))
        content, next_heading = split_trailing_heading(clean(str(provision.get("content") or "")))
        title = clean(str(provision.get("title") or ""))
        headings: list[str] = []
        if chapter:
            chapter_titles.setdefault(chapter, f"{chapter} kap.")
            headings.append(chapter_titles[chapter])
        heading = title or carried_heading
        if heading:
            headings.append(heading)
        carried_heading = next_heading
        if content:
            parsed.blocks.append(Block(text=content, headings=tuple(headings), chapter=chapter, section=section))
    return parsed
