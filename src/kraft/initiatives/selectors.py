"""Reads of initiatives, permission-checked and with their related rows fetched in a fixed number of queries.

Use ``visible_initiatives(user)`` for anything that lists initiatives to a person (pages, API, exports, map,
statistics): drafts are visible only to members of the lead organisation and to staff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kraft.accounts import permissions
from kraft.initiatives import filters
from kraft.initiatives.models import Effect, Initiative, InitiativeVersion, Technique, WelfareArea
from kraft.organisations.models import County, Organisation

PAGE_SIZES = (10, 20, 50, 100)
DEFAULT_PAGE_SIZE = 20


def visible_initiatives(user: Any) -> QuerySet[Initiative]:
    """Every initiative the person may see: published and archived ones, plus drafts of their organisations."""
    queryset = Initiative.objects.all()
    if permissions.is_staff(user):
        return queryset
    own = permissions.member_organisation_ids(user)
    public = ~Q(status=Initiative.Status.DRAFT)
    if own:
        return queryset.filter(public | Q(lead_organisation_id__in=own))
    return queryset.filter(public)


def with_related(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """What list rows and cards show, in a constant number of queries whatever the page size."""
    return queryset.select_related(
        "welfare_area", "technique", "lead_organisation", "lead_organisation__county"
    ).prefetch_related(
        Prefetch("partners", queryset=Organisation.objects.select_related("county")), "partner_confirmations"
    )


def get_initiative_for_user(user: Any, pk: Any) -> Initiative:
    """One initiative with everything its page shows, or 404 when it does not exist or is not visible."""
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    queryset = visible_initiatives(user).select_related(
        "welfare_area", "technique", "lead_organisation__county", "reused_from__lead_organisation"
    )
    queryset = queryset.prefetch_related(
        "partners__county",
        "partner_confirmations",
        Prefetch("effects", queryset=Effect.objects.order_by("id")),
        "costs",
    )
    initiative = queryset.filter(pk=pk).first()
    if initiative is None:
        raise Http404
    return initiative


def reuses_of(user: Any, initiative: Initiative) -> QuerySet[Initiative]:
    """Visible initiatives that started from this one ("reused by N")."""
    return visible_initiatives(user).filter(reused_from=initiative).select_related("lead_organisation")


def versions_of(initiative: Initiative) -> QuerySet[InitiativeVersion]:
    return InitiativeVersion.objects.filter(initiative=initiative).select_related("created_by").order_by("-number")


def similar_initiatives(user: Any, initiative: Initiative, limit: int = 3) -> list[Initiative]:
    """Published initiatives elsewhere in the same welfare area or technique, evaluated ones first."""
    if not initiative.welfare_area_id and not initiative.technique_id:
        return []
    match = Q()
    if initiative.welfare_area_id:
        match |= Q(welfare_area_id=initiative.welfare_area_id)
    if initiative.technique_id:
        match |= Q(technique_id=initiative.technique_id)
    queryset = (
        visible_initiatives(user)
        .filter(match, status=Initiative.Status.PUBLISHED)
        .exclude(pk=initiative.pk)
        .exclude(lead_organisation_id=initiative.lead_organisation_id, lead_organisation__isnull=False)
    )
    # Swedish records first: from the same country when there are enough, the rest of the world after them.
    same_country = queryset.filter(country=initiative.country)
    candidates = list(with_related(same_country).order_by("-is_evaluated", "-published_at")[: limit * 4])
    if len(candidates) < limit:
        others = queryset.exclude(country=initiative.country).order_by("-is_evaluated", "-published_at")
        candidates += list(with_related(others)[: limit * 4])
    ranked = sorted(
        candidates,
        key=lambda other: (
            other.country != initiative.country,
            -(other.welfare_area_id == initiative.welfare_area_id and other.technique_id == initiative.technique_id),
            -other.is_evaluated,
        ),
    )
    return ranked[:limit]


def initiatives_for_organisation(user: Any, organisation: Organisation) -> QuerySet[Initiative]:
    """Visible initiatives that the organisation leads or takes part in, newest first."""
    queryset = visible_initiatives(user).filter(Q(lead_organisation=organisation) | Q(partners=organisation)).distinct()
    return with_related(queryset).order_by("-published_at", "-updated_at")


# ------------------------------------------------------------------ the list page: search, facets, pages


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: Any
    options: list[FacetOption] = field(default_factory=list)

    @property
    def any_selected(self) -> bool:
        return any(o.selected for o in self.options)


FACET_LABELS = {
    "area": _("Verksamhetsområde"),
    "technique": _("AI-teknik"),
    "stage": _("Fas"),
    "county": _("Län"),
    "organisation_kind": _("Typ av organisation"),
    "risk_class": _("Riskklass (AI-förordningen)"),
    "evaluated": _("Utvärderad"),
    "has_partners": _("Har partner"),
    "country": _("Sverige eller internationellt"),
    "record_type": _("Typ av post"),
    "status": _("Status"),
}
FACET_FIELDS = {
    "area": "welfare_area__slug",
    "technique": "technique__slug",
    "stage": "stage",
    "county": "lead_organisation__county__code",
    "organisation_kind": "lead_organisation__kind",
    "risk_class": "risk_class",
    "record_type": "record_type",
    "status": "status",
}


def list_params(params: Any) -> dict[str, list[str]]:
    """The list's filters as lists of strings; without a status the list shows published records and own drafts."""
    wanted = {name: filters.values(params, name) for name in (*filters.FACETS, "municipality", "organisation")}
    if not wanted["status"]:
        wanted["status"] = [Initiative.Status.PUBLISHED, Initiative.Status.DRAFT]
        wanted["_status_default"] = ["1"]
    return wanted


