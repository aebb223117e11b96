"""A one-page PDF per initiative for the municipal board: summary, stage, effects, ROI, contacts, a link back.

Generated on the server with fpdf2. DejaVu Sans (a Debian font) is used when installed, which covers any text;
otherwise the PDF core font Helvetica, whose Windows-1252 encoding covers Swedish (å ä ö é) – characters outside
it are replaced rather than lost silently. Figures come from ``roi.compute`` like everywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kraft.core.templatetags.kraft import sek
from kraft.initiatives import roi, selectors
from kraft.initiatives.templatetags.initiatives import num, roi_percent

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
INK = (27, 31, 36)
MUTED = (74, 85, 96)
BLUE = (0, 61, 95)
LINE = (196, 204, 212)


def _font_files() -> tuple[Path, Path] | None:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold
    return None


class _Page:
    """fpdf2 with the text helpers this layout needs, and a fallback for the core font's encoding."""

    def __init__(self) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_auto_page_break(auto=False)
        self.pdf.set_margins(16, 14, 16)
        fonts = _font_files()
        if fonts:
            self.pdf.add_font("Kraft", "", str(fonts[0]))
            self.pdf.add_font("Kraft", "B", str(fonts[1]))
            self.family, self.unicode = "Kraft", True
        else:
            self.family, self.unicode = "helvetica", False
        self.pdf.add_page()
        self.width = self.pdf.w - 32

    def clean(self, text: Any) -> str:
        value = str(text if text is not None else "")
        if self.unicode:
            return value
        value = value.replace("\u2212", "-").replace("\u2011", "-")
        return value.encode("cp1252", errors="replace").decode("cp1252")

    def room(self, needed: float = 10) -> bool:
        return self.pdf.get_y() + needed < self.pdf.h - 18

    def text(self, value: Any, size: float = 10, bold: bool = False, colour: tuple[int, int, int] = INK,
             height: float = 5, max_chars: int | None = None) -> None:  # fmt: skip
        value = self.clean(value)
        if max_chars and len(value) > max_chars:
            value = value[: max_chars - 1].rsplit(" ", 1)[0] + "…" if self.unicode else value[: max_chars - 3] + "..."
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.set_text_color(*colour)
        self.pdf.multi_cell(self.width, height, value, align="L", new_x="LMARGIN", new_y="NEXT")

    def heading(self, value: str) -> None:
        if not self.room(16):
            return
        self.pdf.ln(2.5)
        self.text(value, size=11.5, bold=True, colour=BLUE, height=6)
        self.pdf.set_draw_color(*LINE)
        y = self.pdf.get_y()
        self.pdf.line(16, y, 16 + self.width, y)
        self.pdf.ln(1.5)

    def table(self, rows: list[list[str]], widths: list[float], header: bool = True) -> None:
        for index, row in enumerate(rows):
            if not self.room(7):
                self.text(_("… fler rader finns på webbsidan."), size=8.5, colour=MUTED)
                return
            bold = header and index == 0
            self.pdf.set_font(self.family, "B" if bold else "", 9)
            self.pdf.set_text_color(*INK)
            for cell, width in zip(row, widths, strict=True):
                align = "R" if cell[:1].isdigit() or cell[:1] in "-−–" and len(cell) > 1 else "L"
                self.pdf.cell(width, 5.6, self.clean(cell)[: int(width * 0.62)], border="B", align=align)
            self.pdf.ln(5.6)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _facts(initiative: Any) -> list[tuple[str, str]]:
    lead = initiative.lead_organisation
    return [
        (_("Ansvarig organisation"), str(lead) if lead else _("Ingen angiven")),
        (_("Fas"), initiative.get_stage_display()),
        (_("Verksamhetsområde"), str(initiative.welfare_area or "–")),
        (_("AI-teknik"), str(initiative.technique or "–")),
        (_("Riskklass (AI-förordningen)"), _risk(initiative)),
        (_("Utvärderad"), _("Ja, med uppmätta effekter") if initiative.is_evaluated else _("Nej, inte ännu")),
    ]


def _risk(initiative: Any) -> str:
    """The class, and whether a triage confirmed it (with roles, annex point and rules version) or it is a guess."""
    label = str(initiative.get_risk_class_display())
    if not initiative.risk_class_confirmed:
        return label if initiative.risk_class == "ej_bedomd" else _("%(label)s (ej bekräftad)") % {"label": label}
    result = initiative.ai_act_triage or {}
    parts = [label, *result.get("annex", []), *result.get("exemptions", [])]
    if result.get("roles"):
        parts.append(", ".join(result["roles"]))
    parts.append(_("triage enligt regelversion %(version)s") % {"version": result.get("rules_version", "")})
    return " · ".join(parts)


