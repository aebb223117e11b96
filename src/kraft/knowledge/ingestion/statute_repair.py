"""Re-deriving a statute's paragraphs from its text where the source's own boundaries are visibly wrong.

The statute files of ``shared/data/law`` were cut into paragraphs by a scraper that took every ``N §`` as the start
of a paragraph, also inside a sentence ("enligt 17 §, svara för …"), kept the first position and the last text of
each label, let a reference to another chapter ("enligt 2 kap.") switch the chapter, and sometimes did not split at
all (PBL 9 kap. 2–115 §§ in one provision). This module repairs what the text itself shows, in four steps, with no
per-statute rule:

1. *Rejoin.* A provision whose text starts in the middle of a sentence (lower case, a comma, a § sign, "4 enbart …")
   is the rest of the previous one, cut at a reference; the reference's number (the source's label) is put back.
2. *Split.* A paragraph start inside a text – a sentence end, an optional heading, then ``N §`` or ``N a §`` and a
   capitalised sentence – is taken only when its number is the next one expected: above the current paragraph,
   below the next provision of the source, and at most ``MAX_JUMP`` numbers ahead. A chapter start (``19 a kap.
   Rubrik 1 §``) likewise. References ("enligt 5 §", "4 kap. 47 § Lag (2022:1647)") never satisfy all of that.
3. *Chapters.* Paragraph numbers restart at 1 § in every chapter. A chapter label that appears on the very next
   paragraph number (LSS 9 b § → "2 kap. 9 c §") came from a reference; the previous chapter (or none) is kept.
4. *Order.* Paragraphs are put in the order of their labels; a label that still occurs twice is joined into one.

What cannot be repaired is reported, never guessed: paragraph numbers missing from the sequence and texts that end
in the middle of a sentence (their rest was lost in the source).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_JUMP = 10  # without a next provision to bound it, the most numbers a split may skip (repealed ones are left out)
HEADING = r"(?:[A-ZÅÄÖ][^.!?§:;]{0,150}?\s)?"  # a heading glued between a sentence end and the next paragraph
SECTION_START_RE = re.compile(
    r"(?:(?<=[.!?:;)])|(?<=[.!?:;)]\s))\s*(?P<heading>" + HEADING + r")"
    r"(?<!kap\.\s)(?P<number>\d{1,3})(?:\s?(?P<letter>[a-z]))?\s?§\s+"
    r"(?=[A-ZÅÄÖ]|[Hh]ar upphävts)(?!Lag \(\d{4}:\d+\))"
)
CHAPTER_START_RE = re.compile(
    r"(?:(?<=[.!?:;)])|(?<=[.!?:;)]\s))\s*(?P<part>" + HEADING + r")"
    r"(?P<number>\d{1,3})(?:\s?(?P<letter>[a-z]))?\s?[Kk]ap\.\s+"
    r"(?P<heading>[A-ZÅÄÖ][^!§:;]{0,200}?\s)1\s?§\s+(?=[A-ZÅÄÖ])"
)
# The rest of a sentence cut at a reference; not a repealed paragraph ("1 § har upphävts genom lag …").
CONTINUATION_RE = re.compile(
    r"^(?!har (?:upphävts|upphört|betecknats))"
    r"(?:[a-zåäö,.;:)§–-]|\d{1,3}(?:,|\s+(?:och|eller)\b|\s+(?!mom\b)[a-zåäö]{2,}))"
)
TERMINAL = (".", "!", "?", ":", ")", "”", '"')
# A text that ends on one of these (or a comma or dash) stops in the middle of a sentence.
DANGLING_WORDS = (
    "och eller samt att som om för till av i på med enligt den det de en ett än vid från under efter mot hos utan "
    "när där dock inte ska skall får kan är har"
)
DANGLING_END_RE = re.compile(r"(?:[,–-]|\b(?:" + "|".join(DANGLING_WORDS.split()) + r"))$")


def section_key(section: str) -> tuple[int, str] | None:
    match = re.fullmatch(r"(\d{1,4})\s?([a-z]?)", section.strip())
    return (int(match.group(1)), match.group(2)) if match else None


def chapter_key(chapter: str) -> tuple[int, str]:
    return section_key(chapter) or (0, "")


def label(chapter: str, section: str) -> str:
    if chapter and section:
        return f"{chapter} kap. {section} §"
    return f"{section} §" if section else f"{chapter} kap."


@dataclass
class Provision:
    chapter: str
    section: str
    text: str
    title: str = ""
    heading: str = ""  # a heading found glued in front of this paragraph's text


@dataclass
class Repair:
    kind: str  # rejoined | chapter | split | moved | merged
    chapter: str
    section: str
    detail: str  # what the source said, in its own words (labels and a few words of text)

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "chapter": self.chapter, "section": self.section, "detail": self.detail}


@dataclass
class Gap:
    kind: str  # missing (paragraph numbers absent from the sequence) | truncated (text ends mid-sentence)
    chapter: str
    section: str  # the paragraph after which something is missing ("" = before the chapter's first)
    missing: str = ""  # "4–5" or "9 c" for kind "missing"
    ending: str = ""  # the last words of a truncated text

    def as_dict(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "chapter": self.chapter,
            "section": self.section,
            "missing": self.missing,
            "ending": self.ending,
        }


@dataclass
class StructureReport:
    repairs: list[Repair] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    # The source's labels of real paragraph starts and of references to the same chapter (not "4 kap. 14 §").
    source_labels: set[tuple[str, str]] = field(default_factory=set)

    def as_dict(self) -> dict[str, list[dict[str, str]]]:
        return {"repairs": [r.as_dict() for r in self.repairs], "gaps": [g.as_dict() for g in self.gaps]}


def _words(text: str, count: int = 6, tail: bool = False) -> str:
    words = text.split()
    if len(words) <= count:
        return text
    return "… " + " ".join(words[-count:]) if tail else " ".join(words[:count]) + " …"


# ------------------------------------------------------------------ 1. rejoin


OTHER_STATUTE_RE = re.compile(r"^[\s§,]*(?:[a-zåäö-]*(?:lagen|balken|förordningen|ordningen)\b|lagen \()")


def rejoin(provisions: list[Provision], report: StructureReport) -> list[Provision]:
    joined: list[Provision] = []
    for provision in provisions:
        if joined and provision.section and CONTINUATION_RE.match(provision.text):
            previous = joined[-1]
            text = provision.text
            if not previous.text.rstrip().endswith("kap.") and not OTHER_STATUTE_RE.match(text):
                # a reference to a paragraph of the same chapter: evidence that the paragraph exists
                report.source_labels.add((provision.chapter, provision.section))
            if text.startswith("§"):
                glue = f" {provision.section} "
            elif text[0] in ",.;:)":
                glue = f" {provision.section} §"
            else:
                glue = f" {provision.section} § "
            previous.text = f"{previous.text}{glue}{text}".strip()
            report.repairs.append(
                Repair(
                    "rejoined",
                    previous.chapter,
                    previous.section,
                    f"{label(provision.chapter, provision.section)} ”{_words(text)}” "
                    f"→ {label(previous.chapter, previous.section)}",
                )
            )
            continue
        report.source_labels.add((provision.chapter, provision.section))
        joined.append(provision)
    return joined


# ------------------------------------------------------------------ 2. chapters


def follows(before: tuple[int, str], now: tuple[int, str]) -> bool:
    """Whether ``now`` is the paragraph right after ``before``: 9 b → 9 c, 3 → 3 a, 16 → 17, 9 b → 10."""
    number, letter = before
    if now == (number + 1, ""):
        return True
    return now[0] == number and len(now[1]) == 1 and ord(now[1]) == (ord(letter) + 1 if letter else ord("a"))


def repair_chapters(provisions: list[Provision], report: StructureReport) -> None:
    previous_source: str | None = None
    previous: Provision | None = None
    for provision in provisions:
        source = provision.chapter
        if previous is not None and source == previous_source:
            provision.chapter = previous.chapter
        elif previous is not None:
            now, before = section_key(provision.section), section_key(previous.section)
            if now is not None and before is not None and follows(before, now):  # numbering goes on: no new chapter
                report.repairs.append(
                    Repair(
                        "chapter",
                        previous.chapter,
                        provision.section,
                        f"{label(source, provision.section)} → {label(previous.chapter, provision.section)}",
                    )
                )
                provision.chapter = previous.chapter
        previous_source, previous = source, provision


# ------------------------------------------------------------------ 3. split


def _accept(key: tuple[int, str], current: tuple[int, str] | None, upper: tuple[int, str] | None) -> bool:
    if current is None or key <= current:
        return False
    if upper is None:
        return key[0] - current[0] <= MAX_JUMP
    return key < upper


def _starts(text: str) -> list[tuple[int, int, str, str, str, bool]]:
    """Candidate starts: (position, text start, heading, chapter label or "", section label, is_chapter)."""
    found = []
    for match in CHAPTER_START_RE.finditer(text):
        number = match.group("number") + (f" {match.group('letter')}" if match.group("letter") else "")
        heading = " ".join(match.group(name).strip() for name in ("part", "heading") if match.group(name).strip())
        found.append((match.start(), match.end(), heading, number, "1", True))
    for match in SECTION_START_RE.finditer(text):
        number = match.group("number") + (f" {match.group('letter')}" if match.group("letter") else "")
        found.append((match.start(), match.end(), match.group("heading").strip(), "", number, False))
    found.sort()
    return found


def split_provision(provision: Provision, following: Provision | None, report: StructureReport) -> list[Provision]:
    """The paragraphs hidden in one provision's text (just the provision when there are none)."""
    chapter = provision.chapter
    current = section_key(provision.section)
    next_chapter = chapter_key(following.chapter) if following is not None else None
    accepted: list[tuple[int, int, str, str, str]] = []  # (start, text start, heading, chapter, section)
    end = 0
    for start, body, heading, new_chapter, number, is_chapter in _starts(provision.text):
        key = section_key(number)
        if start <= end or key is None:
            continue  # inside an accepted start, or at the very beginning (the provision's own label)
        if is_chapter:
            wanted = chapter_key(new_chapter)
            # The source knows no lettered chapters: "2 a kap." may come before a provision it labels "2".
            if chapter_key(chapter) >= wanted or (next_chapter is not None and wanted[0] > next_chapter[0]):
                continue
            chapter = new_chapter
        else:
            upper = None
            if following is not None and following.chapter == chapter:
                upper = section_key(following.section)
            if not _accept(key, current, upper):
                continue
        current, end = key, body
        accepted.append((start, body, heading, chapter, number))
    if not accepted:
        return [provision]
    pieces = [provision]
    text = provision.text
    provision.text = text[: accepted[0][0]].rstrip()
    for index, (_start, body, heading, piece_chapter, number) in enumerate(accepted):
        stop = accepted[index + 1][0] if index + 1 < len(accepted) else len(text)
        pieces.append(Provision(chapter=piece_chapter, section=number, text=text[body:stop].strip(), heading=heading))
        report.repairs.append(
            Repair(
                "split",
                piece_chapter,
                number,
                f"{label(provision.chapter, provision.section)} → {label(piece_chapter, number)}",
            )
        )
    return pieces