def _value_labels(name: str) -> dict[str, str]:
    if name == "area":
        return {a.slug: a.label for a in WelfareArea.objects.all()}
    if name == "technique":
        return {t.slug: t.label for t in Technique.objects.all()}
    if name == "county":
        return dict(County.objects.values_list("code", "name"))
    choices = {
        "stage": Initiative.Stage.choices,
        "organisation_kind": Organisation.Kind.choices,
        "risk_class": Initiative.RiskClass.choices,
        "record_type": Initiative.RecordType.choices,
        "status": Initiative.Status.choices,
    }
    return {value: str(label) for value, label in choices.get(name, [])}


def _facet(name: str, queryset: QuerySet[Initiative], selected: list[str]) -> Facet:
    facet = Facet(name, FACET_LABELS[name])
    if name in FACET_FIELDS:
        column = FACET_FIELDS[name]
        counts: dict[str, int] = dict(
            queryset.order_by().values_list(column).annotate(n=Count("pk")).values_list(column, "n")
        )
        labels = _value_labels(name)
        order = list(labels) + sorted(k for k in counts if k not in labels and k)
        for value in order:
            if counts.get(value) or value in selected:
                facet.options.append(
                    FacetOption(value, labels.get(value) or value, counts.get(value, 0), value in selected)
                )
        return facet
    total = queryset.count()
    if name == "evaluated":
        yes = queryset.filter(is_evaluated=True).count()
        pairs = [("1", _("Ja, med uppmätta effekter"), yes), ("0", _("Nej"), total - yes)]
    elif name == "has_partners":
        yes = queryset.filter(pk__in=filters.Partners.objects.values("initiative_id")).count()
        pairs = [("1", _("Ja"), yes), ("0", _("Nej"), total - yes)]
    else:  # country
        swedish = queryset.filter(country="SE").count()
        pairs = [("se", _("Sverige"), swedish), ("international", _("Internationellt"), total - swedish)]
    for value, label, count in pairs:
        if count or value in selected:
            facet.options.append(FacetOption(value, str(label), count, value in selected))
    return facet


def _relevance(queryset: QuerySet[Initiative], keys: list[str]) -> QuerySet[Initiative]:
    ranks = [When(pk=int(k), then=Value(i)) for i, k in enumerate(keys) if k.isdigit()]
    if not ranks:
        return queryset.order_by("-pk")
    return queryset.annotate(_rank=Case(*ranks, default=Value(len(ranks)), output_field=IntegerField())).order_by(
        "_rank", "-pk"
    )


@dataclass
class ListResult:
    page: Page[Initiative]
    facets: list[Facet]
    sort: str
    text: str
    used_search_engine: bool


def search_initiatives(user: Any, params: Any) -> tuple[Page[Initiative], list[Facet]]:
    """The list page and the API list: a page of visible initiatives and the facet counts around it."""
    result = list_initiatives(user, params)
    return result.page, result.facets


