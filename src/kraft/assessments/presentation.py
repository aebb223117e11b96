"""One assessment's results as the page, the API and the exports show them (one place, the same figures)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kraft.assessments import bank as banks
from kraft.assessments import charts, evidence, results, selectors
from kraft.assessments.models import Assessment


@dataclass
class Row:
    dimension: banks.Dimension
    result: results.DimensionResult
    change: float | None
    previous: float | None
    evidence: evidence.Evidence | None
    disagreement: str
    roles: list[tuple[str, float]]

    @property
    def name(self) -> str:
        return str(self.dimension.name)

    @property
    def level_name(self) -> str:
        return str(banks.load().level_name(self.result.level)) if self.result.level else "–"

    @property
    def level_text(self) -> str:
        return str(self.dimension.level_text(self.result.level)) if self.result.level else ""


def rows(assessment: Assessment, user: Any, *, with_evidence: bool = True) -> list[Row]:
    bank = banks.load(assessment.bank_version)
    current = {r.dimension: r for r in results.stored(assessment)}
    previous_assessment = selectors.previous_closed(assessment)
    previous = {r.dimension: r for r in results.stored(previous_assessment)} if previous_assessment else {}
    changes = results.change(list(current.values()), list(previous.values()) or None)
    found = evidence.collect(user, assessment.organisation) if with_evidence else {}
    out = []
    for dimension in bank.dimensions:
        result = current[dimension.id]
        proof = found.get(dimension.id)
        out.append(
            Row(
                dimension=dimension,
                result=result,
                change=changes.get(dimension.id),
                previous=previous[dimension.id].score if dimension.id in previous else None,
                evidence=proof,
                disagreement=proof.disagreement(result.level) if proof else "",
                roles=[(bank.role_name(role), score) for role, score in result.by_role.items()],
            )
        )
    return out


def attached_evidence(assessment: Assessment) -> dict[str, list[dict[str, str]]]:
    """Links and documents respondents gave as evidence, per dimension (for the organisation's members only)."""
    from django.urls import reverse

    from kraft.assessments.models import Invitation, Response

    bank = banks.load(assessment.bank_version)
    found: dict[str, list[dict[str, str]]] = {}
    responses = (
        Response.objects.filter(invitation__assessment=assessment, invitation__status=Invitation.Status.SUBMITTED)
        .exclude(evidence_url="", evidence_document__isnull=True)
        .select_related("evidence_document")
        .order_by("question_id", "id")
    )
    for response in responses:
        try:
            question = bank.question(response.question_id)
        except KeyError:
            continue
        dimension = response.question_id.split(".", 1)[0]
        if response.evidence_url:
            found.setdefault(dimension, []).append(
                {"question": str(question.text), "url": response.evidence_url, "title": response.evidence_url}
            )
        if response.evidence_document is not None:
            found.setdefault(dimension, []).append(
                {
                    "question": str(question.text),
                    "url": reverse("knowledge:document", args=[response.evidence_document_id]),
                    "title": response.evidence_document.title,
                }
            )
    return found


def radar(assessment: Assessment, table_rows: list[Row]) -> SafeString:
    axes = [
        charts.Axis(row.name, row.result.score, row.result.lowest, row.result.highest, row.previous)
        for row in table_rows
    ]
    parts = [
        f"{row.name}: {'–' if row.result.score is None else number_format(row.result.score, 1)}" for row in table_rows
    ]
    return charts.radar_chart(
        axes,
        title=_("Mognad per dimension, %(org)s") % {"org": assessment.organisation.name},
        description=_("Poäng 1–5 per dimension (samma siffror står i tabellen nedanför): %(values)s")
        % {"values": "; ".join(parts)},
        chart_id=f"radar-{assessment.pk}",
    )


def as_records(assessment: Assessment, table_rows: list[Row]) -> list[dict[str, Any]]:
    """Flat rows for the API and the CSV/XLSX export."""
    return [
        {
            "dimension": row.dimension.id,
            "dimension_name": row.name,
            "score": row.result.score,
            "level": row.result.level,
            "level_name": row.level_name,
            "spread": row.result.spread,
            "lowest": row.result.lowest,
            "highest": row.result.highest,
            "respondents": row.result.respondents,
            "answered": row.result.answered,
            "dont_know": row.result.dont_know,
            "with_evidence": row.result.with_evidence,
            "confidence": row.result.confidence,
            "change_since_previous": row.change,
            "evidence_indication": row.evidence.indication if row.evidence else None,
            "disagreement": row.disagreement,
            "by_role": dict(row.roles),
        }
        for row in table_rows
    ]
