"""ODT (odfpy): headings with their outline level, paragraphs, lists and tables as rows; LibreOffice's soft
page breaks give page numbers."""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _

from kraft.knowledge.ingestion.sniff import check_archive as _check_archive
from kraft.knowledge.ingestion.structure import clean, push_heading
from kraft.knowledge.ingestion.tables import row_texts
from kraft.knowledge.ingestion.types import Block, IngestionError, ParsedDocument

TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _is_encrypted(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = archive.read("META-INF/manifest.xml")
    except (KeyError, zipfile.BadZipFile, OSError):
        return False
    return b"encryption-data" in manifest


class _Walker:
    def __init__(self, parsed: ParsedDocument) -> None:
        self.parsed = parsed
        self.headings: tuple[str, ...] = ()
        self.page = 1
        self.has_pages = False

    def text_of(self, element) -> str:  # type: ignore[no-untyped-def]
        from odf import teletype

        return clean(teletype.extractText(element))

    def walk(self, element) -> None:  # type: ignore[no-untyped-def]
        for node in element.childNodes:
            if node.nodeType != node.ELEMENT_NODE:
                continue
            namespace, name = node.qname
            if namespace == TEXT_NS and name == "soft-page-break":
                self.page += 1
                self.has_pages = True
            elif namespace == TEXT_NS and name == "h":
                self.count_breaks(node)
                text = self.text_of(node)
                if text:
                    level = int(node.getAttrNS(TEXT_NS, "outline-level") or 1)
                    self.headings = push_heading(self.headings, text, level)
            elif namespace == TEXT_NS and name == "p":
                self.count_breaks(node)
                text = self.text_of(node)
                if text:
                    self.parsed.blocks.append(Block(text=text, headings=self.headings, page=self.page))
            elif namespace == TABLE_NS and name == "table":
                self.table(node)
            else:
                self.walk(node)

    def count_breaks(self, element) -> None:  # type: ignore[no-untyped-def]
        from odf.text import SoftPageBreak

        breaks = len(element.getElementsByType(SoftPageBreak))
        if breaks:
            self.page += breaks
            self.has_pages = True

    def table(self, element) -> None:  # type: ignore[no-untyped-def]
        from odf.table import TableCell, TableRow

        rows = []
        for row in element.getElementsByType(TableRow):
            rows.append([self.text_of(cell) for cell in row.getElementsByType(TableCell)])
        for text in row_texts(rows):
            self.parsed.blocks.append(Block(text=text, headings=self.headings, page=self.page, table_row=True))


def parse_odt(data: bytes) -> ParsedDocument:
    from odf.opendocument import load

    _check_archive(data)
    if _is_encrypted(data):
        raise IngestionError(
            "encrypted", _("ODT-filen är krypterad (lösenordsskyddad). Spara en version utan lösenord.")
        )
    try:
        document = load(io.BytesIO(data))
    except Exception:  # noqa: BLE001 – odfpy raises whatever its XML parser raises
        raise IngestionError("corrupt", _("ODT-filen är skadad och kan inte läsas.")) from None
    parsed = ParsedDocument(format="odt")
    try:
        from odf.dc import Title

        titles = document.meta.getElementsByType(Title)
        if titles:
            parsed.title = clean(str(titles[0]))
    except (AttributeError, IndexError):
        pass
    walker = _Walker(parsed)
    walker.walk(document.text)
    if not walker.has_pages:
        for block in parsed.blocks:
            block.page = None
    else:
        parsed.page_count = walker.page
    return parsed
