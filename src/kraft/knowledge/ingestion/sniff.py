"""What a file really is, decided by its content (magic bytes), not by its name or the browser's claim."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import PurePath

from django.utils.translation import gettext as _

from kraft.knowledge.ingestion.types import IngestionError

MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "html": "text/html",
    "markdown": "text/markdown",
    "text": "text/plain",
    "statute": "application/json",
    "eu_regulation": "application/json",
}
EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".json": "statute",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_FORMATS = {"html", "markdown", "text", "statute", "eu_regulation"}
# What a name promises, in words, for the message about a mislabelled file.
FAMILY_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)", "odt": "OpenDocument (ODT)", "zip": "ZIP", "text": "text"}


def _family(fmt: str) -> str:
    return "text" if fmt in TEXT_FORMATS else fmt


def _zip_format(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text":
                return "odt"
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        raise IngestionError("corrupt", _("Filen är skadad: ZIP-behållaren går inte att läsa.")) from None
    return "zip"


def _reject_compound_file(data: bytes) -> None:
    """Microsoft's older container: a password-protected DOCX/XLSX, or a .doc from before 2007."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise IngestionError(
            "encrypted",
            _("Word-filen är krypterad (lösenordsskyddad). Spara en version utan lösenord och ladda upp den."),
        )
    raise IngestionError(
        "unsupported", _("Filen är i ett äldre Office-format (.doc) som inte stöds. Spara den som DOCX eller PDF.")
    )


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sample's end is still text.
        if exc.start < len(sample) - 4:
            return not _mostly_printable_latin1(sample)
    return False


def _mostly_printable_latin1(sample: bytes) -> bool:
    text = sample.decode("latin-1")
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t\f")
    return printable / max(1, len(text)) > 0.95


def _text_format(data: bytes, extension_format: str | None) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or (b"<body" in head and b"</" in head):
        return "html"
    if head.startswith((b"{", b"[")) and extension_format in (None, "statute"):
        try:
            parsed = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            parsed = None
        if isinstance(parsed, dict) and "provisions" in parsed:
            return "statute"
        if isinstance(parsed, dict) and "celex_id" in parsed and isinstance(parsed.get("articles"), list):
            return "eu_regulation"
        if extension_format == "statute":
            raise IngestionError(
                "unsupported",
                _(
                    'JSON-filen är varken i författningsformatet (ett objekt med "provisions") eller en EU-förordning '
                    '(ett objekt med "celex_id" och "articles").'
                ),
            )
    if extension_format in ("markdown", "html", "text"):
        return extension_format
    return "text"


def detect_format(data: bytes, filename: str) -> str:
    """The parser to use. Raises ``IngestionError`` for empty, unsupported and mislabelled files."""
    if not data.strip():
        raise IngestionError("empty", _("Filen är tom."))
    extension = PurePath(filename or "").suffix.lower()
    extension_format = EXTENSIONS.get(extension)
    if extension and extension_format is None:
        raise IngestionError(
            "unsupported",
            _("Filtypen %(ext)s stöds inte. Ladda upp PDF, DOCX, ODT, HTML, Markdown, text eller JSON.")
            % {"ext": extension},
        )
    if data.startswith(b"%PDF-") or data[:1024].find(b"%PDF-") >= 0:
        found = "pdf"
    elif data.startswith(b"PK\x03\x04"):
        found = _zip_format(data)
    elif data.startswith(OLE_MAGIC):
        _reject_compound_file(data)
    elif _looks_binary(data):
        raise IngestionError("unsupported", _("Filen är inte ett dokument som kan läsas (okänt binärt format)."))
    else:
        found = _text_format(data, extension_format)
    if found == "zip":
        raise IngestionError(
            "mislabelled" if extension_format else "unsupported",
            _("Filen är ett ZIP-arkiv, inte ett dokument. Packa upp det och ladda upp dokumenten var för sig."),
        )
    if extension_format and _family(extension_format) != _family(found):
        raise IngestionError(
            "mislabelled",
            _("Filen heter %(name)s men innehållet är %(actual)s, inte %(expected)s. Kontrollera att det är rätt fil.")
            % {
                "name": PurePath(filename).name,
                "actual": FAMILY_NAMES[_family(found)],
                "expected": FAMILY_NAMES[_family(extension_format)],
            },
        )
    return found
