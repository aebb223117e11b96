"""Evidence beside the self-image: what Kraft already knows of the organisation, per dimension.

Collectors read other apps through their selectors only. Apps that are not installed yet (AI Act triage,
coalitions) are reported as "not yet available" rather than as zero, because "we do not know" is not "none".

Some dimensions also get an *indication*, a level that the recorded facts point to (rules in
``docs/maturity.md``). Kraft only knows what has been recorded in it, so the indication is a prompt for
discussion, not a verdict; a disagreement is pointed out only when self-rating and indication differ by two
levels or more. Dimensions where Kraft's data says little (data, technology, competence) show facts without an
indication.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kraft.initiatives import selectors as initiative_selectors
from kraft.initiatives.models import Effect, Initiative
from kraft.organisations.models import Organisation

DISAGREEMENT = 2
IN_USE = {Initiative.Stage.IN_USE, Initiative.Stage.SCALED}
EARLY = {Initiative.Stage.IDEA, Initiative.Stage.STUDY}


@dataclass
class Item:
    label: str
    value: Any = None
    url: str = ""
    available: bool = True


@dataclass
class Evidence:
    dimension: str
    items: list[Item] = field(default_factory=list)
    indication: int | None = None
    reason: str = ""

    def disagreement(self, level: int | None) -> str:
        """A sentence when the self-rated level and the indication are two or more levels apart, else ""."""
        if level is None or self.indication is None or abs(level - self.indication) < DISAGREEMENT:
            return ""
        if level > self.indication:
            return _("Självskattningen (nivå %(level)s) ligger högre än vad Kraft ser (nivå %(ind)s): %(reason)s") % {
                "level": level,
                "ind": self.indication,
                "reason": self.reason,
            }
        return _("Underlaget i Kraft (nivå %(ind)s) pekar högre än självskattningen (nivå %(level)s): %(reason)s") % {
            "level": level,
            "ind": self.indication,
            "reason": self.reason,
        }


@dataclass
class Facts:
    """Counts over the organisation's initiatives (led or as partner) that the viewer may see."""

    total: int = 0
    stages: Counter[str] = field(default_factory=Counter)
    evaluated: int = 0
    with_effects: int = 0
    risk_assessed: int = 0
    personal_data: int = 0
    personal_data_with_basis: int = 0
    data_described: int = 0
    reused_from_others: int = 0
    in_use: int = 0
    evaluated_in_use: int = 0


def _facts(user: Any, organisation: Organisation) -> Facts:
    ids = initiative_selectors.initiatives_for_organisation(user, organisation).order_by().values("pk")
    rows = Initiative.objects.filter(pk__in=ids, record_type=Initiative.RecordType.INITIATIVE).values_list(
        "pk",
        "stage",
        "is_evaluated",
        "risk_class",
        "uses_personal_data",
        "legal_basis",
        "data_description",
        "reused_from_id",
    )
    facts = Facts()
    pks = []
    for pk, stage, evaluated, risk, personal, basis, described, reused in rows:
        pks.append(pk)
        facts.total += 1
        facts.stages[stage] += 1
        facts.evaluated += bool(evaluated)
        facts.risk_assessed += risk != Initiative.RiskClass.NOT_ASSESSED
        facts.personal_data += bool(personal)
        facts.personal_data_with_basis += bool(personal and basis.strip())
        facts.data_described += bool(described.strip())
        facts.reused_from_others += reused is not None
        facts.in_use += stage in IN_USE
        facts.evaluated_in_use += bool(evaluated and stage in IN_USE)
    facts.with_effects = Effect.objects.filter(initiative_id__in=pks).values("initiative_id").distinct().count()
    return facts


def _list_url(organisation: Organisation, **filters: str) -> str:
    return f"{reverse('initiatives:list')}?{urlencode({'organisation': organisation.pk, **filters})}"


def _optional(app: str, module: str, names: tuple[str, ...], *args: Any) -> Any:
    """The first of ``names`` that another app's module offers, called, when that app is installed; else None."""
    if not apps.is_installed(app):
        return None
    try:
        found = import_module(f"{app}.{module}")
    except ImportError:
        return None
    function = next((getattr(found, name) for name in names if hasattr(found, name)), None)
    return None if function is None else function(*args)


def _not_yet(label: str) -> Item:
    return Item(label=label, value=_("inte tillgängligt ännu"), available=False)


@dataclass
class Triage:
    """What the AI Act triage app knows of the organisation (None fields: not available to this viewer)."""

    available: bool
    triaged: int = 0
    total: int = 0
    open_obligations: int | None = None
    overdue: int | None = None
    url: str = ""


def _triage(user: Any, organisation: Organisation) -> Triage:
    overview = _optional("kraft.triage", "selectors", ("organisation_overview",), user, organisation)
    if overview is None:
        return Triage(available=False)
    try:
        url = reverse("triage:organisation", args=[organisation.pk])
    except NoReverseMatch:
        url = ""
    show = bool(getattr(overview, "show_work", False))
    return Triage(
        available=True,
        triaged=overview.triaged,
        total=overview.total,
        open_obligations=overview.open_count if show else None,
        overdue=len(overview.overdue) if show else None,
        url=url,
    )


