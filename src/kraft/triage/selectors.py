"""Reads for the triage pages and API, permission-checked through the initiative's own selectors.

The result (class, roles, annex point, exemption) of a visible initiative is public like the rest of the record.
Answers, rationales, owners and evidence are the organisation's own: members of the lead organisation and staff.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kraft.initiatives import selectors as initiative_selectors
from kraft.initiatives.models import Initiative
from kraft.organisations.models import Organisation
from kraft.triage import rules, services
from kraft.triage.models import Obligation, Triage

SOON_DAYS = 60


def get_initiative(user: Any, pk: Any) -> Initiative:
    """The initiative, or 404 when it does not exist or the person may not see it."""
    return initiative_selectors.get_initiative_for_user(user, pk)


def triage_of(initiative: Initiative) -> Triage | None:
    return Triage.objects.filter(initiative=initiative).select_related("updated_by").first()


def obligations_of(initiative: Initiative, *, active_only: bool = True) -> QuerySet[Obligation]:
    queryset = Obligation.objects.filter(initiative=initiative).select_related("owner", "evidence_document")
    if active_only:
        queryset = queryset.filter(active=True)
    return queryset.order_by("-active", "deadline", "pk")


def open_obligations() -> QuerySet[Obligation]:
    return Obligation.objects.filter(active=True, voluntary=False, status__in=Obligation.OPEN)


def overdue(queryset: QuerySet[Obligation], today: datetime.date | None = None) -> QuerySet[Obligation]:
    return queryset.filter(deadline__lt=today or timezone.localdate())


def due_soon(queryset: QuerySet[Obligation], today: datetime.date | None = None) -> QuerySet[Obligation]:
    today = today or timezone.localdate()
    return queryset.filter(deadline__gte=today, deadline__lte=today + datetime.timedelta(days=SOON_DAYS))


def my_obligations(user: Any) -> QuerySet[Obligation]:
    """Open obligations the person owns, in initiatives they may still see, earliest deadline first."""
    if not getattr(user, "is_authenticated", False):
        return Obligation.objects.none()
    visible = initiative_selectors.visible_initiatives(user).values("pk")
    return (
        open_obligations()
        .filter(owner=user, initiative__in=visible)
        .select_related("initiative")
        .order_by("deadline", "pk")
    )


# ------------------------------------------------------------------ overviews


@dataclass
class OrganisationOverview:
    organisation: Organisation
    by_class: list[tuple[str, str, int]]  # value, label, count
    by_role: list[tuple[str, int]]
    unconfirmed: int
    triaged: int
    total: int
    open_count: int = 0
    overdue: list[Obligation] = field(default_factory=list)
    soon: list[Obligation] = field(default_factory=list)
    needs_review: list[Initiative] = field(default_factory=list)
    show_work: bool = False  # obligations are the organisation's own


def organisation_initiatives(user: Any, organisation: Organisation) -> QuerySet[Initiative]:
    """The AI systems the organisation leads that the person may see (drafts for members only)."""
    return (
        initiative_selectors.visible_initiatives(user)
        .filter(lead_organisation=organisation, record_type=Initiative.RecordType.INITIATIVE)
        .exclude(status=Initiative.Status.ARCHIVED)
    )


def organisation_overview(user: Any, organisation: Organisation) -> OrganisationOverview:
    initiatives = organisation_initiatives(user, organisation)
    counts = dict(
        initiatives.order_by().values_list("risk_class").annotate(n=Count("pk")).values_list("risk_class", "n")
    )
    labels = dict(Initiative.RiskClass.choices)
    roles: Counter[str] = Counter()
    rule_set = rules.current()
    for result in initiatives.filter(risk_class_confirmed=True).values_list("ai_act_triage", flat=True):
        for role in (result or {}).get("roles", []):
            roles[role] += 1
    overview = OrganisationOverview(
        organisation=organisation,
        by_class=[(value, str(labels[value]), counts.get(value, 0)) for value in labels if counts.get(value)],
        by_role=[(rule_set.labels[r].text if r in rule_set.labels else r, n) for r, n in roles.most_common()],
        unconfirmed=initiatives.filter(risk_class_confirmed=False).exclude(risk_class="ej_bedomd").count(),
        triaged=initiatives.filter(risk_class_confirmed=True).count(),
        total=initiatives.count(),
    )
    if services.can_view_details(user, _lead_of(organisation)):
        work = open_obligations().filter(initiative__in=initiatives.values("pk")).select_related("initiative", "owner")
        overview.show_work = True
        overview.open_count = work.count()
        overview.overdue = list(overdue(work).order_by("deadline", "pk")[:50])
        overview.soon = list(due_soon(work).order_by("deadline", "pk")[:50])
        overview.needs_review = list(initiatives.filter(triage__needs_review=True)[:50])
    return overview


def _lead_of(organisation: Organisation) -> Initiative:
    """An unsaved stand-in so the same permission rule decides for the organisation as for its initiatives."""
    return Initiative(lead_organisation=organisation)


@dataclass
class NationalOverview:
    classes: list[tuple[str, str]]
    rows: list[tuple[str, list[int], int]]  # area label, counts per class, total
    totals: list[int]
    triaged: int
    organisations: int


def national_overview() -> NationalOverview:
    """Public and aggregated: published, triaged Swedish initiatives by risk class and welfare area."""
    queryset = Initiative.objects.filter(
        status=Initiative.Status.PUBLISHED,
        record_type=Initiative.RecordType.INITIATIVE,
        risk_class_confirmed=True,
    )
    classes = [(v, str(label)) for v, label in Initiative.RiskClass.choices if v != Initiative.RiskClass.NOT_ASSESSED]
    grid: dict[str, Counter[str]] = {}
    names: dict[str, str] = {}
    for area_slug, area_name, area_en, risk_class in queryset.values_list(
        "welfare_area__slug", "welfare_area__name", "welfare_area__name_en", "risk_class"
    ):
        key = area_slug or ""
        names[key] = _area_label(area_name, area_en)
        grid.setdefault(key, Counter())[risk_class] += 1
    rows = [
        (names[key], [grid[key][c] for c, _l in classes], sum(grid[key].values()))
        for key in sorted(grid, key=lambda k: (k == "", names[k]))
    ]
    totals = [sum(row[1][i] for row in rows) for i in range(len(classes))]
    organisations = queryset.exclude(lead_organisation=None).values("lead_organisation").distinct().count()
    return NationalOverview(classes, rows, totals, sum(totals), organisations)


def _area_label(name: str | None, name_en: str | None) -> str:
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    if not name:
        return _("Inget område angivet")
    return name_en if (get_language() or "sv").startswith("en") and name_en else name


def inventory(user: Any, organisation: Organisation) -> QuerySet[Initiative]:
    """The rows of an organisation's AI inventory export."""
    return (
        organisation_initiatives(user, organisation)
        .select_related("welfare_area", "technique", "triage")
        .annotate(
            open_obligations=Count(
                "ai_act_obligations",
                filter=Q(
                    ai_act_obligations__active=True,
                    ai_act_obligations__voluntary=False,
                    ai_act_obligations__status__in=Obligation.OPEN,
                ),
            ),
            overdue_obligations=Count(
                "ai_act_obligations",
                filter=Q(
                    ai_act_obligations__active=True,
                    ai_act_obligations__voluntary=False,
                    ai_act_obligations__status__in=Obligation.OPEN,
                    ai_act_obligations__deadline__lt=timezone.localdate(),
                ),
            ),
        )
        .order_by("title", "pk")
    )


