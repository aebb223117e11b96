"""Reading uploaded files into text blocks that keep their structure (headings, chapter and §, page, table rows).

``parse(data, filename)`` picks the parser from the file's content, never from its name alone, and raises
``IngestionError`` with a plain Swedish reason for files that cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from kraft.knowledge.ingestion.sniff import MIME_TYPES, detect_format
from kraft.knowledge.ingestion.structure import apply_legal_structure
from kraft.knowledge.ingestion.types import Block, IngestionError, ParsedDocument

__all__ = ["MIME_TYPES", "Block", "IngestionError", "ParsedDocument", "detect_format", "parse"]


def parse(data: bytes, filename: str, progress: Callable[[int], None] | None = None) -> ParsedDocument:
    fmt = detect_format(data, filename)
    if fmt == "pdf":
        from kraft.knowledge.ingestion.pdf import parse_pdf

        parsed = parse_pdf(data, progress)
    elif fmt == "docx":
        from kraft.knowledge.ingestion.word import parse_docx

        parsed = parse_docx(data)
    elif fmt == "odt":
        from kraft.knowledge.ingestion.opendocument import parse_odt

        parsed = parse_odt(data)
    elif fmt == "html":
        from kraft.knowledge.ingestion.webpage import parse_html

        parsed = parse_html(data)
    elif fmt == "markdown":
        from kraft.knowledge.ingestion.textfiles import parse_markdown

        parsed = parse_markdown(data)
    elif fmt == "eu_regulation":
        from kraft.knowledge.ingestion.eu_regulation import parse_eu_regulation

        parsed = parse_eu_regulation(data)
    elif fmt == "statute":
        from kraft.knowledge.ingestion.statute import parse_statute

        parsed = parse_statute(data)
    else:
        from kraft.knowledge.ingestion.textfiles import parse_text

        parsed = parse_text(data)
    if not any(block.text.strip() for block in parsed.blocks):
        raise IngestionError("no_text", _("Filen innehåller ingen text som kan läsas."))
    if fmt not in ("statute", "eu_regulation"):
        apply_legal_structure(parsed.blocks)
    return parsed
