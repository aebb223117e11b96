"""Each parser on a small real file: structure (headings, chapter and §, pages, table rows) survives."""

from __future__ import annotations

import pytest

from kraft.knowledge.ingestion import IngestionError, parse
from kraft.knowledge.ingestion.chunking import chunk, sentences, split_long
from kraft.knowledge.ingestion.statute import split_trailing_heading
from tests.knowledge import files


def texts(parsed):  # type: ignore[no-untyped-def]
    return [block.text for block in parsed.blocks]


def test_pdf_keeps_page_numbers_and_headings() -> None:
    data = files.pdf([["Inledning", "Riktlinjen gäller hela förvaltningen."], ["Handläggning", files.GUIDANCE_TEXT]])
    parsed = parse(data, "riktlinje.pdf")
    assert parsed.format == "pdf" and parsed.page_count == 2
    assert parsed.title == "Riktlinje för bistånd"
    last = parsed.blocks[-1]
    assert last.page == 2 and last.headings == ("Handläggning",) and "fyra veckor" in last.text
    passages = chunk(parsed, "Riktlinje för bistånd")
    assert passages[-1].citation == "Riktlinje för bistånd, s. 2"


def test_pdf_pages_without_text_are_reported_as_scanned() -> None:
    parsed = parse(files.pdf(blank_pages=2), "skannad.pdf")
    assert parsed.empty_pages == [2, 3]


def test_pdf_with_only_scanned_pages_has_no_text() -> None:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.add_page()
    with pytest.raises(IngestionError) as error:
        parse(bytes(document.output()), "skannad.pdf")
    assert error.value.code == "no_text" and "inskannad" in error.value.message


def test_docx_keeps_heading_path_tables_as_rows_and_page_breaks() -> None:
    parsed = parse(files.docx(), "rutin.docx")
    assert parsed.title == "Rutin för synpunkter"
    by_text = {block.text: block for block in parsed.blocks}
    answer = by_text["Den som lämnat en synpunkt ska få svar inom tio arbetsdagar."]
    assert answer.headings == ("Synpunkter och klagomål", "Svarstider") and answer.page == 1
    rows = [block for block in parsed.blocks if block.table_row]
    assert [row.text for row in rows] == ["Roll: Enhetschef; Ansvar: Svarar", "Roll: Registrator; Ansvar: Diarieför"]
    assert rows[0].page == 2 and rows[0].headings == ("Synpunkter och klagomål", "Ansvar")


def test_odt_keeps_headings_and_tables() -> None:
    parsed = parse(files.odt(), "hemtjanst.odt")
    assert parsed.blocks[0].headings == ("Hemtjänst",)
    rows = [block.text for block in parsed.blocks if block.table_row]
    assert rows == ["Insats: Trygghetslarm; Avgift: 250 kr", "Insats: Matdistribution; Avgift: 60 kr"]


def test_html_drops_navigation_and_scripts_and_keeps_structure() -> None:
    parsed = parse(files.HTML.encode(), "parkering.html")
    assert parsed.title == "Parkeringsregler"
    joined = " ".join(texts(parsed))
    assert "alert" not in joined and "Start" not in joined and "Sidfot" not in joined
    assert "Zon: Centrum; Pris: 30 kr/tim" in texts(parsed)
    assert "Tillståndet gäller ett år." in texts(parsed)


def test_markdown_headings_and_tables() -> None:
    parsed = parse(files.MARKDOWN.encode(), "distans.md")
    assert parsed.format == "markdown" and parsed.title == "Riktlinje för distansarbete"
    rows = [block for block in parsed.blocks if block.table_row]
    assert rows[0].text == "Utrustning: Dator; Ansvar: Arbetsgivaren"
    assert rows[0].headings == ("Riktlinje för distansarbete", "Utrustning")


def test_plain_text_headings_and_form_feed_pages() -> None:
    parsed = parse((files.TEXT + "\f" + "Sida två har text.\n").encode(), "policy.txt")
    assert parsed.page_count == 2
    granska = next(block for block in parsed.blocks if "granskas" in block.text)
    assert granska.headings[-1] == "Publicering" and granska.page == 1
    assert parsed.blocks[-1].page == 2


def test_plain_text_in_latin1_is_read() -> None:
    parsed = parse("Öppettider för förskolan är 06.30–18.30 alla vardagar.".encode("cp1252"), "tider.txt")
    assert "Öppettider" in parsed.blocks[0].text


def test_statute_json_keeps_chapter_and_section_and_moves_trailing_headings() -> None:
    parsed = parse(files.statute(), "testlag.json")
    assert parsed.kind == "statute" and parsed.sfs_number == "2099:1" and not parsed.repealed
    first, second, third = parsed.blocks
    assert first.text == "Denna lag gäller allmänna handlingar. Lag (2018:1801)."
    assert (second.chapter, second.section, second.headings) == ("1", "2", ("1 kap.", "Rätten att ta del"))
    assert third.section == "4 a"
    passages = chunk(parsed, "Testlag (2099:1)")
    assert [p.citation for p in passages] == [
        "Testlag (2099:1) 1 kap. 1 §",
        "Testlag (2099:1) 1 kap. 2 §",
        "Testlag (2099:1) 2 kap. 4 a §",
    ]
    assert [p.anchor for p in passages] == ["k1-p1", "k1-p2", "k2-p4a"]