def rerun_changes() -> QuerySet[Triage]:
    """Triages whose last re-run against a newer rules version changed something, newest first."""
    return Triage.objects.exclude(rerun={}).select_related("initiative__lead_organisation").order_by("-updated_at")


def outdated_triages(rule_set: rules.Rules) -> QuerySet[Triage]:
    """Stored triages made under another rules version than the current one."""
    return Triage.objects.exclude(rules_version=rule_set.version)


# ------------------------------------------------------------------ for other apps (portfolio, assessments)


def open_obligation_count(initiative: Initiative) -> int:
    """Open, non-voluntary AI Act obligations of one initiative (the portfolio weighs them as risk)."""
    return open_obligations().filter(initiative=initiative).count()


def organisation_summary(user: Any, organisation: Organisation) -> dict[str, Any]:
    """Counts for other apps' pages (the maturity assessment's evidence): triaged AI systems and, for members,
    open and overdue obligations, with the link to the overview."""
    from django.urls import reverse

    initiatives = organisation_initiatives(user, organisation)
    summary: dict[str, Any] = {
        "triaged": initiatives.filter(risk_class_confirmed=True).count(),
        "total": initiatives.count(),
        "url": reverse("triage:organisation", args=[organisation.pk]),
    }
    if services.can_view_details(user, _lead_of(organisation)):
        work = open_obligations().filter(initiative__in=initiatives.values("pk"))
        summary["open_obligations"] = work.count()
        summary["overdue_obligations"] = overdue(work).count()
    return summary
