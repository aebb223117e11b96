"""EU regulations in the JSON format of ``shared/data/law-eu`` (the English text as published on EUR-Lex).

Articles are cut at their numbered paragraphs (``artikel 6.3``); a long paragraph whose points are a single list is
cut at its points (``artikel 9.2 g``); the definitions article at each definition (``artikel 3.1``); each recital is
a passage of its own (``skäl 12``). The text stays English. So that Swedish questions reach it without an embedder,
every passage carries Swedish words taken from the regulation itself, typed from its official Swedish version
(``data/law-eu/swedish.json``): the article's Swedish title and the Swedish terms of the definitions it uses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from kraft.knowledge.ingestion.structure import clean
from kraft.knowledge.ingestion.types import Block, IngestionError, ParsedDocument

METADATA = Path(__file__).resolve().parent.parent / "data" / "law-eu" / "swedish.json"
PARAGRAPH_RE = re.compile(r"^(\d{1,2})\.\s+(.*)$", re.DOTALL)
MARKER_RE = re.compile(r"^\((\d{1,3}|[a-z]{1,2})\)$")
ROMAN = frozenset(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"])
SPLIT_POINTS_ABOVE = 1200  # characters: a paragraph longer than this is cut at its points
# The enacting terms end with "Done at Brussels, 13 June 2024."; the source goes on with signatures and footnotes.
SIGNATURE_RE = re.compile(r"\n\s*Done at [A-Z][^\n]{0,80}\d{4}\.\s*\n.*\Z", re.DOTALL)
QUOTED_TERM_RE = re.compile(r"‘([^’]{2,120})’")
# What ``_article_blocks`` and ``_definition_blocks`` wrap around an article's Swedish title or defined term.
# The English title may hold parentheses of its own: "(Amendment to Directive (EU) 2016/797)".
HEADING_WRAPPING_RE = re.compile(r"^(?:Artikel|Article) \S+ – |\s*\((?:[^()]|\([^()]*\))*\)$|\s*– ‘[^’]*’$")
KEYWORD_SEPARATOR = "; "  # the Swedish title (or defined term) of the passage first, then the terms it uses


@lru_cache(maxsize=1)
def swedish_metadata() -> dict[str, Any]:
    """Swedish names, article titles and defined terms by CELEX number (empty when the file is missing)."""
    try:
        data = json.loads(METADATA.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    regulations: dict[str, Any] = data.get("regulations", {})
    return regulations


@dataclass
class Point:
    label: str
    parts: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    number: str
    lead: list[str] = field(default_factory=list)  # text before the first point
    points: list[Point] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)  # a subparagraph after the list of points
    flat: list[str] = field(default_factory=list)  # everything in order, points as "(a)"
    restarted: bool = False  # a second list of points (a), (b) … in the same paragraph

    def text(self) -> str:
        return clean(" ".join([f"{self.number}." if self.number else "", *self.flat]))


def point_text(point: Point) -> str:
    return clean(f"({point.label}) " + " ".join(point.parts))


def _next_label(previous: str, label: str) -> bool:
    """Whether ``label`` continues a list whose last label was ``previous`` ("" = none yet)."""
    if not previous:
        return label in ("a", "1")
    if previous.isdigit():
        return label.isdigit() and int(label) == int(previous) + 1
    return len(label) == 1 and len(previous) == 1 and ord(label) == ord(previous) + 1


def _add(current: Paragraph, segment: str) -> None:
    """A segment of text or a point marker, in its place in the paragraph."""
    current.flat.append(segment)
    marker = MARKER_RE.match(segment)
    if marker:
        label = marker.group(1)
        previous = current.points[-1].label if current.points and not current.tail else ""
        if _next_label(previous, label):
            current.restarted = current.restarted or bool(current.tail)
            current.points.append(Point(label))
            return
        if current.points:  # a sub-point (i), (ii) … stays inside its point
            current.points[-1].parts.append(segment)
            return
    if not current.points:
        current.lead.append(segment)
    elif current.tail or (" ".join(current.points[-1].parts).endswith(".") and segment[:1].isupper()):
        current.tail.append(segment)  # the list has ended: a new subparagraph
    else:
        current.points[-1].parts.append(segment)


def parse_article(text: str) -> list[Paragraph]:
    """The article's numbered paragraphs (one unnumbered paragraph when it has none) with their points."""
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    for segment in (s.strip() for s in text.replace("\r", "").split("\n\n")):
        if not segment:
            continue
        paragraph = PARAGRAPH_RE.match(segment)
        if paragraph and int(paragraph.group(1)) == len(paragraphs) + 1 and (current is None or current.number):
            current = Paragraph(number=paragraph.group(1))
            paragraphs.append(current)
            _add(current, paragraph.group(2).strip())
            continue
        if current is None:
            current = Paragraph(number="")
            paragraphs.append(current)
        _add(current, segment)
    return paragraphs


def _terms_in(text: str, terms: list[tuple[str, str]]) -> list[str]:
    """The Swedish terms of the definitions whose English term the text uses."""
    lowered = text.lower()
    return [swedish for english, swedish in terms if re.search(rf"\b{re.escape(english)}\b", lowered)]


