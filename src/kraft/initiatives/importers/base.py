"""What every importer produces: records to save, and a report with each problem by row and field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup
from django.utils.translation import gettext_lazy as _

ERROR = "error"
WARNING = "warning"


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, corrupt, empty): nothing is imported."""


@dataclass
class ImportRecord:
    """One row of a source, already mapped to Kraft's field names but not yet validated."""

    row: int  # as a person finds it: the spreadsheet row (header = 1) or the JSON entry (first = 1)
    values: dict[str, Any] = field(default_factory=dict)
    lead: str = ""  # the responsible organisation as the source names it
    lead_code: str = ""  # a kommunkod, when the source gives one (Kraft's own format)
    partners: list[str] = field(default_factory=list)
    effects: list[dict[str, Any]] = field(default_factory=list)
    costs: list[dict[str, Any]] = field(default_factory=list)
    status: str = "published"
    problems: list[Problem] = field(default_factory=list)

    def problem(self, column: str, message: Any) -> None:
        self.problems.append(Problem(self.row, column, str(message)))


@dataclass(frozen=True)
class Problem:
    row: int
    field: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = _("rad %(row)s") % {"row": self.row} if self.row else _("filen")
        return f"{where}, {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class ParseResult:
    records: list[ImportRecord]
    skipped: int = 0  # rows left out on purpose (not AI, duplicates of another source …)
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    format: str
    dry_run: bool
    rows: int = 0
    skipped: int = 0
    to_create: int = 0
    to_update: int = 0
    created: int = 0
    updated: int = 0
    linked_swedish: int = 0  # Swedish records linked to a municipality, region or other organisation
    committed: bool = False
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "dry_run": self.dry_run,
            "committed": self.committed,
            "rows": self.rows,
            "skipped": self.skipped,
            "to_create": self.to_create,
            "to_update": self.to_update,
            "created": self.created,
            "updated": self.updated,
            "linked_swedish": self.linked_swedish,
            "errors": [{"row": p.row, "field": p.field, "message": str(p.message)} for p in self.errors],
            "warnings": [{"row": p.row, "field": p.field, "message": str(p.message)} for p in self.warnings],
            "notes": [str(n) for n in self.notes],
        }


def plain_text(html: Any) -> str:
    """Text of an HTML fragment (the Dutch templates store rich text), paragraphs kept as blank lines."""
    if html in (None, ""):
        return ""
    text = str(html)
    if "<" in text:
        text = BeautifulSoup(text, "html.parser").get_text("\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word and marked with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


def first_sentences(text: str, limit: int = 300) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    summary = ""
    for sentence in sentences:
        if len(summary) + len(sentence) + 1 > limit:
            break
        summary = f"{summary} {sentence}".strip()
    return summary or shorten(text, limit)
