"""HTML (BeautifulSoup): headings h1–h6 build the heading path; paragraphs, list items and table rows become
blocks; navigation, scripts and styles are dropped."""

from __future__ import annotations

from typing import Any

from kraft.knowledge.ingestion.structure import clean, push_heading
from kraft.knowledge.ingestion.tables import row_texts
from kraft.knowledge.ingestion.types import Block, ParsedDocument

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
DROP = ("script", "style", "noscript", "template", "nav", "footer", "form", "button", "svg", "iframe", "head")
TEXT_BLOCKS = {"p", "pre", "blockquote", "dt", "dd", "li", "figcaption", "caption", "address", "summary"}
CONTAINERS = {"ul", "ol", "dl", "div", "section", "article", "main", "body", "html", "header", "aside", "figure"}
NESTED_BLOCKS = sorted(TEXT_BLOCKS | CONTAINERS | {"table"} | set(HEADINGS))


class _Walker:
    def __init__(self, parsed: ParsedDocument) -> None:
        self.parsed = parsed
        self.headings: tuple[str, ...] = ()
        self.pending: list[str] = []

    def emit(self, text: str, table_row: bool = False) -> None:
        text = clean(text)
        if text:
            self.parsed.blocks.append(Block(text=text, headings=self.headings, table_row=table_row))

    def flush(self) -> None:
        if self.pending:
            self.emit(" ".join(self.pending))
            self.pending = []

    def walk(self, node: Any) -> None:
        from bs4.element import NavigableString, Tag

        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString and child.strip():
                    self.pending.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in HEADINGS:
                self.flush()
                text = clean(child.get_text(" "))
                if text:
                    if name == "h1" and not self.parsed.title:
                        self.parsed.title = text
                    self.headings = push_heading(self.headings, text, HEADINGS[name])
            elif name == "table":
                self.flush()
                self.table(child)
            elif name in TEXT_BLOCKS and not child.find(NESTED_BLOCKS):
                self.flush()
                self.emit(child.get_text(" "))
            elif name in TEXT_BLOCKS or name in CONTAINERS:
                self.flush()
                self.walk(child)
                self.flush()
            elif name == "br":
                self.flush()
            else:
                self.pending.append(child.get_text(" "))

    def table(self, table: Any) -> None:
        rows: list[list[str]] = []
        has_header = False
        for row in table.find_all("tr"):
            cells = row.find_all(["th", "td"])
            if rows == [] and cells and all(cell.name == "th" for cell in cells):
                has_header = True
            rows.append([cell.get_text(" ") for cell in cells])
        for text in row_texts(rows, header_row=has_header or None):
            self.emit(text, table_row=True)


def parse_html(data: bytes | str, fmt: str = "html") -> ParsedDocument:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    title = clean(soup.title.get_text(" ")) if soup.title else ""
    for tag in soup.find_all(DROP):
        tag.decompose()
    parsed = ParsedDocument(format=fmt, title=title)
    walker = _Walker(parsed)
    walker.walk(soup.body or soup)
    walker.flush()
    return parsed