def parse_eu_regulation(data: bytes) -> ParsedDocument:
    try:
        source = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise IngestionError("corrupt", _("JSON-filen är skadad och kan inte läsas.")) from None
    if not isinstance(source, dict) or not isinstance(source.get("articles"), list):
        raise IngestionError("unsupported", _('JSON-filen är inte en EU-förordning (ett objekt med "articles").'))
    celex = clean(str(source.get("celex_id") or ""))
    swedish: dict[str, Any] = swedish_metadata().get(celex, {})
    english_name = clean(str(source.get("full_name") or celex))
    parsed = ParsedDocument(
        format="eu_regulation",
        title=str(swedish.get("title") or english_name),
        kind="statute",
        sfs_number=str(swedish.get("number") or celex)[:30],
        source_url=str(swedish.get("eur_lex_sv") or source.get("eur_lex_url") or "")[:500],
        language="en",
        citation_name=str(swedish.get("name") or english_name),
    )
    definitions = [d for d in source.get("definitions") or [] if isinstance(d, dict)]
    terms_sv: dict[str, str] = swedish.get("definitions", {})
    terms = [
        (clean(str(d.get("term") or "")).lower(), terms_sv.get(str(number), ""))
        for number, d in enumerate(definitions, start=1)
    ]
    terms = [(english, sv) for english, sv in terms if english and sv]
    gaps: list[dict[str, str]] = []
    for article in source["articles"]:
        if isinstance(article, dict):
            parsed.blocks.extend(_article_blocks(article, swedish, terms, definitions, gaps))
    parsed.structure = {"repairs": [], "gaps": gaps}
    for recital in source.get("recitals") or []:
        if isinstance(recital, dict) and str(recital.get("text") or "").strip():
            number = str(recital.get("recital_number") or "")
            text = clean(f"({number}) {recital['text']}")
            parsed.blocks.append(
                Block(
                    text=text,
                    headings=(_("Skäl"),),
                    recital=number,
                    keywords=KEYWORD_SEPARATOR.join(_terms_in(text, terms)),
                )
            )
    return parsed


def swedish_heading(heading: str) -> str:
    """The Swedish words of a passage heading made here: *Artikel 6 – Klassificeringsregler för AI-system med hög
    risk (Classification rules …)* → *Klassificeringsregler för AI-system med hög risk*; a definition's *AI-system –
    ‘AI system’* → *AI-system*."""
    return HEADING_WRAPPING_RE.sub("", heading).strip()


def _article_blocks(
    article: dict[str, Any],
    swedish: dict[str, Any],
    terms: list[tuple[str, str]],
    definitions: list[dict[str, Any]],
    gaps: list[dict[str, str]],
) -> list[Block]:
    number = clean(str(article.get("number") or ""))
    title_sv = str(swedish.get("articles", {}).get(number, ""))
    title_en = clean(str(article.get("title") or ""))
    heading = _("Artikel %(number)s") % {"number": number}
    heading += f" – {title_sv}" if title_sv else (f" – {title_en}" if title_en else "")
    if title_sv and title_en:
        heading += f" ({title_en})"
    blocks: list[Block] = []
    is_definitions = number == str(swedish.get("definitions_article", ""))
    for paragraph in parse_article(SIGNATURE_RE.sub("", str(article.get("text") or ""))):
        for point in paragraph.points:
            if not point.parts:
                where = f"{number}.{paragraph.number} {point.label}" if paragraph.number else f"{number} {point.label}"
                gaps.append({"kind": "empty", "chapter": "", "section": "", "missing": where, "ending": ""})
        if is_definitions and paragraph.points:
            blocks += _definition_blocks(number, heading, title_sv, paragraph, swedish)
            continue
        full = paragraph.text()
        split = len(full) > SPLIT_POINTS_ABOVE and len(paragraph.points) > 1 and not paragraph.restarted
        units = [(paragraph.number, "", full)]
        if split:
            lead = clean(" ".join([f"{paragraph.number}." if paragraph.number else "", *paragraph.lead]))
            units = [(paragraph.number, "", lead)] if lead.strip(". ") else []
            units += [(paragraph.number, p.label, point_text(p)) for p in paragraph.points]
            if paragraph.tail:
                units.append((paragraph.number, "", clean(" ".join(paragraph.tail))))
        for paragraph_number, label, text in units:
            keywords = KEYWORD_SEPARATOR.join(dict.fromkeys(x for x in [title_sv, *_terms_in(text, terms)] if x))
            blocks.append(
                Block(
                    text=text,
                    headings=(heading,),
                    article=number,
                    paragraph=paragraph_number,
                    point=label,
                    keywords=keywords.strip(),
                )
            )
    return blocks


def _definition_blocks(
    number: str,
    heading: str,
    title_sv: str,
    paragraph: Paragraph,
    swedish: dict[str, Any],
) -> list[Block]:
    blocks = []
    lead = clean(" ".join(paragraph.lead))
    if lead:
        blocks.append(Block(text=lead, headings=(heading,), article=number, keywords=title_sv))
    for point in paragraph.points:
        term_sv = str(swedish.get("definitions", {}).get(point.label, ""))
        quoted = QUOTED_TERM_RE.search(" ".join(point.parts))
        term_en = quoted.group(1) if quoted else ""
        named = " – ".join(x for x in (term_sv, f"‘{term_en}’" if term_en else "") if x)
        blocks.append(
            Block(
                text=point_text(point),
                headings=(heading, named) if named else (heading,),
                article=number,
                paragraph=paragraph.number,
                point=point.label,
                keywords=KEYWORD_SEPARATOR.join(x for x in (term_sv, title_sv) if x),
            )
        )
    return blocks
