"""Small documents made on the fly, one per format, so the parsers are tested on real files."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

GUIDANCE_TEXT = (
    "Den som ansöker om bistånd ska få ett skriftligt beslut inom fyra veckor. "
    "Handläggaren dokumenterar varje kontakt i journalen."
)


def pdf(pages: list[list[str]] | None = None, *, title: str = "Riktlinje för bistånd", blank_pages: int = 0) -> bytes:
    """A PDF with a text layer: each page a list of paragraphs; the first paragraph of a page may be a heading."""
    from fpdf import FPDF

    document = FPDF()
    document.set_title(title)
    for paragraphs in pages or [["Handläggning", GUIDANCE_TEXT]]:
        document.add_page()
        document.set_font("Helvetica", size=11)  # a core font: Latin-1 covers å, ä and ö
        for paragraph in paragraphs:
            document.multi_cell(0, 6, paragraph)
            document.ln(6)
    for _ in range(blank_pages):
        document.add_page()
    return bytes(document.output())


def encrypted_pdf(password: str = "hemligt") -> bytes:  # noqa: S107 – a test file's password
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(*, with_table: bool = True, page_break: bool = True) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.core_properties.title = "Rutin för synpunkter"
    document.add_heading("Synpunkter och klagomål", level=1)
    document.add_paragraph("Alla synpunkter registreras samma dag som de kommer in.")
    document.add_heading("Svarstider", level=2)
    document.add_paragraph("Den som lämnat en synpunkt ska få svar inom tio arbetsdagar.")
    if page_break:
        document.add_page_break()
    if with_table:
        document.add_heading("Ansvar", level=2)
        table = document.add_table(rows=3, cols=2)
        rows = [("Roll", "Ansvar"), ("Enhetschef", "Svarar"), ("Registrator", "Diarieför")]
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Hemtjänst"))
    document.text.addElement(P(text="Hemtjänst beviljas efter en individuell behovsprövning."))
    document.text.addElement(H(outlinelevel=2, text="Avgifter"))
    table = Table(name="Avgifter")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for cells in [("Insats", "Avgift"), ("Trygghetslarm", "250 kr"), ("Matdistribution", "60 kr")]:
        row = TableRow()
        for text in cells:
            cell = TableCell()
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    document.text.addElement(table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


HTML = """<!doctype html><html lang="sv"><head><title>Parkeringsregler</title><script>alert(1)</script></head>
<body><nav><a href="/">Start</a></nav><main><h1>Parkeringsregler</h1>
<p>Boendeparkering kräver ett giltigt tillstånd.</p>
<h2>Avgifter</h2><table><tr><th>Zon</th><th>Pris</th></tr><tr><td>Centrum</td><td>30 kr/tim</td></tr></table>
<ul><li>Tillståndet gäller ett år.</li><li>Det kan förnyas digitalt.</li></ul></main>
<footer>Sidfot</footer></body></html>
"""

MARKDOWN = """# Riktlinje för distansarbete

Distansarbete får ske högst två dagar per vecka.

## Utrustning

| Utrustning | Ansvar |
|---|---|
| Dator | Arbetsgivaren |
| Skrivbord | Medarbetaren |
"""

TEXT = """Policy för sociala medier

Kommunens konton förvaltas av kommunikationsavdelningen.

Publicering
Inlägg ska granskas av två personer innan de publiceras.
"""


def statute(sfs: str = "2099:1", *, status: str = "in_force", text_15: str | None = None) -> bytes:
    data: dict[str, Any] = {
        "id": sfs,
        "type": "statute",
        "title": f"Testlag ({sfs})",
        "status": status,
        "url": "https://www.riksdagen.se/",
        "provisions": [
            {
                "provision_ref": "1:1",
                "chapter": "1",
                "section": "1",
                "title": "Lagens innehåll",
                "content": "Denna lag gäller allmänna handlingar. Lag (2018:1801). Rätten att ta del",
            },
            {
                "provision_ref": "1:2",
                "chapter": "1",
                "section": "2",
                "content": text_15 or "En begäran ska behandlas skyndsamt. Lag (2018:1801).",
            },
            {"provision_ref": "2:4 a", "chapter": "2", "section": "4 a", "content": "Avgift tas ut enligt taxa."},
        ],
    }
    return json.dumps(data, ensure_ascii=False).encode()


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "hej")
    return out.getvalue()


def eu_regulation(celex: str = "32024R1689") -> bytes:
    """A small EU regulation in the format of ``shared/data/law-eu`` (English text, paragraphs, points)."""
    long_points = "\n\n".join(
        f"({letter})\n\nprocessing is necessary for reason {letter}, which is described here at some length so that "
        "the paragraph grows long enough to be cut at its points, as the real ones are;"
        for letter in "abcdefghij"
    )
    data: dict[str, Any] = {
        "id": "AI_ACT",
        "full_name": "Artificial Intelligence Act",
        "celex_id": celex,
        "eur_lex_url": f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}",
        "articles": [
            {
                "number": "3",
                "title": "Definitions",
                "chapter": "I",
                "text": "For the purposes of this Regulation, the following definitions apply:\n\n(1)\n\n‘AI system’ "
                "means a machine-based system that infers how to generate outputs;\n\n(2)\n\n‘risk’ means the "
                "combination of the probability of an occurrence of harm and the severity of that harm;",
            },
            {
                "number": "6",
                "title": "Classification rules for high-risk AI systems",
                "chapter": "III",
                "text": "1.   An AI system shall be considered to be high-risk where it is a safety component.\n\n"
                "2.   Processing is lawful only if one of the following applies:\n\n" + long_points + "\n\n"
                "3.   By derogation from paragraph 2, an AI system shall not be considered to be high-risk where "
                "it does not pose a significant risk of harm.",
            },
            {
                "number": "113",
                "title": "Entry into force and application",
                "chapter": "XIII",
                "text": "This Regulation shall apply from 2 August 2026.\n\nHowever:\n\n(a)\n\nChapters I and II "
                "shall apply from 2 February 2025;\n\n(b)\n\n(c)\n\nArticle 6(1) shall apply from 2 August 2027."
                "\n\nDone at Brussels, 13 June 2024.\n\nFor the European Parliament\n\n(1)\n\nOJ C 517, p. 56.",
            },
        ],
        "definitions": [
            {"term": "ai system", "definition": "a machine-based system …", "article": "3"},
            {"term": "risk", "definition": "the combination …", "article": "3"},
        ],
        "recitals": [{"recital_number": 1, "text": "The purpose of this Regulation is to improve the market."}],
    }
    return json.dumps(data, ensure_ascii=False).encode()
