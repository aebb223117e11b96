"""/api/v1/initiatives/{id}/triage and /api/v1/triage/rules: the stored result, saving a triage, checklist items.

The same selectors, services and permission functions as the pages. The result and the obligations (article,
deadline, status) of a visible initiative are public; answers, rationales, owners and evidence only for members
of the lead organisation and staff. Saves carry the version they started from; a stale one gets 409.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from kraft.core.api import AUTH, OPTIONAL_AUTH, ErrorOut, user_of
from kraft.initiatives.models import Initiative
from kraft.triage import rules, selectors, services
from kraft.triage.models import Obligation

router = Router(tags=["AI-förordningens triage"])


class ObligationOut(Schema):
    id: int
    key: str
    title: str
    law: str
    article: str
    articles: list[str]
    applies_from: date
    deadline: date | None
    status: str
    voluntary: bool
    active: bool
    owner_role: str
    owner: str | None = Field(None, description="Bara för medlemmar i den ansvariga organisationen")
    not_applicable_reason: str | None = None
    evidence_url: str | None = None
    evidence_document: int | None = None
    version: int


class TriageAnswerOut(Schema):
    question: str
    answer: str
    rationale: str = ""


class TriageOut(Schema):
    initiative: int
    risk_class: str
    confirmed: bool = Field(..., description="false: riskklassen är en uppskattning (t.ex. från import)")
    rules_version: str | None
    current_rules_version: str
    conclusion: str | None
    title: str | None
    roles: list[str]
    ai_system: str | None
    annex: list[str]
    exemptions: list[str]
    open_question: str | None
    needs_review: bool
    version: int = Field(..., description="Triagens version (0 = ingen sparad); skicka den när du sparar")
    obligations: list[ObligationOut]
    answers: list[TriageAnswerOut] | None = Field(None, description="Bara för medlemmar i den ansvariga organisationen")


class TriageAnswerIn(Schema):
    question: str = Field(..., max_length=60)
    answer: str = Field(..., max_length=60)
    rationale: str = Field("", max_length=services.RATIONALE_MAX)


class TriageIn(Schema):
    answers: list[TriageAnswerIn] = Field(..., max_length=100, description="Svaren i ordning, bara de på vägen")
    version: int = Field(..., ge=0, description="Versionen du utgick från (0 om ingen triage är sparad)")
    rules_version: str | None = Field(None, max_length=20, description="Regelversionen du svarade efter")


class ObligationIn(Schema):
    version: int
    status: str | None = None
    owner: int | None = None
    owner_role: str | None = Field(None, max_length=150)
    deadline: date | None = None
    not_applicable_reason: str | None = Field(None, max_length=2000)
    evidence_url: str | None = Field(None, max_length=500)
    evidence_document: int | None = None


class TriageStaleOut(Schema):
    detail: str
    code: str
    current_version: int


class RulesOut(Schema):
    version: str
    published: date
    title: str
    legal_status: str
    attribution: str
    versions: list[str]
    questions: int
    conclusions: list[dict[str, str]]


def obligation_out(obligation: Obligation, details: bool) -> dict[str, Any]:
    data = {
        "id": obligation.pk,
        "key": obligation.key,
        "title": obligation.title,
        "law": obligation.law,
        "article": obligation.article,
        "articles": obligation.articles or [obligation.article],
        "applies_from": obligation.applies_from,
        "deadline": obligation.deadline,
        "status": obligation.status,
        "voluntary": obligation.voluntary,
        "active": obligation.active,
        "owner_role": obligation.owner_role,
        "version": obligation.version,
    }
    if details:
        owner = obligation.owner
        data |= {
            "owner": (owner.get_full_name() or owner.get_username()) if owner else None,
            "not_applicable_reason": obligation.not_applicable_reason,
            "evidence_url": obligation.evidence_url,
            "evidence_document": obligation.evidence_document_id,
        }
    return data


def triage_out(user: Any, initiative: Initiative) -> dict[str, Any]:
    triage = selectors.triage_of(initiative)
    details = services.can_view_details(user, initiative)
    result = initiative.ai_act_triage or {}
    return {
        "initiative": initiative.pk,
        "risk_class": initiative.risk_class,
        "confirmed": initiative.risk_class_confirmed,
        "rules_version": result.get("rules_version"),
        "current_rules_version": rules.current().version,
        "conclusion": result.get("conclusion") or None,
        "title": result.get("title"),
        "roles": result.get("roles", []),
        "ai_system": result.get("ai_system"),
        "annex": result.get("annex", []),
        "exemptions": result.get("exemptions", []),
        "open_question": result.get("open_question") or None,
        "needs_review": bool(triage and triage.needs_review),
        "version": triage.version if triage else 0,
        "obligations": [obligation_out(o, details) for o in selectors.obligations_of(initiative)],
        "answers": triage.answers if (triage and details) else None,
    }


@router.get(
    "/initiatives/{initiative_id}/triage",
    response={200: TriageOut, 404: ErrorOut},
    auth=OPTIONAL_AUTH,
    summary="Initiativets triage enligt AI-förordningen",
)
def get_triage(request: HttpRequest, initiative_id: int) -> dict[str, Any]:
    """Riskklass, roll, AI-system ja/nej/oklart, bilaga, undantag och regelversion, med skyldigheterna (artikel,
    senast klar, status). Filtrera registret på riskklass med `GET /api/v1/initiatives?risk_class=hog`."""
    initiative = selectors.get_initiative(user_of(request), initiative_id)
    return triage_out(user_of(request), initiative)


@router.post(
    "/initiatives/{initiative_id}/triage",
    response={200: TriageOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: TriageStaleOut},
    auth=AUTH,
    summary="Spara en triage",
)
def save_triage(request: HttpRequest, initiative_id: int, payload: TriageIn) -> Any:
    """Svaren ska höra till sina frågor och ligga på vägen; triagen ska vara klar. En triage som någon annan har
    sparat efter `version` ger 409 och inget ändras."""
    user = user_of(request)
    initiative = selectors.get_initiative(user, initiative_id)
    try:
        services.save_triage(
            user, initiative, [a.dict() for a in payload.answers], payload.version, rules_version=payload.rules_version
        )
    except services.StaleTriage as conflict:
        return 409, {
            "detail": "Någon annan har sparat en nyare triage. Hämta den och gör om din ändring.",
            "code": "stale",
            "current_version": conflict.current_version,
        }
    initiative.refresh_from_db()
    return 200, triage_out(user, initiative)


@router.patch(
    "/initiatives/{initiative_id}/triage/obligations/{obligation_id}",
    response={200: ObligationOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: TriageStaleOut},
    auth=AUTH,
    summary="Ändra en skyldighet (ansvarig, status, datum, underlag)",
)
def update_obligation(request: HttpRequest, initiative_id: int, obligation_id: int, payload: ObligationIn) -> Any:
    user = user_of(request)
    initiative = selectors.get_initiative(user, initiative_id)
    obligation = get_object_or_404(Obligation, pk=obligation_id, initiative=initiative)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    try:
        updated = services.update_obligation(user, obligation, data, version)
    except services.StaleObligation as conflict:
        return 409, {
            "detail": "Skyldigheten har ändrats sedan du hämtade den.",
            "code": "stale",
            "current_version": conflict.current_version,
        }
    return 200, obligation_out(updated, True)


@router.get("/triage/rules", response=RulesOut, auth=OPTIONAL_AUTH, summary="Gällande regelversion")
def current_rules(request: HttpRequest) -> dict[str, Any]:
    rule_set = rules.current()
    return {
        "version": rule_set.version,
        "published": rule_set.published,
        "title": rule_set.title,
        "legal_status": rule_set.legal_status,
        "attribution": rule_set.attribution,
        "versions": list(rules.all_versions()),
        "questions": len(rule_set.questions),
        "conclusions": [
            {"id": c.id, "risk_class": c.risk_class, "title": c.title} for c in rule_set.conclusions.values()
        ],
    }
