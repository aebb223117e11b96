"""The only write path for triages and obligations.

- ``save_triage``: a complete set of answers (only those on the path) becomes the stored triage, the initiative's
  confirmed risk class and result (through ``kraft.initiatives.services.record_ai_act_triage``) and its checklist.
  Refused, changing nothing, when the person may not edit the initiative, an answer does not belong to its
  question, an answer is off the path, questions remain, the rules changed while answering, or someone saved a
  newer triage meanwhile (``StaleTriage``).
- ``rerun_triages``: after a new rules version, every stored triage is walked again with its stored answers; what
  changed (class, obligations, dates) and which answers are now missing is kept on the triage and shown.
- ``update_obligation``: owner, status, deadline and evidence of one checklist item (optimistic locking).

Every write is audited in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kraft.accounts import permissions
from kraft.audit.services import record
from kraft.initiatives import services as initiative_services
from kraft.initiatives.models import Initiative
from kraft.triage import engine, rules
from kraft.triage.models import Obligation, Triage

Actor = Any  # a user, or a str naming a trusted system process ("demo", "rules")
RATIONALE_MAX = 1000
UNCLEAR = Initiative.RiskClass.UNCLEAR


class StaleTriage(Exception):
    """Someone saved a triage of the initiative after this person started answering."""

    def __init__(self, triage: Triage, expected_version: int):
        self.triage = triage
        self.expected_version = expected_version
        self.current_version = triage.version
        super().__init__(f"Triagen har sparats av någon annan (version {expected_version} → {triage.version}).")


class StaleObligation(Exception):
    def __init__(self, obligation: Obligation, expected_version: int):
        self.obligation = obligation
        self.expected_version = expected_version
        self.current_version = obligation.version
        super().__init__(f"Skyldigheten har ändrats (version {expected_version} → {obligation.version}).")


# ------------------------------------------------------------------ permissions


def can_triage(actor: Actor, initiative: Initiative) -> bool:
    """Editors of the lead organisation and staff (the same people who edit the initiative)."""
    return initiative_services.can_edit(actor, initiative)


def can_view_details(actor: Actor, initiative: Initiative) -> bool:
    """Answers, rationales, owners and evidence: members of the lead organisation and staff."""
    if isinstance(actor, str):
        return True
    if initiative.lead_organisation_id is None:
        return permissions.is_staff(actor)
    return permissions.can_view_private_of(actor, initiative.lead_organisation_id)


def _require_triage(actor: Actor, initiative: Initiative) -> None:
    if not can_triage(actor, initiative):
        raise PermissionDenied(
            _("Du behöver vara redaktör i den ansvariga organisationen för att göra triagen för initiativet.")
        )


def context_labels(rule_set: rules.Rules, initiative: Initiative) -> frozenset[str]:
    """Labels Kraft knows without asking: whether the lead organisation is a public body."""
    kind = initiative.lead_organisation.kind if initiative.lead_organisation_id else ""  # type: ignore[union-attr]
    return rule_set.labels_for_organisation_kind(kind)


# ------------------------------------------------------------------ saving a triage


def _clean_answers(rule_set: rules.Rules, answers: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Each item names a question of these rules and one of its answers; rationales are short plain text."""
    cleaned: list[dict[str, str]] = []
    seen: set[str] = set()
    for item in answers:
        question_id = str(item.get("question") or "")
        answer_id = str(item.get("answer") or "")
        rationale = str(item.get("rationale") or "").strip()
        question = rule_set.questions.get(question_id)
        if question is None:
            raise ValidationError(
                _("Frågan '%(question)s' finns inte i regelversion %(version)s.")
                % {"question": question_id, "version": rule_set.version}
            )
        if question.answer(answer_id) is None:
            raise ValidationError(
                _("Svaret '%(answer)s' hör inte till frågan \"%(question)s\".")
                % {"answer": answer_id, "question": question.text}
            )
        if question_id in seen:
            raise ValidationError(_('Frågan "%(question)s" är besvarad två gånger.') % {"question": question.text})
        if len(rationale) > RATIONALE_MAX or "\x00" in rationale:
            raise ValidationError(
                _('Motiveringen till "%(question)s" får vara högst %(max)s tecken och bara vanlig text.')
                % {"question": question.text, "max": RATIONALE_MAX}
            )
        seen.add(question_id)
        cleaned.append({"question": question_id, "answer": answer_id, "rationale": rationale})
    return cleaned


