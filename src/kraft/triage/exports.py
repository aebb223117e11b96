"""An organisation's AI inventory as CSV or XLSX: each AI system with its triage result and open work.

Visibility is the person's own: drafts only for members, and the obligation counts only for members of the
organisation (they are its internal work). Text that a spreadsheet would run as a formula is quoted, as in the
registry's export.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kraft.initiatives.models import Initiative
from kraft.organisations.selectors import get_organisation_for_user
from kraft.triage import selectors, services

COLUMNS = [
    "id",
    "title",
    "url",
    "status",
    "stage",
    "welfare_area",
    "technique",
    "supplier",
    "product",
    "risk_class",
    "risk_class_label",
    "risk_class_confirmed",
    "ai_system",
    "roles",
    "annex",
    "exemptions",
    "conclusion",
    "rules_version",
    "needs_review",
    "open_obligations",
    "overdue_obligations",
]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def rows(user: Any, organisation: Any) -> list[dict[str, Any]]:
    from django.conf import settings

    site = str(getattr(settings, "SITE_URL", "")).rstrip("/")
    work = services.can_view_details(user, Initiative(lead_organisation=organisation))
    out = []
    for initiative in selectors.inventory(user, organisation):
        result = initiative.ai_act_triage or {}
        triage = getattr(initiative, "triage", None)
        out.append(
            {
                "id": initiative.pk,
                "title": initiative.title,
                "url": f"{site}/initiativ/{initiative.pk}/",
                "status": initiative.status,
                "stage": initiative.stage,
                "welfare_area": initiative.welfare_area.name if initiative.welfare_area else "",
                "technique": initiative.technique.name if initiative.technique else "",
                "supplier": initiative.supplier,
                "product": initiative.product,
                "risk_class": initiative.risk_class,
                "risk_class_label": str(initiative.get_risk_class_display()),
                "risk_class_confirmed": initiative.risk_class_confirmed,
                "ai_system": result.get("ai_system", ""),
                "roles": "; ".join(result.get("roles", [])),
                "annex": "; ".join(result.get("annex", [])),
                "exemptions": "; ".join(result.get("exemptions", [])),
                "conclusion": result.get("conclusion", ""),
                "rules_version": result.get("rules_version", ""),
                "needs_review": bool(triage and triage.needs_review),
                "open_obligations": initiative.open_obligations if work else "",  # type: ignore[attr-defined]
                "overdue_obligations": initiative.overdue_obligations if work else "",  # type: ignore[attr-defined]
            }
        )
    return out


def _cell(value: Any) -> Any:
    from kraft.core.spreadsheets import neutralise  # the one rule for every export (=, +, -, @, tab, CR …)

    return neutralise(value) if isinstance(value, str) else value


def to_csv(data: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in data:
        writer.writerow(["ja" if row[c] is True else "nej" if row[c] is False else _cell(row[c]) for c in COLUMNS])
    return "\ufeff" + buffer.getvalue()


def to_xlsx(data: list[dict[str, Any]], title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("AI-system"))
    sheet.append(COLUMNS)
    for row in data:
        sheet.append([_cell(row[c]) for c in COLUMNS])
    about = workbook.create_sheet(_("Om datat"))
    about.append([_("Organisation"), title])
    about.append([_("Skapad"), timezone.now().isoformat()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def inventory_view(request: HttpRequest, pk: int) -> HttpResponse:
    """``/ai-forordningen/organisation/<id>/inventering/?format=csv|xlsx``."""
    organisation = get_organisation_for_user(request.user, pk)
    fmt = request.GET.get("format", "csv").lower()
    if fmt not in FORMATS:
        return HttpResponse(
            _("Okänt format. Välj csv eller xlsx."), status=400, content_type="text/plain; charset=utf-8"
        )
    data = rows(request.user, organisation)
    body: str | bytes = to_csv(data) if fmt == "csv" else to_xlsx(data, organisation.name)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    name = slugify(organisation.name) or "organisation"
    response["Content-Disposition"] = (
        f'attachment; filename="ai-inventering-{name}-{timezone.localdate().isoformat()}.{fmt}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