def split_all(provisions: list[Provision], report: StructureReport) -> list[Provision]:
    result: list[Provision] = []
    for index, provision in enumerate(provisions):
        following = provisions[index + 1] if index + 1 < len(provisions) else None
        result.extend(split_provision(provision, following, report))
    return result


# ------------------------------------------------------------------ 4. order


def _order_key(provision: Provision) -> tuple[tuple[int, str], tuple[int, str]]:
    return chapter_key(provision.chapter), section_key(provision.section) or (0, "")


def put_in_order(provisions: list[Provision], report: StructureReport) -> list[Provision]:
    if any(section_key(p.section) is None for p in provisions):
        return provisions  # labels that are not paragraph numbers: keep the source's order
    for before, provision in zip(provisions, provisions[1:], strict=False):
        if _order_key(before) > _order_key(provision):  # out of order in the source (LSS 15 a § after 23 §)
            report.repairs.append(
                Repair("moved", provision.chapter, provision.section, label(provision.chapter, provision.section))
            )
    ordered = sorted(provisions, key=_order_key)
    merged: list[Provision] = []
    for provision in ordered:
        if merged and _order_key(merged[-1]) == _order_key(provision):
            merged[-1].text = f"{merged[-1].text} {provision.text}"
            report.repairs.append(
                Repair("merged", provision.chapter, provision.section, label(provision.chapter, provision.section))
            )
            continue
        merged.append(provision)
    return merged


