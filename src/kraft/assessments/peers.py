"""Peer comparison that protects: distributions and percentiles per dimension, never for fewer than five.

The population is every organisation's latest closed assessment (its results frozen at closing). Groups are the
same kind of organisation, a population size band, a county, or all. A group — or a dimension within it — with
fewer than ``MIN_GROUP`` organisations shows no figures at all, not even its exact size, so that no single
organisation's results can be read out of it. Nor does a group that differs from a wider group it lies in (the
same filters with one or more dropped, or all) by one to four organisations: comparing the two would give those few
organisations' figures by subtraction. Aggregates include organisations that have not published; their own results
stay private (no row of theirs is ever shown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from django.utils.translation import gettext_lazy as _

from kraft.assessments import bank as banks
from kraft.assessments.models import Assessment
from kraft.organisations.models import County, Organisation

MIN_GROUP = 5
# Population bands (inhabitants) for kommuner and regioner; the upper bound is exclusive.
SIZE_BANDS: list[tuple[str, Any, int, int | None]] = [
    ("under-15000", _("under 15 000 invånare"), 0, 15_000),
    ("15000-50000", _("15 000–50 000 invånare"), 15_000, 50_000),
    ("50000-100000", _("50 000–100 000 invånare"), 50_000, 100_000),
    ("over-100000", _("över 100 000 invånare"), 100_000, None),
]
SUPPRESSED = _(
    "Gruppen har färre än 5 organisationer med en stängd bedömning. Inga siffror visas, så att ingen enskild "
    "organisations resultat kan utläsas. Välj en större grupp."
)


DIFFERENCE = _(
    "Gruppen skiljer sig från en större grupp (%(wider)s) med färre än 5 organisationer. Inga siffror visas, så att "
    "ingen enskild organisations resultat kan räknas fram genom att jämföra de två grupperna. Välj en annan grupp."
)


class GroupTooSmall(Exception):
    """The chosen group would reveal single organisations (by its size, or by its difference to a wider group)."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or str(SUPPRESSED))


def size_band_of(population: int | None) -> str:
    if population is None:
        return ""
    for slug, _label, low, high in SIZE_BANDS:
        if population >= low and (high is None or population < high):
            return slug
    return ""


def size_band_choices() -> list[tuple[str, str]]:
    return [(slug, str(label)) for slug, label, _low, _high in SIZE_BANDS]


@dataclass(frozen=True)
class Group:
    kind: str = ""
    size: str = ""
    county: str = ""  # two-digit county code

    @classmethod
    def like(cls, organisation: Organisation, by: str) -> Group:
        """The organisation's own group of one type: ``kind``, ``size``, ``county`` or ``all``."""
        if by == "kind":
            return cls(kind=organisation.kind)
        if by == "size":
            return cls(size=size_band_of(organisation.population))
        if by == "county":
            return cls(county=organisation.county.code if organisation.county else "")
        return cls()

    def wider(self) -> list[Group]:
        """The groups this one lies in: the same filters with one or more dropped, nearest first, all organisations
        last."""
        filters = [(name, value) for name, value in vars(self).items() if value]
        sizes = range(len(filters) - 1, -1, -1)
        return [Group(**dict(kept)) for size in sizes for kept in combinations(filters, size)]

    def describe(self) -> str:
        kinds = dict(Organisation.Kind.choices)
        sizes = dict(size_band_choices())
        parts = [str(kinds.get(self.kind, self.kind)) if self.kind else "", sizes.get(self.size, "")]
        county = County.objects.filter(code=self.county).first() if self.county else None
        parts.append(county.name if county else "")
        return ", ".join(p for p in parts if p) or str(_("alla organisationer"))

    def matches(self, organisation: Organisation) -> bool:
        if self.kind and organisation.kind != self.kind:
            return False
        if self.size and size_band_of(organisation.population) != self.size:
            return False
        return not (self.county and (organisation.county is None or organisation.county.code != self.county))


