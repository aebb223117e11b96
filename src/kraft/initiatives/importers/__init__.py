"""Import of initiatives: Kraft's own format (CSV/JSON/XLSX) and the public registers in ``shared/data/cases``.

``run_import`` parses a file, then saves every record through ``services``, each row in its own savepoint so that
every problem of every row is found and reported by row and field. The rows go through short transactions of at
most half a second each (SQLite has one writer at a time: a long import must not make other people's pages
fail). A dry run rolls every one of them back. A real run first does the same check and writes nothing when any
row has an error; only then does it save the rows for real, again in short transactions. Should a row fail
then after all (someone changed the same record meanwhile), the report says which rows were saved.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.utils.translation import gettext as _

from kraft.accounts import permissions
from kraft.core.db import is_busy, yield_to_writers
from kraft.initiatives import services, versions
from kraft.initiatives.importers import kraft_format, sources
from kraft.initiatives.importers.base import (
    ERROR,
    WARNING,
    ImportFileError,
    ImportRecord,
    ImportReport,
    ParseResult,
    Problem,
)
from kraft.initiatives.importers.matching import OrganisationIndex, fold
from kraft.initiatives.models import Initiative, Technique, WelfareArea
from kraft.organisations.models import Organisation

__all__ = ["FORMATS", "ImportFileError", "ImportReport", "Problem", "parse", "run_import"]

Parser = Callable[[bytes], ParseResult]
FORMATS: dict[str, tuple[str, Parser]] = {
    "kraft": ("Kraft (CSV, JSON eller XLSX från Krafts export)", lambda data: kraft_format.parse(data)),
    "pstw": ("EU Public Sector Tech Watch (CSV)", sources.parse_pstw),
    "aiwatch": ("EU AI Watch (JSON eller CSV)", sources.parse_aiwatch),
    "atrs": ("UK Algorithmic Transparency Recording Standard (JSON)", sources.parse_atrs),
    "nl_register": ("Nederländska algoritmregistret (CSV)", sources.parse_nl_register),
    "nl_templates": ("Nederländska leverantörsmallar (JSON)", sources.parse_nl_templates),
}
# A case that another source already describes is not imported twice (AI Watch repeats PSTW's Swedish cases).
DUPLICATES_OF = {"aiwatch": sources.PSTW["source_name"]}
MAX_ROWS = 50_000


def parse(fmt: str, data: bytes, filename: str = "") -> ParseResult:
    if fmt not in FORMATS:
        raise ImportFileError(_("Okänt importformat: %(fmt)s") % {"fmt": fmt})
    if not data or not data.strip():
        raise ImportFileError(_("Filen är tom."))
    if fmt == "kraft":
        return kraft_format.parse(data, filename)
    try:
        return FORMATS[fmt][1](data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ImportFileError(
            _("Filen har inte det format som valdes (%(fmt)s): %(error)s") % {"fmt": FORMATS[fmt][0], "error": exc}
        ) from exc


def run_import(
    data: bytes,
    fmt: str,
    *,
    actor: Any,
    fallback: Organisation | None = None,
    dry_run: bool = True,
    filename: str = "",
    limit: int | None = None,
    select: Callable[[ImportRecord], bool] | None = None,
) -> ImportReport:
    """Parse and save. ``actor`` is the person (permissions apply) or a string naming a trusted process.

    ``fallback`` is the organisation for records whose organisation is not found (Swedish records of the public
    registers, rows of Kraft's format without one). ``limit`` imports only the first rows (for samples);
    ``select`` keeps only the records it accepts (the demo's choice of international cases).
    """
    parsed = parse(fmt, data, filename)
    items = [r for r in parsed.records if select(r)] if select else parsed.records
    items = items[:limit] if limit else items
    if len(items) > MAX_ROWS:
        raise ImportFileError(_("Filen har fler än %(max)s rader; dela upp den.") % {"max": MAX_ROWS})
    report = ImportReport(format=fmt, dry_run=dry_run, rows=len(items), skipped=parsed.skipped, notes=parsed.notes)
    if parsed.skipped:
        report.notes.append(
            _("%(n)s rader gällde inte AI (till exempel blockkedjor eller VR) och lämnades utanför.")
            % {"n": parsed.skipped}
        )
    checker = _Importer(report, actor, fallback, fmt, check_only=True)
    for item in items:
        checker.save(item)
    if dry_run or report.errors:
        return report
    written = ImportReport(format=fmt, dry_run=False, rows=len(items))
    _save_all(_Importer(written, actor, fallback, fmt), items)
    report.committed = True
    report.created, report.updated = written.to_create, written.to_update
    if written.errors:
        report.problems += written.errors
        report.notes.append(
            _("Några rader ändrades av någon annan under importen och sparades inte; övriga %(n)s rader sparades.")
            % {"n": written.to_create + written.to_update}
        )
    return report


TRANSACTION_SECONDS = 0.25


def _save_all(importer: _Importer, items: list[ImportRecord]) -> None:
    """Every row, in transactions of at most ``TRANSACTION_SECONDS`` each, with a pause as long after each.

    A transaction that found the database busy past its timeout is run again from the same row."""
    position = 0
    attempts = 0
    while position < len(items):
        saved = importer.checkpoint()
        started = time.monotonic()
        try:
            position = _save_some(importer, items, position)
            attempts = 0
        except OperationalError as exc:
            attempts += 1
            if not is_busy(exc) or attempts > 5:
                raise
            importer.restore(saved)
            time.sleep(0.5 * 2**attempts)
        yield_to_writers(time.monotonic() - started)


def _save_some(importer: _Importer, items: list[ImportRecord], position: int) -> int:
    started = time.monotonic()
    with transaction.atomic():
        while position < len(items) and time.monotonic() - started < TRANSACTION_SECONDS:
            importer.save(items[position])
            position += 1
    return position


class _Importer:
    def __init__(
        self, report: ImportReport, actor: Any, fallback: Organisation | None, fmt: str, check_only: bool = False
    ) -> None:
        self.check_only = check_only
        self.report = report
        self.actor = actor
        self.fallback = fallback
        self.fmt = fmt
        self.index = OrganisationIndex.build()
        self.areas = _lookup(WelfareArea)
        self.techniques = _lookup(Technique)
        self.seen: set[tuple[str, str]] = set()
        self.known_titles = _titles_of(DUPLICATES_OF[fmt]) if fmt in DUPLICATES_OF else {}

    def checkpoint(self) -> tuple[Any, ...]:
        r = self.report
        return (len(r.problems), len(r.notes), r.skipped, r.to_create, r.to_update, r.linked_swedish, set(self.seen))

    def restore(self, saved: tuple[Any, ...]) -> None:
        r = self.report
        problems, notes, r.skipped, r.to_create, r.to_update, r.linked_swedish, self.seen = saved
        del r.problems[problems:], r.notes[notes:]

    def problem(self, row: int, field: str, message: Any, severity: str = ERROR) -> None:
        self.report.problems.append(Problem(row, field, str(message), severity))

    def save(self, item: ImportRecord) -> None:
        start = len(self.report.problems)
        self.report.problems.extend(item.problems)
        values = dict(item.values)
        if self._duplicate(item, values):
            return
        self._classify(item, values)
        lead, partners = self._organisations(item, values)
        if any(p.severity == ERROR for p in self.report.problems[start:]):
            return
        key = (values.get("source_name", ""), values.get("source_id", ""))
        existing = Initiative.objects.filter(source_name=key[0], source_id=key[1]).first() if key[1] else None
        try:
            if self.check_only:
                self._check(item, values, lead, existing)
            else:
                with transaction.atomic():
                    self._write(item, values, lead, partners, existing)
        except ValidationError as exc:
            self._validation_problems(item.row, exc)
            return
        except PermissionDenied as exc:
            self.problem(
                item.row, "lead_organisation", str(exc) or _("Du får inte lägga till initiativ åt organisationen.")
            )
            return
        except IntegrityError:
            self.problem(
                item.row, "source_id", _("Posten krockar med ett befintligt initiativ med samma källa och id.")
            )
            return
        if existing is not None:
            self.report.to_update += 1
        else:
            self.report.to_create += 1
        if values.get("country", "SE") == "SE" and lead is not None:
            self.report.linked_swedish += 1

    def _duplicate(self, item: ImportRecord, values: dict[str, Any]) -> bool:
        key = (values.get("source_name", ""), values.get("source_id", ""))
        if key[1]:
            if key in self.seen:
                self.problem(
                    item.row, "source_id", _("Samma källa och id finns två gånger i filen: %(id)s") % {"id": key[1]}
                )
                return True
            self.seen.add(key)
        title_key = (_title_key(values.get("title", "")), str(values.get("country", "")))
        if key[1] and Initiative.objects.filter(source_name=key[0], source_id=key[1]).exists():
            return False  # already imported from this source: update it, whatever came since
        if self.known_titles and len(title_key[0]) >= 4 and title_key in self.known_titles:
            other = self.known_titles[title_key]
            self.report.skipped += 1
            self.report.notes.append(
                _("Rad %(row)s (%(title)s) finns redan från en annan källa (%(other)s) och hoppades över.")
                % {"row": item.row, "title": values.get("title"), "other": other}
            )
            return True
        return False

    def _classify(self, item: ImportRecord, values: dict[str, Any]) -> None:
        strict = self.fmt == "kraft"
        for name, table in (("welfare_area", self.areas), ("technique", self.techniques)):
            given = values.get(name)
            if not given:
                continue
            found = table.get(fold(str(given)))
            if found is None:
                severity = ERROR if strict else WARNING
                self.problem(item.row, name, _("Okänt värde '%(value)s'.") % {"value": given}, severity)
            values[name] = found

    def _organisations(
        self, item: ImportRecord, values: dict[str, Any]
    ) -> tuple[Organisation | None, list[Organisation]]:
        if values.get("record_type") == Initiative.RecordType.SUPPLIER_TEMPLATE and not item.lead:
            return None, []
        if self.fmt == "kraft":
            return self._kraft_organisations(item)
        if values.get("country") != "SE":
            return None, []
        found = self.index.match(item.lead) if item.lead else []
        if not found:
            self.problem(
                item.row,
                "lead_organisation",
                _("Ingen svensk kommun eller region matchade '%(name)s'; %(where)s")
                % {
                    "name": item.lead,
                    "where": _("lagt under %(org)s") % {"org": self.fallback}
                    if self.fallback
                    else _("importeras utan ansvarig organisation"),
                },
                WARNING,
            )
            return self.fallback, []
        return found[0], found[1:]

    def _kraft_organisations(self, item: ImportRecord) -> tuple[Organisation | None, list[Organisation]]:
        lead = None
        if item.lead_code:
            lead = Organisation.objects.filter(municipality_code=item.lead_code).first()
        if lead is None and item.lead:
            lead = self._by_name(item.lead)
        if lead is None and (item.lead or item.lead_code):
            self.problem(
                item.row,
                "lead_organisation",
                _("Organisationen '%(name)s' finns inte i Kraft.") % {"name": item.lead or item.lead_code},
            )
        lead = lead or (None if item.lead else self.fallback)
        partners = []
        for name in item.partners:
            partner = self._by_name(name)
            if partner is None:
                self.problem(item.row, "partners", _("Organisationen '%(name)s' finns inte i Kraft.") % {"name": name})
            else:
                partners.append(partner)
        return lead, partners

    def _by_name(self, name: str) -> Organisation | None:
        exact = (
            Organisation.objects.filter(name__iexact=name).first()
            or Organisation.objects.filter(official_name__iexact=name).first()
        )
        return exact or self.index.match_one(name)

    def _check(
        self, item: ImportRecord, values: dict[str, Any], lead: Organisation | None, existing: Initiative | None
    ) -> None:
        data = {k: v for k, v in values.items() if k in _CONTENT}
        services.check_initiative(
            self.actor, data, lead_organisation=lead, effects=item.effects, costs=item.costs, existing=existing
        )

    def _write(
        self,
        item: ImportRecord,
        values: dict[str, Any],
        lead: Organisation | None,
        partners: list[Organisation],
        existing: Initiative | None,
    ) -> None:
        data = {k: v for k, v in values.items() if k in _CONTENT}
        provenance: dict[str, Any] = {k: values.get(k, "") or "" for k in _PROVENANCE}
        publish = item.status in ("published", "archived")
        if existing is None:
            initiative = services.create_initiative(
                self.actor,
                data,
                lead_organisation=lead,
                partners=partners,
                effects=item.effects,
                costs=item.costs,
                publish=publish,
                **provenance,
            )
        else:
            if existing.lead_organisation_id != (lead.pk if lead else None) and not services.can_edit(
                self.actor, existing
            ):
                raise PermissionDenied(_("Du får inte ändra det befintliga initiativet."))
            initiative = services.update_initiative(self.actor, existing, data, existing.version, partners=partners)
            if publish and initiative.status == Initiative.Status.DRAFT:
                services.publish_initiative(self.actor, initiative)
        if item.status == "archived" and initiative.status != Initiative.Status.ARCHIVED:
            services.archive_initiative(self.actor, initiative)

    def _validation_problems(self, row: int, exc: ValidationError) -> None:
        if hasattr(exc, "error_dict"):
            for name, messages in exc.message_dict.items():
                for message in messages:
                    self.problem(row, "" if name == "__all__" else name, message)
        else:
            for message in exc.messages:
                self.problem(row, "", message)


_CONTENT = set(versions.CONTENT_FIELDS)
_PROVENANCE = ("source_name", "source_id", "source_url", "licence", "attribution")


def _lookup(model: type[WelfareArea] | type[Technique]) -> dict[str, Any]:
    """Folded name, English name and slug → row."""
    table: dict[str, Any] = {}
    for obj in model.objects.all():
        for key in (obj.slug, obj.name_en, obj.name):
            if key:
                table[fold(key)] = obj
    return table


def _title_key(title: str) -> str:
    return fold(title.split(" - ")[0])


def _titles_of(source_name: str) -> dict[tuple[str, str], str]:
    rows = Initiative.objects.filter(source_name=source_name).values_list("title", "country", "source_id")
    return {(_title_key(title), country): f"{source_name} {sid}" for title, country, sid in rows}


def can_import(user: Any, fmt: str) -> bool:
    """Editors import Kraft's format for their own organisations; the public registers are for staff."""
    if permissions.is_staff(user):
        return True
    return fmt == "kraft" and bool(permissions.editable_organisation_ids(user))
