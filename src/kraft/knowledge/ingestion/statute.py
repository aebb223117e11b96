"""The statute JSON format (one entry per paragraph, as in ``shared/data/law``): chapter and § kept exactly.

In that format the heading that introduces a paragraph is glued to the end of the *previous* paragraph's text
("… Lag (2018:1801). Kopior av allmänna handlingar"). It is moved to the paragraph it belongs to, so that a
quoted paragraph ends where the law's paragraph ends, and the heading helps find the right one.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from kraft.core.text import load_json
from kraft.knowledge.ingestion.structure import clean, normalise_section
from kraft.knowledge.ingestion.types import Block, IngestionError, ParsedDocument

# The end of the last sentence, then a short capitalised tail without a full stop: a heading.
TRAILING_HEADING_RE = re.compile(r"^(?P<body>.*?[^\d\s]\.)\s+(?P<heading>[A-ZÅÄÖ][^.:;!?]{1,120})$", re.DOTALL)


# A heading never ends on one of these; a line of body text cut off by the source's scraper often does.
DANGLING = frozenset(
    [
        "och",
        "eller",
        "samt",
        "att",
        "som",
        "om",
        "för",
        "till",
        "av",
        "i",
        "på",
        "med",
        "enligt",
        "den",
        "det",
        "de",
        "en",
        "ett",
        "får",
        "kan",
        "ska",
        "skall",
        "är",
        "har",
        "inte",
        "första",
        "andra",
        "tredje",
        "fjärde",
        "denna",
        "detta",
        "dessa",
        "vid",
        "från",
        "under",
        "efter",
        "mot",
        "hos",
        "än",
        "utan",
        "viss",
        "vissa",
        "sådan",
        "sådant",
        "sådana",
        "när",
        "där",
    ]
)


def is_text_fragment(title: str, max_words: int = 9) -> bool:
    """True for a "title" that is really a cut-off line of paragraph text (a defect in parts of the source)."""
    words = title.split()
    if not words or len(words) > max_words or ". " in title or title.endswith((",", ".", ";", ":")):
        return True
    return words[-1].lower() in DANGLING


def split_trailing_heading(content: str) -> tuple[str, str]:
    """(paragraph text, heading of the next paragraph or "")."""
    match = TRAILING_HEADING_RE.match(content)
    if not match:
        return content, ""
    heading = match.group("heading").strip()
    if is_text_fragment(heading, max_words=16):  # may be two headings in a row (chapter part + paragraph)
        return content, ""
    return match.group("body").strip(), heading


def parse_statute(data: bytes) -> ParsedDocument:
    try:
        source = load_json(data.decode("utf-8-sig"))
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
        if title and is_text_fragment(title):
            title = ""
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