def latest_closed() -> dict[int, Assessment]:
    """Organisation id → its latest closed assessment with results, over approved organisations."""
    latest: dict[int, Assessment] = {}
    queryset = (
        Assessment.objects.filter(
            status=Assessment.Status.CLOSED, results__isnull=False, organisation__status=Organisation.Status.APPROVED
        )
        .select_related("organisation__county")
        .order_by("organisation_id", "-round")
    )
    for assessment in queryset:
        latest.setdefault(assessment.organisation_id, assessment)
    return latest


def scores_of(assessment: Assessment) -> dict[str, float | None]:
    return {row["dimension"]: row["score"] for row in (assessment.results or {}).get("dimensions", [])}


def levels_of(assessment: Assessment) -> dict[str, int | None]:
    return {row["dimension"]: row["level"] for row in (assessment.results or {}).get("dimensions", [])}


def percentile(sorted_values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (the usual definition, as numpy's default)."""
    if len(sorted_values) == 1:
        return sorted_values[0]
    position = (len(sorted_values) - 1) * p / 100
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def percentile_rank(values: list[float], own: float) -> int:
    """Share of the group below ``own``, counting ties as half, in whole percent."""
    below = sum(1 for v in values if v < own)
    equal = sum(1 for v in values if v == own)
    return round(100 * (below + equal / 2) / len(values))


@dataclass
class DimensionStats:
    dimension: str
    name: str
    count: int
    distribution: dict[int, int]
    p25: float
    median: float
    p75: float
    own_score: float | None = None
    own_percentile: int | None = None


@dataclass
class Comparison:
    group: Group
    count: int
    dimensions: list[DimensionStats] = field(default_factory=list)


def compare(group: Group, own: Organisation | None = None) -> Comparison:
    """Distributions and percentiles per dimension; raises ``GroupTooSmall`` below ``MIN_GROUP`` organisations.

    ``own`` (whose results the caller may see) adds that organisation's score and percentile rank."""
    latest = latest_closed()
    members = [a for a in latest.values() if group.matches(a.organisation)]
    if len(members) < MIN_GROUP:
        raise GroupTooSmall
    wider = [[a for a in latest.values() if w.matches(a.organisation)] for w in group.wider()]
    for other, others in zip(group.wider(), wider, strict=True):
        if 0 < len(others) - len(members) < MIN_GROUP:
            raise GroupTooSmall(str(DIFFERENCE) % {"wider": other.describe()})
    own_scores = scores_of(latest[own.pk]) if own is not None and own.pk in latest else {}
    bank = banks.load()
    stats = []
    for dimension in bank.dimensions:
        values = sorted(s for a in members if (s := scores_of(a).get(dimension.id)) is not None)
        if len(values) < MIN_GROUP or any(0 < _answered(o, dimension.id) - len(values) < MIN_GROUP for o in wider):
            continue  # too few, or a wider group's figures minus these would reveal the few in between
        distribution = dict.fromkeys(banks.LEVELS, 0)
        for a in members:
            level = levels_of(a).get(dimension.id)
            if level:
                distribution[level] += 1
        mine = own_scores.get(dimension.id)
        stats.append(
            DimensionStats(
                dimension=dimension.id,
                name=str(dimension.name),
                count=len(values),
                distribution=distribution,
                p25=round(percentile(values, 25), 2),
                median=round(percentile(values, 50), 2),
                p75=round(percentile(values, 75), 2),
                own_score=mine,
                own_percentile=percentile_rank(values, mine) if mine is not None else None,
            )
        )
    return Comparison(group=group, count=len(members), dimensions=stats)


def _answered(assessments: list[Assessment], dimension: str) -> int:
    return sum(1 for a in assessments if scores_of(a).get(dimension) is not None)


def contactable_one_level_higher(
    organisation: Organisation, dimension: str, level: int | None, latest: dict[int, Assessment] | None = None
) -> list[Organisation]:
    """Organisations that agreed to be contacted and whose latest level in ``dimension`` is one higher."""
    if level is None or level >= 5:
        return []
    found = []
    for assessment in (latest if latest is not None else latest_closed()).values():
        if assessment.organisation_id == organisation.pk or not assessment.open_to_contact:
            continue
        if levels_of(assessment).get(dimension) == level + 1:
            found.append(assessment.organisation)
    return sorted(found, key=lambda o: o.name)