def _triage_items(triage: Triage) -> list[Item]:
    if not triage.available:
        return [_not_yet(_("Triagerade AI-system och öppna skyldigheter enligt AI-förordningen"))]
    items = [Item(_("AI-system triagerade enligt AI-förordningen"), f"{triage.triaged} / {triage.total}", triage.url)]
    if triage.open_obligations is not None:
        items.append(Item(_("Öppna skyldigheter"), triage.open_obligations, triage.url))
        items.append(Item(_("Skyldigheter efter sista dag"), triage.overdue, triage.url))
    return items


def _coalition_items(user: Any, organisation: Organisation) -> list[Item]:
    found = _optional(
        "kraft.coalitions",
        "selectors",
        ("coalitions_of_organisation", "coalitions_for_organisation"),
        user,
        organisation,
    )
    if found is None:
        return [_not_yet(_("Koalitioner med andra organisationer"))]
    return [Item(_("Koalitioner med andra organisationer"), len(list(found)))]


def collect(user: Any, organisation: Organisation) -> dict[str, Evidence]:
    f = _facts(user, organisation)
    stages = dict(Initiative.Stage.choices)
    by_stage = ", ".join(
        f"{stages[s]}: {n}" for s, n in sorted(f.stages.items(), key=lambda kv: list(stages).index(kv[0]))
    )
    return {
        "strategi": _strategy(organisation, f, by_stage),
        "styrning": _governance(user, organisation, f),
        "data": Evidence(
            "data",
            [
                Item(
                    _("Initiativ som beskriver vilka data de använder"),
                    f"{f.data_described} / {f.total}",
                    _list_url(organisation),
                ),
                Item(_("Initiativ som behandlar personuppgifter"), f.personal_data, _list_url(organisation)),
            ],
        ),
        "teknik": Evidence(
            "teknik",
            [
                Item(_("Initiativ i drift eller skalade"), f.in_use, _list_url(organisation, stage="i_drift,skalad")),
                Item(_("Initiativ som bygger på andras lösningar"), f.reused_from_others, _list_url(organisation)),
            ],
        ),
        "kompetens": Evidence(
            "kompetens",
            [
                Item(
                    _("Medlemmar i Kraft"),
                    organisation.memberships.filter(status="active").count(),
                    reverse("organisations:detail", args=[organisation.pk]),
                ),
                *_coalition_items(user, organisation),
            ],
        ),
        "nytta": _benefits(organisation, f),
    }


def _strategy(organisation: Organisation, f: Facts, by_stage: str) -> Evidence:
    if f.total == 0:
        indication, reason = 1, _("inga AI-initiativ är registrerade i Kraft.")
    elif f.in_use == 0:
        indication, reason = 2, _("initiativen är idéer, förstudier eller piloter; inget är i drift.")
    elif f.total >= 3 and f.evaluated >= 1:
        indication, reason = 4, _("flera initiativ, något i drift och minst ett med uppmätta effekter.")
    else:
        indication, reason = 3, _("minst ett initiativ är i drift.")
    return Evidence(
        "strategi",
        [
            Item(_("AI-initiativ i Kraft"), f.total, _list_url(organisation)),
            Item(_("Per fas"), by_stage or "–", _list_url(organisation)),
        ],
        indication,
        reason,
    )


def _governance(user: Any, organisation: Organisation, f: Facts) -> Evidence:
    triage = _triage(user, organisation)
    items = [
        Item(
            _("Initiativ med riskklass enligt AI-förordningen"),
            f"{f.risk_assessed} / {f.total}",
            _list_url(organisation),
        ),
        Item(
            _("Initiativ med personuppgifter som anger rättslig grund"),
            f"{f.personal_data_with_basis} / {f.personal_data}",
            _list_url(organisation),
        ),
        *_triage_items(triage),
    ]
    if triage.available:
        done, total = triage.triaged, triage.total
        what = _("triagerade")
    else:
        done, total = f.risk_assessed, f.total
        what = _("med riskklass")
    if total == 0:
        return Evidence("styrning", items)
    share = done / total
    if share == 0:
        indication, reason = 1, _("inget initiativ är %(what)s enligt AI-förordningen.") % {"what": what}
    elif share < 0.5:
        indication, reason = 2, _("färre än hälften av initiativen är %(what)s.") % {"what": what}
    elif share < 1:
        indication, reason = 3, _("minst hälften av initiativen är %(what)s.") % {"what": what}
    elif triage.overdue:
        indication, reason = (
            3,
            _("alla initiativ är %(what)s, men skyldigheter har passerat sista dag.") % {"what": what},
        )
    else:
        indication, reason = 4, _("alla initiativ är %(what)s.") % {"what": what}
    return Evidence("styrning", items, indication, reason)


def _benefits(organisation: Organisation, f: Facts) -> Evidence:
    items = [
        Item(
            _("Initiativ med effekter (förväntade eller uppmätta)"),
            f"{f.with_effects} / {f.total}",
            _list_url(organisation),
        ),
        Item(_("Utvärderade initiativ (uppmätta effekter)"), f.evaluated, _list_url(organisation, evaluated="1")),
    ]
    if f.with_effects == 0:
        indication, reason = 1, _("inget initiativ beskriver effekter.")
    elif f.evaluated == 0:
        indication, reason = 2, _("effekter är förväntade men inget initiativ har mätt dem.")
    elif f.in_use and f.evaluated_in_use * 2 >= f.in_use:
        indication, reason = 4, _("minst hälften av initiativen i drift har uppmätta effekter.")
    else:
        indication, reason = 3, _("minst ett initiativ har uppmätta effekter.")
    return Evidence("nytta", items, indication, reason)
