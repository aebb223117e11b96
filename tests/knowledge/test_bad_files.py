"""Files that cannot be read get a clear reason each, found from their content, not their name."""

from __future__ import annotations

import pytest

from kraft.knowledge.ingestion import IngestionError, parse
from tests.knowledge import files

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Microsoft compound file: old .doc, or an encrypted .docx
CASES = {
    "empty": ("tom.pdf", b"  \n", "empty", "tom"),
    "corrupt_pdf": ("trasig.pdf", b"%PDF-1.7\n1 0 obj <<>> trasig", "corrupt", "skadad"),
    "corrupt_docx": ("trasig.docx", b"PK\x03\x04" + b"\x00" * 40, "corrupt", "skadad"),
    "zip_named_pdf": ("rapport.pdf", files.zip_archive(), "mislabelled", "ZIP"),
    "text_named_pdf": ("rapport.pdf", "Det här är bara text.".encode(), "mislabelled", "text"),
    "pdf_named_docx": ("rapport.docx", files.pdf(), "mislabelled", "PDF"),
    "unknown_extension": ("bild.png", b"\x89PNG\r\n\x1a\n", "unsupported", ".png"),
    "binary_without_extension": ("blob", b"\x00\x01\x02\x03" * 100, "unsupported", "binärt"),
    "json_not_statute": ("data.json", b'{"a": 1}', "unsupported", "provisions"),
    "legacy_word": ("gammal.docx", OLE + b"\x00" * 600, "unsupported", "DOCX"),
    "encrypted_word": ("hemlig.docx", OLE + "EncryptedPackage".encode("utf-16-le"), "encrypted", "lösenord"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_gets_its_clear_reason(case: str) -> None:
    name, data, code, words = CASES[case]
    with pytest.raises(IngestionError) as error:
        parse(data, name)
    assert error.value.code == code
    assert words in error.value.message


def test_encrypted_pdf_is_reported_as_encrypted() -> None:
    with pytest.raises(IngestionError) as error:
        parse(files.encrypted_pdf(), "hemlig.pdf")
    assert error.value.code == "encrypted" and "lösenord" in error.value.message
