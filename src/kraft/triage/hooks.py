"""The triage's contributions to other apps' pages (see ``kraft.organisations.extensions``).

- ``organisation_sections``: the organisation's AI systems by risk class and, for members, overdue and near
  obligations, with a link to the full overview;
- ``initiative_sections``: the result and checklist summary on the initiative's page;
- ``my_work_sections``: the person's own open and overdue obligations for "Mitt arbete" (issue 12's page);
- ``data_sources``: the Dutch decision aid the rules build on;
- ``audit_action_labels``: readable names of this app's actions.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kraft.initiatives.models import Initiative
from kraft.organisations.extensions import DataSource, Section
from kraft.organisations.models import Organisation

SHOWN = 10


def organisation_sections(request: HttpRequest, organisation: Organisation) -> list[Section]:
    from kraft.triage import selectors

    overview = selectors.organisation_overview(request.user, organisation)
    if not overview.total:
        return []
    return [
        Section(
            title=_("AI-förordningen"),
            template="triage/_org_section.html",
            id="ai-forordningen",
            context={
                "overview": overview,
                "overdue": overview.overdue[:SHOWN],
                "soon": overview.soon[:SHOWN],
                "url": reverse("triage:organisation", args=[organisation.pk]),
            },
        )
    ]


def initiative_sections(request: HttpRequest, initiative: Initiative) -> list[Section]:
    from kraft.triage import selectors, services

    details = services.can_view_details(request.user, initiative)
    obligations = list(selectors.obligations_of(initiative)) if initiative.risk_class_confirmed else []
    today = timezone.localdate()
    open_items = [o for o in obligations if o.is_open and not o.voluntary]
    return [
        Section(
            title=_("AI-förordningen"),
            template="triage/_initiative_section.html",
            id="ai-forordningen",
            context={
                "result": initiative.ai_act_triage or {},
                "open_count": len(open_items),
                "overdue_count": sum(1 for o in open_items if o.is_overdue(today)),
                "details": details,
                "can_triage": services.can_triage(request.user, initiative),
                "needs_review": bool(getattr(getattr(initiative, "triage", None), "needs_review", False)),
            },
        )
    ]


def my_work_sections(request: HttpRequest) -> list[Section]:
    """My open obligations, overdue first, for the start page "Mitt arbete"."""
    from kraft.triage import selectors

    mine = list(selectors.my_obligations(request.user)[: SHOWN * 3])
    if not mine:
        return []
    from kraft.triage import rules

    titles = {key: o.title for key, o in rules.current().obligations.items()}
    today = timezone.localdate()
    items: list[dict[str, Any]] = []
    for obligation in sorted(mine, key=lambda o: (not o.is_overdue(today), o.deadline or today)):
        if obligation.deadline is None:
            meta = _("Inget datum (före driftstart om systemet inte används än)")
        else:
            late = obligation.is_overdue(today)
            meta = (_("Försenad sedan %(date)s") if late else _("Senast %(date)s")) % {
                "date": obligation.deadline.isoformat()
            }
        items.append(
            {
                "url": reverse("triage:obligation", args=[obligation.initiative_id, obligation.pk]),
                "label": f"{titles.get(obligation.key, obligation.title)} – {obligation.initiative.title}",
                "meta": meta,
            }
        )
    return [
        Section(
            title=_("Mina skyldigheter enligt AI-förordningen"),
            template="organisations/_section_list.html",
            id="mina-skyldigheter",
            context={"items": items[:SHOWN], "empty": ""},
        )
    ]


def audit_action_labels() -> dict[str, Any]:
    return {
        "triage_saved": gettext_lazy("Triage enligt AI-förordningen sparad"),
        "triage_rerun": gettext_lazy("Triage omprövad mot ny regelversion"),
        "obligation_updated": gettext_lazy("Skyldighet ändrad"),
    }


def data_sources() -> list[DataSource]:
    return [
        DataSource(
            name=_("Beslishulp AI-verordening"),
            description=_(
                "Nederländska regeringens beslutsstöd för AI-förordningen (Ministerie van BZK). Kraft's svenska "
                "beslutsträd följer dess struktur och rättsliga logik med egen text och kommunala exempel."
            ),
            licence="EUPL-1.2",
            url="https://github.com/MinBZK/ai-verordening-beslishulp",
            used_for=_("AI-förordningens triage"),
        )
    ]