def _checked_walk(rule_set: rules.Rules, cleaned: list[dict[str, str]], initiative: Initiative) -> engine.Walk:
    done = engine.walk(rule_set, {a["question"]: a["answer"] for a in cleaned}, context_labels(rule_set, initiative))
    if done.dropped:
        texts = ", ".join(f'"{rule_set.questions[q].text}"' for q in done.dropped)
        raise ValidationError(
            _("Frågorna %(questions)s ligger inte på vägen för de andra svaren. Ta bort svaren eller gå tillbaka.")
            % {"questions": texts}
        )
    if not done.complete:
        assert done.pending is not None
        raise ValidationError(
            _('Triagen är inte klar: frågan "%(question)s" återstår.') % {"question": done.pending.text}
        )
    order = [step.question.id for step in done.steps]
    if [a["question"] for a in cleaned] != order:
        cleaned.sort(key=lambda a: order.index(a["question"]))
    return done


@transaction.atomic
def save_triage(
    actor: Actor,
    initiative: Initiative,
    answers: Iterable[Mapping[str, Any]],
    expected_version: int,
    *,
    rules_version: str | None = None,
    rule_set: rules.Rules | None = None,
) -> Triage:
    """Store a complete triage. ``expected_version`` is the stored triage's version the person started from
    (0 when there was none); ``rules_version`` the version the questions were asked from, when known.
    ``rule_set`` (trusted system processes only: demo data, migrations of old records) stores a triage made
    under an older rules version, which ``rerun_triages`` then brings up to date."""
    _require_triage(actor, initiative)
    if rule_set is not None and not isinstance(actor, str):
        raise PermissionDenied(_("Bara systemprocesser kan spara en triage efter en äldre regelversion."))
    rule_set = rule_set or rules.current("sv")
    if rules_version and rules_version != rule_set.version:
        raise ValidationError(
            _(
                "Reglerna har uppdaterats till version %(new)s medan du svarade (du började med %(old)s). "
                "Gå igenom frågorna igen; dina svar finns kvar där de fortfarande gäller."
            )
            % {"new": rule_set.version, "old": rules_version}
        )
    cleaned = _clean_answers(rule_set, answers)
    done = _checked_walk(rule_set, cleaned, initiative)
    outcome = engine.result(done)
    # Lock the initiative first, so two first triages saved at once queue up instead of colliding
    Initiative.objects.select_for_update(of=("self",)).filter(pk=initiative.pk).first()
    triage = Triage.objects.select_for_update().filter(initiative=initiative).first()
    current_version = triage.version if triage else 0
    if int(expected_version) != current_version:
        if triage is None:
            raise ValidationError(_("Det finns ingen sparad triage att uppdatera."))
        raise StaleTriage(triage, int(expected_version))
    before = _triage_state(triage, initiative)
    if triage is None:
        triage = Triage(initiative=initiative, version=0)
    triage.rules_version = rule_set.version
    triage.answers = cleaned
    triage.conclusion = outcome.conclusion
    triage.needs_review = False
    triage.rerun = {}
    triage.version += 1
    triage.updated_by = None if isinstance(actor, str) else actor
    triage.save()
    _sync_obligations(actor, initiative, outcome)
    initiative_services.record_ai_act_triage(
        actor, initiative, outcome.risk_class, outcome.as_dict(), note=_("Riskklass enligt AI-förordningens triage")
    )
    record(
        actor,
        "triage_saved",
        initiative,
        organisation=initiative.lead_organisation,
        before=before,
        after=(_triage_state(triage, initiative) or {}) | {"risk_class": outcome.risk_class},
    )
    return triage


