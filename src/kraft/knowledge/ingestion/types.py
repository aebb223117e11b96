"""The common shape every parser returns: ordered text blocks that keep their place in the document."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    text: str
    headings: tuple[str, ...] = ()  # the heading path above this block, outermost first
    chapter: str = ""  # "2" for "2 kap."
    section: str = ""  # "15" or "4 a" for "15 §" / "4 a §"
    page: int | None = None
    table_row: bool = False  # one table row as "Rubrik: värde; …"


@dataclass
class ParsedDocument:
    format: str  # pdf | docx | odt | html | markdown | text | statute
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    page_count: int | None = None
    empty_pages: list[int] = field(default_factory=list)  # pages without a text layer (scanned?)
    ocr_pages: list[int] = field(default_factory=list)  # pages read with OCR
    kind: str = ""  # "statute" when the source says so
    sfs_number: str = ""
    repealed: bool = False
    source_url: str = ""


class IngestionError(Exception):
    """A file that cannot be ingested, with a code and a plain Swedish reason for the person who uploaded it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
