"""PDF through its text layer (pypdf), page by page; pages without text are reported, and read with OCR when
the ``tesseract`` program is installed."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.utils.translation import gettext as _

from kraft.knowledge.ingestion.structure import (
    CHAPTER_RE,
    SECTION_RE,
    TERMINAL,
    clean,
    heading_level,
    looks_like_heading,
    push_heading,
)
from kraft.knowledge.ingestion.types import Block, IngestionError, ParsedDocument

logger = logging.getLogger(__name__)
MIN_PAGE_CHARS = 20  # fewer visible characters than this: the page has no real text layer
BULLET_PREFIXES = ("•", "–", "- ", "* ", "▪")


def _open(data: bytes):  # type: ignore[no-untyped-def]
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, IndexError):
        raise IngestionError("corrupt", _("PDF-filen är skadad och kan inte läsas.")) from None
    if reader.is_encrypted:
        try:
            unlocked = bool(reader.decrypt(""))
        except (DependencyError, NotImplementedError, PdfReadError, ValueError, KeyError, TypeError):
            unlocked = False
        if not unlocked:
            raise IngestionError(
                "encrypted",
                _("PDF-filen är krypterad (lösenordsskyddad). Spara en version utan lösenord och ladda upp den."),
            )
    return reader


def _ocr_page(page) -> str:  # type: ignore[no-untyped-def]
    """Text of a scanned page via Tesseract on its embedded images; empty when that is not possible."""
    binary = shutil.which("tesseract")
    if binary is None:
        return ""
    texts = []
    try:
        images = list(page.images)
    except Exception:  # noqa: BLE001 – odd image encodings must not stop the whole document
        logger.warning("could not extract images for OCR", exc_info=True)
        return ""
    for image in images:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / (image.name or "page.png")
            path.write_bytes(image.data)
            for languages in (["-l", "swe"], []):
                result = subprocess.run(  # noqa: S603 – fixed program, our own temp file
                    [binary, str(path), "-", *languages], capture_output=True, text=True, timeout=120, check=False
                )
                if result.returncode == 0:
                    texts.append(result.stdout)
                    break
    return "\n".join(texts)


def _paragraphs(text: str) -> list[tuple[str, bool]]:
    """(text, is_heading) pairs from a page's lines: wrapped lines joined, hyphenation undone."""
    result: list[tuple[str, bool]] = []
    current: list[str] = []
    lines = [clean(raw) for raw in text.split("\n")]
    long_lines = sorted(len(line) for line in lines if len(line) > 40)
    # A heading is clearly shorter than the page's ordinary (wrapped) lines.
    heading_max = int(0.75 * long_lines[len(long_lines) // 2]) if len(long_lines) >= 5 else 90

    def flush() -> None:
        if current:
            result.append((" ".join(current), False))
            current.clear()

    for line in lines:
        if not line:
            flush()
            continue
        starts_unit = bool(SECTION_RE.match(line)) or line.startswith(BULLET_PREFIXES)
        previous_closed = not current or current[-1].endswith(TERMINAL)
        if CHAPTER_RE.match(line) or (
            previous_closed and len(line) <= heading_max and looks_like_heading(line) and not starts_unit
        ):
            flush()
            result.append((line, True))
            continue
        if starts_unit:
            flush()
        if current and current[-1].endswith("-") and line[:1].islower():
            current[-1] = current[-1][:-1] + line
        else:
            current.append(line)
    flush()
    return result


def parse_pdf(data: bytes, progress: Callable[[int], None] | None = None) -> ParsedDocument:
    reader = _open(data)
    parsed = ParsedDocument(format="pdf")
    try:
        pages = list(reader.pages)
        metadata = reader.metadata
        parsed.title = clean(str(metadata.title)) if metadata and metadata.title else ""
    except Exception:  # noqa: BLE001 – pypdf raises many kinds of error on broken files
        raise IngestionError("corrupt", _("PDF-filen är skadad och kan inte läsas.")) from None
    parsed.page_count = len(pages)
    headings: tuple[str, ...] = ()
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001
            logger.warning("text extraction failed on page %s", number, exc_info=True)
            text = ""
        if len("".join(text.split())) < MIN_PAGE_CHARS:
            text = _ocr_page(page)
            if len("".join(text.split())) < MIN_PAGE_CHARS:
                parsed.empty_pages.append(number)
                continue
            parsed.ocr_pages.append(number)
        for paragraph, is_heading in _paragraphs(text):
            if is_heading:
                headings = push_heading(headings, paragraph, heading_level(paragraph))
            else:
                parsed.blocks.append(Block(text=paragraph, headings=headings, page=number))
        if progress:
            progress(int(100 * number / len(pages)))
    if not parsed.blocks and pages and len(parsed.empty_pages) == len(pages):
        raise IngestionError(
            "no_text",
            _(
                "PDF-filen saknar text på alla %(pages)s sidor – den är troligen inskannad. "
                "Textigenkänning (OCR) kräver programmet Tesseract på servern."
            )
            % {"pages": len(pages)},
        )
    return parsed