# ------------------------------------------------------------------ gaps


def _missing_between(before: tuple[int, str] | None, after: tuple[int, str]) -> str:
    """The labels that should lie between two paragraph numbers ("" when none is missing)."""
    start_number, start_letter = before if before is not None else (0, "")
    number, letter = after
    names: list[str] = []
    if number == start_number:
        first = ord(start_letter) + 1 if start_letter else ord("a")
        names = [f"{number} {chr(c)}" for c in range(first, ord(letter))] if letter else []
    else:
        whole = list(range(start_number + 1, number))
        if whole:
            names.append(str(whole[0]) if len(whole) == 1 else f"{whole[0]}–{whole[-1]}")
        if letter:
            names.append(str(number))
            names += [f"{number} {chr(c)}" for c in range(ord("a"), ord(letter))]
    return ", ".join(names)


def find_gaps(provisions: list[Provision], source_labels: set[tuple[str, str]] | None = None) -> list[Gap]:
    """Paragraph numbers missing from each chapter's sequence, and texts that end in the middle of a sentence.

    When a chapter's last paragraph ends mid-sentence and the source used a higher label in that chapter, the
    paragraphs up to that label are reported missing too (PBL 9 kap.: the text stops in 38 §, the source knew 115 §).
    """
    gaps: list[Gap] = []
    previous: Provision | None = None
    for provision in provisions:
        key = section_key(provision.section)
        if key is None:
            previous = None
            continue
        same_chapter = previous is not None and previous.chapter == provision.chapter
        before = section_key(previous.section) if same_chapter and previous is not None else None
        missing = _missing_between(before, key)
        if missing:
            after_section = previous.section if same_chapter and previous is not None else ""
            gaps.append(Gap("missing", provision.chapter, after_section, missing=missing))
        previous = provision
    for index, provision in enumerate(provisions):
        text = provision.text.rstrip()
        if not text or text.endswith(TERMINAL) or not DANGLING_END_RE.search(text):
            continue
        gaps.append(Gap("truncated", provision.chapter, provision.section, ending=_words(text, tail=True)))
        following = provisions[index + 1] if index + 1 < len(provisions) else None
        key = section_key(provision.section)
        if key is None or (following is not None and following.chapter == provision.chapter):
            continue
        known = [k for c, s in source_labels or () if c == provision.chapter and (k := section_key(s)) is not None]
        if known and max(known) > key:
            number, letter = max(known)
            beyond = (number, chr(ord(letter) + 1)) if letter else (number + 1, "")
            gaps.append(Gap("missing", provision.chapter, provision.section, missing=_missing_between(key, beyond)))
    order = {id(p): index for index, p in enumerate(provisions)}
    place = {(p.chapter, p.section): order[id(p)] for p in provisions}
    return sorted(gaps, key=lambda g: (place.get((g.chapter, g.section), -1), g.kind != "truncated"))


def repair(provisions: list[Provision]) -> tuple[list[Provision], StructureReport]:
    """The provisions with the paragraphs the text shows, and what was changed (gaps: ``find_gaps`` afterwards)."""
    report = StructureReport()
    provisions = split_all(rejoin(provisions, report), report)
    repair_chapters(provisions, report)
    return put_in_order(provisions, report), report
