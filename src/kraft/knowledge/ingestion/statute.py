"""The statute JSON format (one entry per paragraph, as in ``shared/data/law``), with the paragraphs its text shows.

Where the source's paragraph boundaries or labels are visibly wrong they are re-derived from the text
(``statute_repair``); what was repaired and what is missing is kept in ``ParsedDocument.structure``.

In that format the heading that introduces a paragraph is glued to the end of the *previous* paragraph's text
("… Lag (2018:1801). Kopior av allmänna handlingar"). It is moved to the paragraph it belongs to, so that a
quoted paragraph ends where the law's paragraph ends, and the heading helps find the right one.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.translation import gettext as _

from kraft.knowledge.ingestion.statute_repair import Provision, find_gaps, repair
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


def repeal_of(source: dict[str, Any]) -> tuple[bool, str]:
    """Whether the source says the statute is repealed (``status``, or a description "Upphävd … genom SFS …")."""
    description = " ".join(str(source.get("description") or "").split())[:200]
    said = description.casefold().startswith(("upphävd", "upphävt", "har upphävts"))
    return source.get("status") == "repealed" or said, description if said else ""


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
        source_url=str(source.get("url") or "")[:500],
    )
    parsed.repealed, parsed.repealed_note = repeal_of(source)
    short_name = clean(str(source.get("short_name") or ""))[:40]  # "LSS", "PBL": how the statute is cited
    provisions, report = repair(list(_provisions(source["provisions"])))
    carried_heading = ""
    for provision in provisions:
        content, next_heading = split_trailing_heading(provision.text)
        provision.text = content
        headings: list[str] = []
        if provision.chapter:
            headings.append(f"{provision.chapter} kap.")
        own = provision.title or provision.heading
        # A heading glued to the end of the previous text stays even when the paragraph has its own (then it is
        # the heading of a larger part: "Fjärde avdelningen Rättegångsbestämmelser" before "Äktenskapsmål").
        headings += [h for h in dict.fromkeys((carried_heading, own)) if h]
        carried_heading = next_heading
        if content:
            parsed.blocks.append(
                Block(
                    text=content,
                    headings=tuple(headings),
                    chapter=provision.chapter,
                    section=provision.section,
                    keywords=short_name,
                )
            )
    report.gaps = find_gaps(provisions, report.source_labels)
    parsed.structure = report.as_dict()
    return parsed


def _provisions(entries: list[object]) -> list[Provision]:
    """The source's provisions as they are (labels normalised, headings that are cut-off text dropped)."""
    provisions = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        title = clean(str(entry.get("title") or ""))
        provisions.append(
            Provision(
                chapter=clean(str(entry.get("chapter") or "")),
                section=normalise_section(clean(str(entry.get("section") or ""))),
                text=clean(str(entry.get("content") or "")),
                title="" if title and is_text_fragment(title) else title,
            )
        )
    return provisions
