"""DOCX (python-docx): paragraphs in order with their heading path, tables as rows, explicit and rendered
page breaks counted so that passages can name their page."""

from __future__ import annotations

import io
import re
import zipfile

from django.utils.translation import gettext as _

from kraft.knowledge.ingestion.sniff import check_archive as _check_archive
from kraft.knowledge.ingestion.structure import clean, push_heading
from kraft.knowledge.ingestion.tables import row_texts
from kraft.knowledge.ingestion.types import Block, IngestionError, ParsedDocument

HEADING_STYLE_RE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _heading_level(paragraph) -> int | None:  # type: ignore[no-untyped-def]
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    match = HEADING_STYLE_RE.match(name.strip())
    if match:
        return int(match.group(1))
    if name.lower() in ("title", "rubrik"):
        return 0
    outline = paragraph._element.find(f"{W}pPr/{W}outlineLvl")
    if outline is not None:
        value = outline.get(f"{W}val")
        if value is not None and value.isdigit() and int(value) < 9:
            return int(value) + 1
    return None


def _page_breaks(element) -> int:  # type: ignore[no-untyped-def]
    explicit = [br for br in element.iter(f"{W}br") if br.get(f"{W}type") == "page"]
    rendered = list(element.iter(f"{W}lastRenderedPageBreak"))
    return max(len(explicit), len(rendered))


def parse_docx(data: bytes) -> ParsedDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError, AttributeError):
        raise IngestionError("corrupt", _("Word-filen är skadad och kan inte läsas.")) from None
    except Exception:  # noqa: BLE001 – lxml raises its own errors on broken XML
        raise IngestionError("corrupt", _("Word-filen är skadad och kan inte läsas.")) from None
    parsed = ParsedDocument(format="docx", title=clean(document.core_properties.title or ""))
    body = document.element.body
    has_pages = any(True for _ in body.iter(f"{W}lastRenderedPageBreak")) or any(
        br.get(f"{W}type") == "page" for br in body.iter(f"{W}br")
    )
    page = 1
    headings: tuple[str, ...] = ()
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            paragraph = Paragraph(child, document)
            text = clean(paragraph.text)
            level = _heading_level(paragraph)
            if text and level == 0 and not parsed.title:
                parsed.title = text
            elif text and level:
                headings = push_heading(headings, text, level)
            elif text:
                parsed.blocks.append(Block(text=text, headings=headings, page=page if has_pages else None))
            page += _page_breaks(child)
        elif child.tag == f"{W}tbl":
            table = Table(child, document)
            rows = [[cell.text for cell in row.cells] for row in table.rows]
            for row_text in row_texts(rows):
                parsed.blocks.append(
                    Block(text=row_text, headings=headings, page=page if has_pages else None, table_row=True)
                )
            page += _page_breaks(child)
    if has_pages:
        parsed.page_count = page
    return parsed