Matched = tuple[QuerySet[Initiative], str, list[str] | None]


def text_matches(user: Any, params: Any) -> Matched:
    """Visible initiatives matching the text (through the search port), the text, and the port's ranked keys."""
    from kraft.initiatives.search import matching_keys

    return _text_matches(user, params, matching_keys)


def filtered_initiatives(
    user: Any, params: Any, matched: Matched | None = None
) -> tuple[QuerySet[Initiative], str, str, bool]:
    """Visible initiatives matching the list filters, sorted: (queryset, sort, text, used_search_engine)."""
    wanted = list_params(params)
    base, text, keys = matched or text_matches(user, params)
    matches = filters.apply(base, wanted)
    sort = (filters.values(params, "sort") or ["relevance" if text else "newest"])[0]
    if sort == "relevance" and keys:
        return _relevance(matches, keys), sort, text, True
    sort = sort if sort in filters.SORTS else "newest"
    return filters.order(matches, sort), sort, text, keys is not None


def _text_matches(user: Any, params: Any, matching_keys: Any) -> tuple[QuerySet[Initiative], str, list[str] | None]:
    text = " ".join(filters.values(params, "q"))[:200]
    base = visible_initiatives(user)
    if not text:
        return base, "", None
    keys = matching_keys(text)
    if keys is None:
        return filters.text_filter(base, text), text, None
    return base.filter(pk__in=[int(k) for k in keys if k.isdigit()]), text, keys


def facet_counts(user: Any, params: Any, matched: Matched | None = None) -> list[Facet]:
    """Counts for every facet, each computed with the other facets' filters applied (not its own)."""
    wanted = list_params(params)
    base, _text, _keys = matched or text_matches(user, params)
    facets = [_facet(name, filters.apply(base, wanted, skip=name), wanted.get(name, [])) for name in filters.FACETS]
    if "_status_default" in wanted:
        status = next(f for f in facets if f.name == "status")
        status.options = [o for o in status.options if o.count]  # no "Utkast (0)" for those without drafts
        for option in status.options:
            option.selected = False
    return facets


def list_initiatives(user: Any, params: Any) -> ListResult:
    matched = text_matches(user, params)
    ordered, sort, text, engine = filtered_initiatives(user, params, matched)
    paginator = Paginator(with_related(ordered), _page_size(params))
    page = paginator.get_page((filters.values(params, "page") or ["1"])[0])
    return ListResult(page, facet_counts(user, params, matched), sort, text, engine)


def _page_size(params: Any) -> int:
    try:
        size = int((filters.values(params, "page_size") or [str(DEFAULT_PAGE_SIZE)])[0])
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def partners_of(initiative: Initiative) -> list[tuple[Organisation, bool]]:
    """Each partner, and whether it has confirmed taking part (prefetched by the selectors above)."""
    confirmed = {confirmation.organisation_id for confirmation in initiative.partner_confirmations.all()}
    return [(partner, partner.pk in confirmed) for partner in initiative.partners.all()]


# ------------------------------------------------------------------ "Mitt arbete"


def drafts_for(user: Any) -> QuerySet[Initiative]:
    """Drafts of the organisations the person may edit, last changed first."""
    editable = permissions.editable_organisation_ids(user)
    return (
        Initiative.objects.filter(status=Initiative.Status.DRAFT, lead_organisation_id__in=editable)
        .select_related("lead_organisation")
        .order_by("-updated_at")
    )


def recently_edited_by(user: Any) -> QuerySet[Initiative]:
    return visible_initiatives(user).filter(updated_by=user).select_related("lead_organisation").order_by("-updated_at")


def effects_due(user: Any, today: Any) -> list[Effect]:
    """Expected effects past their follow-up date, in initiatives of the person's organisations that have no
    measured effect yet (a measured effect is the follow-up)."""
    own = permissions.member_organisation_ids(user)
    return list(
        Effect.objects.filter(
            basis=Effect.Basis.EXPECTED,
            follow_up_on__lte=today,
            initiative__lead_organisation_id__in=own,
            initiative__is_evaluated=False,
        )
        .exclude(initiative__status=Initiative.Status.ARCHIVED)
        .select_related("initiative")
        .order_by("follow_up_on")[:20]
    )
