"""Suggestions with reasons for a need, an initiative or a text being written.

Each suggestion says *why*: same welfare area, the same rare words, the same description word for word (a supplier's
text that several organisations registered: most likely the same system), the same supplier or system, a similar
municipality (same county or a similar size), already evaluated, complementary resources (what an organisation
has offered or already solved), or a similar meaning found by the optional embedder. Initiatives with measured
effects come first among those that match; what people marked useful or not useful on the page lifts or sinks a
suggestion there (``verdicts``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kraft.initiatives.models import Initiative
from kraft.matchmaking import corpus, verdicts
from kraft.matchmaking import text as analysis
from kraft.matchmaking.engine import Match
from kraft.needs.models import Need, Signal
from kraft.organisations.models import Organisation

SHOWN = 5
MIN_SAME_DESCRIPTION_WORDS = 8  # shorter descriptions ("AI-chattbot i växeln") are alike by chance


@dataclass
class Suggestion:
    kind: str
    object: Any
    score: float
    rank: int
    reasons: list[str]

    @property
    def key(self) -> str:
        return corpus.key_of(self.kind, self.object.pk)


@dataclass
class OrganisationSuggestion:
    organisation: Organisation
    reasons: list[str]
    rank: int = 0


@dataclass
class Suggestions:
    source_kind: str
    source_id: int | None
    needs: list[Suggestion] = field(default_factory=list)
    initiatives: list[Suggestion] = field(default_factory=list)
    organisations: list[OrganisationSuggestion] = field(default_factory=list)
    feedback: dict[str, bool] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.needs or self.initiatives or self.organisations)


@dataclass(frozen=True)
class Source:
    """What suggestions are made for: its text, language, area, organisation and supplier (all optional)."""

    kind: str
    pk: int | None
    text: str
    language: str = "sv"
    welfare_area_id: int | None = None
    organisation: Organisation | None = None
    supplier: str = ""
    product: str = ""
    description: str = ""  # the body of the text (an initiative's description, a need's problem), without the title


# ------------------------------------------------------------------ entry points


def for_need(user: Any, need: Need) -> Suggestions:
    source = Source(
        "need", need.pk, corpus.need_text(need), "sv", need.welfare_area_id, need.organisation, description=need.problem
    )
    return suggest(user, source)


def for_initiative(user: Any, initiative: Initiative) -> Suggestions:
    source = Source(
        "initiative",
        initiative.pk,
        corpus.initiative_text(initiative),
        analysis.language_of_country(initiative.country),
        initiative.welfare_area_id,
        initiative.lead_organisation,
        initiative.supplier,
        initiative.product,
        _description(initiative),
    )
    return suggest(user, source)


def for_text(user: Any, text: str, organisation: Organisation | None = None) -> Suggestions:
    return suggest(user, Source("text", None, text, analysis.guess_language(text), None, organisation))


def suggest(user: Any, source: Source, limit: int = SHOWN) -> Suggestions:
    result = Suggestions(source.kind, source.pk)
    if len(analysis.terms(source.text, source.language)) < 2:
        return result
    exclude = (corpus.key_of(source.kind, source.pk),) if source.pk is not None else ()
    matches = corpus.engine().rank(source.text, source.language, exclude=exclude, limit=limit * 4)
    needs, initiatives = _load(matches)
    word_of = analysis.surface_words(source.text, source.language)
    marked, own = verdicts.on_page(user, source.kind, source.pk)
    found_needs: list[Suggestion] = []
    found_initiatives: list[Suggestion] = []
    for rank, match in enumerate(matches):
        kind, pk = corpus.parse_key(match.key)
        if kind == corpus.NEED and pk in needs:
            need = needs[pk]
            found_needs.append(Suggestion(kind, need, match.score, rank, need_reasons(source, need, match, word_of)))
        elif kind == corpus.INITIATIVE and pk in initiatives:
            initiative = initiatives[pk]
            reasons = initiative_reasons(source, initiative, match, word_of)
            found_initiatives.append(Suggestion(kind, initiative, match.score, rank, reasons))
    result.needs = _by_verdict(found_needs, marked)[:limit]
    # Measured effects first among the initiatives that match (and that people have not marked down).
    found_initiatives = _by_verdict(found_initiatives, marked)
    result.initiatives = sorted(
        found_initiatives[: limit * 2],
        key=lambda s: (verdicts.standing(marked, s.key), not s.object.is_evaluated, s.rank),
    )[:limit]
    result.organisations = verdicts.ordered(
        organisations_for(source, result, len(result.initiatives) + len(result.needs) + limit),
        marked,
        lambda o: corpus.key_of("organisation", o.organisation.pk),
    )[:limit]
    result.feedback = own
    return result


def _by_verdict(found: list[Suggestion], marked: dict[str, int]) -> list[Suggestion]:
    """Lifted first, sunk last; a suggestion people found useful says so."""
    for suggestion in found:
        net = marked.get(suggestion.key, 0)
        if net > 0:
            suggestion.reasons.append(
                ngettext(
                    "Markerat som användbart av %(count)s person",
                    "Markerat som användbart av %(count)s personer",
                    net,
                )
                % {"count": net}
            )
    return verdicts.ordered(found, marked, lambda s: s.key)


def _load(matches: list[Match]) -> tuple[dict[int, Need], dict[int, Initiative]]:
    ids: dict[str, list[int]] = defaultdict(list)
    for match in matches:
        kind, pk = corpus.parse_key(match.key)
        ids[kind].append(pk)
    needs = {
        n.pk: n
        for n in corpus.candidate_needs()
        .filter(pk__in=ids[corpus.NEED])
        .select_related("organisation__county", "welfare_area")
        .prefetch_related("signals__organisation")
    }
    initiatives = {
        i.pk: i
        for i in corpus.candidate_initiatives()
        .filter(pk__in=ids[corpus.INITIATIVE])
        .select_related("lead_organisation__county", "welfare_area")
    }
    return needs, initiatives


# ------------------------------------------------------------------ reasons


def _common_reasons(
    source: Source,
    match: Match,
    area_id: int | None,
    area: Any,
    organisation: Organisation | None,
    word_of: dict[str, str],
) -> list[str]:
    reasons = []
    if source.welfare_area_id and area_id == source.welfare_area_id:
        reasons.append(_("Samma verksamhetsområde: %(area)s") % {"area": area})
    words = [word_of[t] for t in match.shared_terms if t in word_of][:3]
    if words:
        reasons.append(_("Samma ord: %(words)s") % {"words": ", ".join(words)})
    if match.dense_rank is not None and (match.lexical_rank is None or match.dense_rank < match.lexical_rank):
        reasons.append(_("Liknande innebörd enligt språkmodellen"))
    reasons.extend(similar_organisation(source.organisation, organisation))
    return reasons


def need_reasons(source: Source, need: Need, match: Match, word_of: dict[str, str]) -> list[str]:
    reasons = _common_reasons(source, match, need.welfare_area_id, need.welfare_area, need.organisation, word_of)
    reasons.extend(same_description(source, need.problem))
    same = sum(1 for s in need.signals.all() if s.kind == Signal.Kind.SAME_NEED)
    if same:
        reasons.append(_("%(count)s organisationer har samma behov") % {"count": same + 1})
    return reasons or [_("Liknande text")]


def initiative_reasons(source: Source, initiative: Initiative, match: Match, word_of: dict[str, str]) -> list[str]:
    reasons = _common_reasons(
        source, match, initiative.welfare_area_id, initiative.welfare_area, initiative.lead_organisation, word_of
    )
    reasons.extend(same_description(source, _description(initiative)))
    system = _same_system(source, initiative)
    if system:
        reasons.append(_("Samma leverantör eller system: %(name)s") % {"name": system})
    if initiative.is_evaluated:
        reasons.append(_("Utvärderat med uppmätta effekter"))
    return reasons or [_("Liknande text")]


def _description(initiative: Initiative) -> str:
    return initiative.description or initiative.summary


def same_description(source: Source, theirs: str) -> list[str]:
    """The suggestion's description is the source's, word for word: most often a supplier's text that several
    organisations registered, so the strongest sign of the same system there is."""
    if len(source.description.split()) < MIN_SAME_DESCRIPTION_WORDS:
        return []
    return [_("Samma beskrivning, ord för ord")] if analysis.plain(source.description) == analysis.plain(theirs) else []


def _same_system(source: Source, initiative: Initiative) -> str:
    for name in (initiative.product, initiative.supplier):
        name = (name or "").strip()
        if len(name) < 3:
            continue
        if name.lower() in {source.supplier.strip().lower(), source.product.strip().lower()}:
            return name
        if name.lower() in source.text.lower():
            return name
    return ""


def similar_organisation(mine: Organisation | None, theirs: Organisation | None) -> list[str]:
    if mine is None or theirs is None or mine.pk == theirs.pk:
        return []
    reasons = []
    if mine.county_id and mine.county_id == theirs.county_id:
        reasons.append(_("Samma län: %(county)s") % {"county": theirs.county})
    if mine.population and theirs.population and mine.kind == theirs.kind:
        ratio = theirs.population / mine.population
        if 0.5 <= ratio <= 2:
            reasons.append(
                _("Liknande storlek: %(population)s invånare")
                % {"population": f"{theirs.population:,}".replace(",", "\u00a0")}
            )
    return reasons


def organisations_for(source: Source, suggestions: Suggestions, limit: int) -> list[OrganisationSuggestion]:
    """Organisations worth talking to: who leads similar initiatives, has similar needs, solved or offers help."""
    found: dict[int, OrganisationSuggestion] = {}
    own = source.organisation.pk if source.organisation else None

    def add(organisation: Organisation | None, reason: str, rank: int) -> None:
        if organisation is None or organisation.pk == own or organisation.status != Organisation.Status.APPROVED:
            return
        entry = found.setdefault(organisation.pk, OrganisationSuggestion(organisation, [], rank))
        if reason not in entry.reasons:
            entry.reasons.append(reason)

    for suggestion in suggestions.initiatives:
        initiative = suggestion.object
        add(
            initiative.lead_organisation,
            _("Leder ett liknande initiativ: %(title)s") % {"title": initiative.title},
            suggestion.rank,
        )
    for suggestion in suggestions.needs:
        need = suggestion.object
        add(need.organisation, _("Har ett liknande behov: %(title)s") % {"title": need.title}, suggestion.rank)
        for signal in need.signals.all():
            if signal.kind == Signal.Kind.SOLVED:
                add(signal.organisation, _("Har redan löst: %(title)s") % {"title": need.title}, suggestion.rank)
            elif signal.kind == Signal.Kind.CONTRIBUTE:
                offered = ", ".join(
                    str(dict(Signal.Contribution.choices).get(c, c)).lower() for c in signal.contributions
                )
                add(signal.organisation, _("Kan bidra med %(what)s") % {"what": offered}, suggestion.rank)
            elif signal.kind == Signal.Kind.SAME_NEED:
                add(signal.organisation, _("Har samma behov: %(title)s") % {"title": need.title}, suggestion.rank)
    for entry in found.values():
        entry.reasons.extend(similar_organisation(source.organisation, entry.organisation))
    ranked = sorted(found.values(), key=lambda e: (-len(e.reasons), e.rank, e.organisation.name))
    return ranked[:limit]
