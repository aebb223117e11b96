"""What a statute's page says about its source: where text is missing, and what the import repaired.

``Document.structure`` holds the importer's report (``ingestion.statute_repair``): ``gaps`` are shown as they are –
the library never fills them in – and ``repairs`` are counted and listed so that a reader can check them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kraft.knowledge.ingestion.chunking import legal_reference


@dataclass
class SourceNotes:
    gaps: list[str] = field(default_factory=list)  # every gap, in the statute's order
    after: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (chapter, section) → gaps after it
    repairs: list[tuple[str, list[str]]] = field(default_factory=list)  # (what was repaired, the places)

    @property
    def repair_count(self) -> int:
        return sum(len(places) for _kind, places in self.repairs)


def _paragraphs(chapter: str, missing: str) -> str:
    """``9 kap. 39–115 §§``, ``9 c §``."""
    many = "–" in missing or "," in missing
    sign = "§§" if many else "§"
    return f"{chapter} kap. {missing} {sign}" if chapter else f"{missing} {sign}"


def gap_message(gap: dict[str, str]) -> str:
    kind = gap.get("kind", "")
    if kind == "missing":
        return _("Källan saknar %(where)s.") % {"where": _paragraphs(gap.get("chapter", ""), gap.get("missing", ""))}
    if kind == "truncated":
        where = legal_reference(gap.get("chapter", ""), gap.get("section", ""))
        return _("Texten i %(where)s slutar mitt i en mening (”%(ending)s”); resten saknas i källan.") % {
            "where": where,
            "ending": gap.get("ending", ""),
        }
    if kind == "empty":
        return _("Texten till artikel %(where)s saknas i källan.") % {"where": gap.get("missing", "")}
    return ""


REPAIR_KINDS = ("split", "rejoined", "chapter", "moved", "merged")


def repair_label(kind: str, count: int) -> str:
    """What was repaired, in words (literal ``ngettext`` calls, so that the texts are found for translation)."""
    if kind == "split":
        text = ngettext(
            "%(count)s paragraf som källan hade slagit ihop med en annan har fått en egen plats.",
            "%(count)s paragrafer som källan hade slagit ihop med andra har fått egna platser.",
            count,
        )
    elif kind == "rejoined":
        text = ngettext(
            "%(count)s textstycke som källan hade klippt av vid en hänvisning har satts tillbaka i sin paragraf.",
            "%(count)s textstycken som källan hade klippt av vid hänvisningar har satts tillbaka i sina paragrafer.",
            count,
        )
    elif kind == "chapter":
        text = ngettext(
            "%(count)s kapitelbeteckning som källan hade tagit från en hänvisning har rättats.",
            "%(count)s kapitelbeteckningar som källan hade tagit från hänvisningar har rättats.",
            count,
        )
    elif kind == "moved":
        text = ngettext(
            "%(count)s paragraf har flyttats till sin plats i ordningen.",
            "%(count)s paragrafer har flyttats till sin plats i ordningen.",
            count,
        )
    else:
        text = ngettext(
            "%(count)s paragraf som fanns två gånger i källan visas en gång.",
            "%(count)s paragrafer som fanns två gånger i källan visas en gång.",
            count,
        )
    return text % {"count": count}


def source_notes(structure: dict[str, Any] | None) -> SourceNotes:
    notes = SourceNotes()
    structure = structure or {}
    for gap in structure.get("gaps") or []:
        message = gap_message(gap)
        if not message:
            continue
        notes.gaps.append(message)
        if gap.get("kind") in ("missing", "truncated") and gap.get("section"):
            notes.after.setdefault((gap.get("chapter", ""), gap["section"]), []).append(message)
    by_kind: dict[str, list[str]] = {}
    for repair in structure.get("repairs") or []:
        by_kind.setdefault(repair.get("kind", ""), []).append(repair.get("detail", ""))
    for kind in REPAIR_KINDS:
        places = by_kind.get(kind, [])
        if places:
            notes.repairs.append((repair_label(kind, len(places)), places))
    return notes


def attach_to_passages(notes: SourceNotes, passages: Iterable[Any]) -> None:
    """Set ``passage.source_gaps`` on the last passage of each paragraph that a gap follows."""
    last: dict[tuple[str, str], Any] = {}
    for passage in passages:
        passage.source_gaps = []
        last[(passage.chapter, passage.section)] = passage
    for key, messages in notes.after.items():
        if key in last:
            last[key].source_gaps = messages