def render_pdf(initiative: Any) -> bytes:
    """The one-page PDF. ``initiative`` should come from ``selectors.get_initiative_for_user``."""
    page = _Page()
    effects = list(initiative.effects.all())
    costs = list(initiative.costs.all())
    figures = roi.compute(initiative, effects=effects, costs=costs)
    page.text(_("AI-initiativ i Kraft"), size=9, colour=MUTED)
    page.text(initiative.title, size=17, bold=True, colour=BLUE, height=8, max_chars=160)
    page.pdf.ln(1)
    if initiative.summary:
        page.text(initiative.summary, size=10.5, height=5.2)
    page.pdf.ln(1.5)
    page.table([[label, value] for label, value in _facts(initiative)], [55, page.width - 55], header=False)
    page.heading(_("Nyckeltal"))
    basis = _("uppmätt") if figures.value_basis == "measured" else _("förväntat")
    page.table(
        [
            [_("Årligt värde (%(basis)s)") % {"basis": basis}, sek(figures.annual_value)],
            [_("Total kostnad på %(years)s år") % {"years": figures.horizon_years}, sek(figures.total_cost)],
            [_("Nettovärde"), sek(figures.net_value)],
            [_("Avkastning (ROI)"), roi_percent(figures.roi)],
            [_("År till återbetalning"), num(figures.payback_years)],
        ],
        [95, page.width - 95],
        header=False,
    )
    if initiative.problem or initiative.description:
        page.heading(_("Vad initiativet gör"))
        if initiative.problem:
            page.text(initiative.problem, size=9.5, max_chars=500)
            page.pdf.ln(1)
        if initiative.description:
            page.text(initiative.description, size=9.5, max_chars=900)
    if effects:
        page.heading(_("Effekter"))
        rows = [[_("Värdedimension"), _("Beskrivning"), _("Grund"), _("Kr per år")]]
        rows += [
            [e.get_dimension_display(), e.description or "–", e.get_basis_display(), sek(roi.effect_annual_value(e))]
            for e in effects[:8]
        ]
        page.table(rows, [36, page.width - 36 - 26 - 32, 26, 32])
    if costs:
        page.heading(_("Kostnader"))
        rows = [[_("Kostnad"), _("Typ"), _("Belopp")]]
        rows += [[c.description, c.get_kind_display(), sek(c.amount)] for c in costs[:6]]
        page.table(rows, [page.width - 32 - 32, 32, 32])
    page.heading(_("Kontakt och källa"))
    contact = ", ".join(p for p in (initiative.contact_name, initiative.contact_email, initiative.contact_phone) if p)
    page.text(_("Kontakt: %(contact)s") % {"contact": contact or "–"}, size=9.5)
    if initiative.source_name:
        page.text(
            _("Källa: %(source)s (%(licence)s). %(attribution)s")
            % {"source": initiative.source_name, "licence": initiative.licence, "attribution": initiative.attribution},
            size=8.5,
            colour=MUTED,
            max_chars=300,
        )
    url = f"{str(getattr(settings, 'SITE_URL', '')).rstrip('/')}/initiativ/{initiative.pk}/"
    page.pdf.set_y(page.pdf.h - 16)
    page.text(_("Hela initiativet, versioner och effekter: %(url)s") % {"url": url}, size=8.5, colour=MUTED)
    page.text(
        _("Skapad %(date)s från version %(version)s.")
        % {"date": timezone.localdate().isoformat(), "version": initiative.published_version or _("utkast")},
        size=8,
        colour=MUTED,
    )
    page.pdf.set_title(page.clean(initiative.title))
    page.pdf.set_lang("sv")
    return page.output()


def initiative_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """``/initiativ/<id>/pdf/``: the same visibility as the detail page (404 for drafts of others)."""
    initiative = selectors.get_initiative_for_user(request.user, pk)
    response = HttpResponse(render_pdf(initiative), content_type="application/pdf")
    name = slugify(initiative.title)[:60] or "initiativ"
    response["Content-Disposition"] = f'inline; filename="kraft-{initiative.pk}-{name}.pdf"'
    return response