def _triage_state(triage: Triage | None, initiative: Initiative) -> dict[str, Any] | None:
    if triage is None:
        return None
    return {
        "version": triage.version,
        "rules_version": triage.rules_version,
        "conclusion": triage.conclusion,
        "answers": {a["question"]: a["answer"] for a in triage.answers},
        "risk_class": initiative.risk_class,
    }


IN_USE = "i_bruk"  # the rules' label for a system in real use (also a pilot with real effects)


def _legal_deadline(applies_from: datetime.date, in_use: bool, today: datetime.date) -> datetime.date | None:
    """The date a duty takes effect, or none ("före driftstart") when it already applies to a system not yet in use."""
    return applies_from if in_use or applies_from >= today else None


def _sync_obligations(actor: Actor, initiative: Initiative, outcome: engine.Result) -> dict[str, list[str]]:
    """Create, refresh or retire checklist items; owners, statuses and evidence are kept. Returns what changed."""
    existing = {o.key: o for o in Obligation.objects.select_for_update().filter(initiative=initiative)}
    wanted = {o.key: o for o in outcome.obligations}
    changes: dict[str, list[str]] = {"added": [], "removed": [], "dates": []}
    user = None if isinstance(actor, str) else actor
    in_use = IN_USE in outcome.labels
    today = timezone.localdate()
    for key, item in wanted.items():
        row = existing.get(key)
        if row is None:
            # A duty whose legal date has passed is due before a system not yet in use goes live, not "overdue since
            # 2018": it gets no deadline (the page says "före driftstart") until the system is in use.
            row = Obligation(initiative=initiative, key=key, deadline=_legal_deadline(item.applies_from, in_use, today))
            changes["added"].append(key)
        else:
            if not row.active:
                changes["added"].append(key)
            moved = row.applies_from != item.applies_from
            if moved:
                changes["dates"].append(key)
            # "before go-live" follows the system's use (live: the legal date, late); a legal date as deadline follows
            # the rules; a planned date someone set stays
            if row.deadline is None or (moved and row.deadline == row.applies_from):
                row.deadline = _legal_deadline(item.applies_from, in_use, today)
            row.version += 1
        row.title = item.title[:300]
        row.meaning = item.meaning
        row.law = item.law
        row.article = item.citations[0][:200]
        row.articles = list(item.citations)
        row.applies_from = item.applies_from
        row.date_note = item.date_note[:300]
        row.owner_role = row.owner_role or item.owner_role
        row.voluntary = item.voluntary
        row.active = True
        row.rules_version = outcome.rules_version
        row.updated_by = user
        row.save()
    for key, row in existing.items():
        if key not in wanted and row.active:
            row.active = False
            row.version += 1
            row.updated_by = user
            row.save(update_fields=["active", "version", "updated_by", "updated_at"])
            changes["removed"].append(key)
    return changes


# ------------------------------------------------------------------ a new rules version


