"""What a need's version holds, and readable names of its fields (history pages, stale-edit messages)."""

from __future__ import annotations

from typing import Any

from kraft.audit.services import _jsonable
from kraft.needs.models import Need

CONTENT_FIELDS = (
    "title",
    "problem",
    "desired_outcome",
    "target_group",
    "welfare_area",
    "involves_personal_data",
    "involves_secrecy",
    "legal_basis",
    "constraints",
    "urgency",
    "visibility",
    "contact_role",
)


def field_values(need: Need) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in CONTENT_FIELDS:
        field = Need._meta.get_field(name)
        values[name] = _jsonable(field.value_from_object(need))  # type: ignore[union-attr]
    return values


def snapshot(need: Need) -> dict[str, Any]:
    data = field_values(need)
    data["status"] = need.status
    data["organisation"] = need.organisation_id
    data["initiatives"] = sorted(need.initiatives.values_list("pk", flat=True)) if need.pk else []
    data["solved_by"] = need.solved_by_id
    return data


def field_label(name: str) -> str:
    try:
        return str(Need._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except Exception:
        return name