def test_repealed_statute_is_marked() -> None:
    assert parse(files.statute(status="repealed"), "gammal.json").repealed


def test_trailing_heading_is_not_taken_from_numbered_lists() -> None:
    assert split_trailing_heading("Följande gäller: 1. ansökan, eller 2. Anmälan") == (
        "Följande gäller: 1. ansökan, eller 2. Anmälan",
        "",
    )
    assert split_trailing_heading("Detta gäller. Lag (2018:1801). Kopior av allmänna handlingar") == (
        "Detta gäller. Lag (2018:1801).",
        "Kopior av allmänna handlingar",
    )


def test_statute_like_text_gets_chapter_and_section() -> None:
    text = "1 kap. Allmänt\n\n1 § Lagen gäller kommuner.\n\n2 § Nämnden ansvarar.\nDetta gäller även regioner.\n"
    parsed = parse(text.encode(), "lag.txt")
    assert [(b.chapter, b.section) for b in parsed.blocks] == [("1", "1"), ("1", "2")]


def test_long_paragraph_is_split_between_sentences_and_keeps_its_citation() -> None:
    long_text = " ".join(f"Mening nummer {i} enligt 3 kap. gäller här." for i in range(80))
    parts = split_long(long_text)
    assert len(parts) >= 3 and all(part.endswith(".") for part in parts)
    assert " ".join(parts) == long_text
    assert sentences("Se 3 kap. Detta gäller. Nästa mening.") == ["Se 3 kap. Detta gäller.", "Nästa mening."]


def test_statute_printed_to_pdf_cites_chapter_section_and_page() -> None:
    data = files.pdf(
        [
            ["Inledning", "Texten gäller kommunen."],
            ["1 kap. Allmänt", "1 § Lagen gäller kommuner.", "2 § Nämnden ansvarar."],
        ]
    )
    parsed = parse(data, "lag.pdf")
    passages = chunk(parsed, "Lokal föreskrift")
    assert [p.citation for p in passages][-2:] == [
        "Lokal föreskrift, 1 kap. 1 §, s. 2",
        "Lokal föreskrift, 1 kap. 2 §, s. 2",
    ]
    assert passages[-1].text == "2 § Nämnden ansvarar."


def test_scanned_pages_are_read_with_tesseract_when_it_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import subprocess

    from fpdf import FPDF
    from PIL import Image

    from kraft.knowledge.ingestion import pdf as pdf_parser

    image = io.BytesIO()
    Image.new("RGB", (60, 20), "white").save(image, format="PNG")
    document = FPDF()
    document.add_page()
    document.image(io.BytesIO(image.getvalue()), x=10, y=10, w=100)
    calls: list[list[str]] = []

    def fake_run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        calls.append(args)
        return subprocess.CompletedProcess(args, 0, stdout="Bygglov krävs för nybyggnad av fritidshus.\n", stderr="")

    monkeypatch.setattr(pdf_parser.shutil, "which", lambda name: "/usr/bin/tesseract")
    monkeypatch.setattr(pdf_parser.subprocess, "run", fake_run)
    parsed = parse(bytes(document.output()), "skannad.pdf")
    assert parsed.ocr_pages == [1] and parsed.empty_pages == []
    assert parsed.blocks[0].text == "Bygglov krävs för nybyggnad av fritidshus." and parsed.blocks[0].page == 1
    assert calls and calls[0][0] == "/usr/bin/tesseract" and calls[0][-2:] == ["-l", "swe"]


def test_cut_off_text_in_the_title_field_is_not_taken_for_a_heading() -> None:
    from kraft.knowledge.ingestion.statute import is_text_fragment

    assert is_text_fragment("Är det fara i dröjsmål får en åtgärd enligt första stycket")
    assert is_text_fragment("Detsamma gäller om den som är ansvarig för brott inte kan")
    assert is_text_fragment("Förordning (2025:751).")
    assert not is_text_fragment("Kopior av allmänna handlingar")
    assert not is_text_fragment("Vad som anses vara tryckfrihetsbrott")


def test_bundled_press_freedom_act_keeps_paragraph_text_and_headings_apart() -> None:
    from kraft.knowledge.demo import LAW_DIR

    parsed = parse((LAW_DIR / "tryckfrihetsforordningen.json").read_bytes(), "tryckfrihetsforordningen.json")
    by_ref = {(b.chapter, b.section): b for b in parsed.blocks}
    fifteen, sixteen = by_ref[("2", "15")], by_ref[("2", "16")]
    assert fifteen.text.startswith("Den som begär ut en allmän handling") and fifteen.text.endswith("Lag (2018:1801).")
    assert fifteen.headings[-1].endswith("Rätten att ta del av allmänna handlingar")
    assert sixteen.headings[-1] == "Kopior av allmänna handlingar" and "skyndsamt" in sixteen.text