@dataclass
class RerunOutcome:
    initiative_id: int
    title: str
    from_version: str
    to_version: str
    old_class: str
    new_class: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    dates: list[dict[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # question ids now unanswered (or answers no longer valid)

    @property
    def changed(self) -> bool:
        return bool(self.old_class != self.new_class or self.added or self.removed or self.dates or self.missing)

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.from_version,
            "to": self.to_version,
            "at": timezone.now().isoformat(),
            "old_class": self.old_class,
            "new_class": self.new_class,
            "added": self.added,
            "removed": self.removed,
            "dates": self.dates,
            "missing": self.missing,
        }


def rerun_triages(actor: Actor = "rules", *, only: Iterable[int] | None = None) -> list[RerunOutcome]:
    """Walk every stored triage made under an older rules version again with its stored answers."""
    rule_set = rules.current("sv")
    queryset = Triage.objects.exclude(rules_version=rule_set.version).select_related("initiative")
    if only is not None:
        queryset = queryset.filter(initiative_id__in=list(only))
    return [rerun_triage(actor, triage.pk, rule_set) for triage in queryset.order_by("pk")]


@transaction.atomic
def rerun_triage(actor: Actor, triage_id: int, rule_set: rules.Rules | None = None) -> RerunOutcome:
    rule_set = rule_set or rules.current("sv")
    triage = (
        Triage.objects.select_for_update(of=("self",)).select_related("initiative__lead_organisation").get(pk=triage_id)
    )
    initiative = triage.initiative
    done = engine.walk(rule_set, triage.answer_map(), context_labels(rule_set, initiative))
    outcome = RerunOutcome(
        initiative.pk, initiative.title, triage.rules_version, rule_set.version, initiative.risk_class, ""
    )
    old_dates = dict(Obligation.objects.filter(initiative=initiative, active=True).values_list("key", "applies_from"))
    kept = [a for a in triage.answers if a["question"] in done.answers]
    if done.complete:
        result = engine.result(done)
        outcome.new_class = result.risk_class
        changes = _sync_obligations(actor, initiative, result)
        outcome.added, outcome.removed = changes["added"], changes["removed"]
        outcome.dates = [
            {"key": key, "from": old_dates[key].isoformat(), "to": _date_of(result, key)}
            for key in changes["dates"]
            if key in old_dates
        ]
        stored = result.as_dict()
        triage.conclusion = result.conclusion
        triage.needs_review = False
    else:
        assert done.pending is not None
        outcome.new_class = UNCLEAR
        outcome.missing = [*done.invalid, done.pending.id] if done.pending.id not in done.invalid else done.invalid
        stored = {
            "rules_version": rule_set.version,
            "conclusion": "",
            "title": _("Svar saknas efter ny regelversion"),
            "risk_class": UNCLEAR,
            "ai_system": "ja" if engine.AI_SYSTEM_YES in done.labels else "oklart",
            "roles": [],
            "annex": [],
            "exemptions": [],
            "open_question": done.pending.id,
            "find_out": done.pending.find_out,
        }
        triage.conclusion = ""
        triage.needs_review = True
    dropped = [a["question"] for a in triage.answers if a["question"] not in done.answers]
    triage.answers = kept
    triage.rules_version = rule_set.version
    triage.rerun = outcome.as_dict() | {"dropped": dropped}
    triage.version += 1
    triage.save()
    initiative_services.record_ai_act_triage(
        actor,
        initiative,
        outcome.new_class,
        stored,
        note=_("Riskklass omprövad enligt regelversion %(version)s") % {"version": rule_set.version},
    )
    record(actor, "triage_rerun", initiative, organisation=initiative.lead_organisation, after=triage.rerun)
    return outcome


def _date_of(result: engine.Result, key: str) -> str:
    found = next((o for o in result.obligations if o.key == key), None)
    return found.applies_from.isoformat() if found else ""


# ------------------------------------------------------------------ one checklist item

OBLIGATION_FIELDS = ("owner", "owner_role", "status", "not_applicable_reason", "evidence_url", "evidence_document",
                     "deadline")  # fmt: skip


@transaction.atomic
def update_obligation(
    actor: Actor, obligation: Obligation, data: Mapping[str, Any], expected_version: int
) -> Obligation:
    """Change owner, status, deadline or evidence. Not applicable needs a reason; evidence is a web link or a
    document in a library the organisation can read; the owner is an active member of the organisation."""
    current = Obligation.objects.select_for_update(of=("self",)).select_related("initiative").get(pk=obligation.pk)
    initiative = current.initiative
    _require_triage(actor, initiative)
    if int(expected_version) != current.version:
        raise StaleObligation(current, int(expected_version))
    unknown = set(data) - set(OBLIGATION_FIELDS)
    if unknown:
        raise ValueError(f"Okända fält för skyldighet: {', '.join(sorted(unknown))}")
    before = _obligation_state(current)
    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        _apply_obligation_field(current, name, value, errors)
    if current.status == Obligation.Status.NOT_APPLICABLE and not current.not_applicable_reason.strip():
        errors.setdefault("not_applicable_reason", []).append(_("Skriv varför skyldigheten inte är tillämplig."))
    if errors:
        raise ValidationError(errors)
    after = _obligation_state(current)
    if before == after:
        return current
    current.version += 1
    current.updated_by = None if isinstance(actor, str) else actor
    current.save()
    changed_before = {k: v for k, v in before.items() if after.get(k) != v}
    changed_after = {k: after[k] for k in changed_before}
    record(
        actor,
        "obligation_updated",
        initiative,
        organisation=initiative.lead_organisation,
        before=changed_before | {"obligation": current.key},
        after=changed_after | {"obligation": current.key, "version": current.version},
    )
    return current


def _obligation_state(obligation: Obligation) -> dict[str, Any]:
    return {
        "owner": obligation.owner_id,
        "owner_role": obligation.owner_role,
        "status": obligation.status,
        "not_applicable_reason": obligation.not_applicable_reason,
        "evidence_url": obligation.evidence_url,
        "evidence_document": obligation.evidence_document_id,
        "deadline": obligation.deadline.isoformat() if obligation.deadline else None,
    }


def _apply_obligation_field(obligation: Obligation, name: str, value: Any, errors: dict[str, list[str]]) -> None:
    initiative = obligation.initiative
    if isinstance(value, str) and "\x00" in value:
        errors[name] = [_("Texten innehåller otillåtna tecken.")]
        return
    if name == "owner":
        obligation.owner = _owner(initiative, value, errors)
    elif name == "status":
        if value not in Obligation.Status.values:
            errors[name] = [_("Okänd status: %(value)s") % {"value": value}]
        else:
            obligation.status = value
    elif name == "evidence_url":
        text = str(value or "").strip()
        if text and not text.startswith(("https://", "http://")):
            errors[name] = [_("Länken ska börja med https:// eller http://.")]
        elif len(text) > 500:
            errors[name] = [_("Länken får vara högst 500 tecken.")]
        else:
            obligation.evidence_url = text
    elif name == "evidence_document":
        obligation.evidence_document = _document(initiative, value, errors)
    elif name == "deadline":
        obligation.deadline = _date(value, errors)
    elif name == "owner_role":
        obligation.owner_role = str(value or "").strip()[:150]
    else:
        text = str(value or "").strip()
        if len(text) > 2000:
            errors[name] = [_("Texten får vara högst 2000 tecken.")]
        obligation.not_applicable_reason = text[:2000]


def _owner(initiative: Initiative, value: Any, errors: dict[str, list[str]]) -> Any:
    if value in (None, ""):
        return None
    pk = getattr(value, "pk", value)
    person = get_user_model().objects.filter(pk=pk, is_active=True).first() if str(pk).isdigit() else None
    if person is None or initiative.lead_organisation_id not in permissions.member_organisation_ids(person):
        errors["owner"] = [_("Den ansvariga måste vara medlem i den ansvariga organisationen.")]
        return None
    return person


def _document(initiative: Initiative, value: Any, errors: dict[str, list[str]]) -> Any:
    from kraft.knowledge.models import Document, Library

    if value in (None, ""):
        return None
    pk = getattr(value, "pk", value)
    document = Document.objects.select_related("library").filter(pk=pk).first() if str(pk).isdigit() else None
    allowed = document is not None and (
        document.library.organisation_id == initiative.lead_organisation_id
        or (document.library.organisation_id is None and document.library.visibility == Library.Visibility.PUBLIC)
    )
    if not allowed:
        errors["evidence_document"] = [
            _("Välj ett dokument i organisationens eget bibliotek eller i ett nationellt bibliotek.")
        ]
        return None
    return document


def _date(value: Any, errors: dict[str, list[str]]) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors["deadline"] = [_("Ange datumet som ÅÅÅÅ-MM-DD.")]
        return None
