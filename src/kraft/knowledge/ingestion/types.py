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
    article: str = ""  # EU law: "6" for "artikel 6"
    paragraph: str = ""  # EU law: "3" for "artikel 6.3"
    point: str = ""  # EU law: "g" for "artikel 9.2 g", "1" for "artikel 3.1" (a numbered definition)
    recital: str = ""  # EU law: "12" for "skäl 12"
    keywords: str = ""  # searchable words in Swedish for a text in another language (titles, defined terms)


@dataclass
class ParsedDocument:
    format: str  # pdf | docx | odt | html | markdown | text | statute | eu_regulation
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    page_count: int | None = None
    empty_pages: list[int] = field(default_factory=list)  # pages without a text layer (scanned?)
    ocr_pages: list[int] = field(default_factory=list)  # pages read with OCR
    kind: str = ""  # "statute" when the source says so
    sfs_number: str = ""
    repealed: bool = False
    repealed_note: str = ""  # the source's words on the repeal ("Upphävd 2018-05-25 genom SFS 2018:218")
    source_url: str = ""
    structure: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # statutes: repairs and gaps
    language: str = "sv"  # the language of the text ("en" for the English text of an EU regulation)
    citation_name: str = ""  # the name citations start with when it is not the title ("AI-förordningen")


class IngestionError(Exception):
    """A file that cannot be ingested, with a code and a plain Swedish reason for the person who uploaded it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
