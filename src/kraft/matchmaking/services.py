"""The only write path of matchmaking: people marking a suggestion useful or not useful (audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kraft.audit.services import record
from kraft.matchmaking.models import SuggestionFeedback

Kind = SuggestionFeedback.Kind


def _visible_source(user: Any, kind: str, pk: int) -> Any:
    """The page the suggestion was shown on must be one the person may see."""
    if kind == Kind.NEED:
        from kraft.needs.selectors import get_need_for_user

        return get_need_for_user(user, pk)
    if kind == Kind.INITIATIVE:
        from kraft.initiatives.selectors import get_initiative_for_user

        return get_initiative_for_user(user, pk)
    raise ValidationError({"source_kind": [_("Okänd sorts sida.")]})


@transaction.atomic
def mark_suggestion(
    user: Any,
    *,
    source_kind: str,
    source_id: int,
    target_kind: str,
    target_id: int,
    useful: bool,
    rank: int | None = None,
) -> SuggestionFeedback:
    """Store (or change) one person's verdict on one suggestion on one page."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Logga in för att bedöma förslag."))
    if target_kind not in Kind.values:
        raise ValidationError({"target_kind": [_("Okänd sorts förslag.")]})
    source = _visible_source(user, source_kind, source_id)
    before = SuggestionFeedback.objects.filter(
        user=user, source_kind=source_kind, source_id=source_id, target_kind=target_kind, target_id=target_id
    ).first()
    feedback, _created = SuggestionFeedback.objects.update_or_create(
        user=user,
        source_kind=source_kind,
        source_id=source_id,
        target_kind=target_kind,
        target_id=target_id,
        defaults={"useful": bool(useful), "rank": rank},
    )
    record(
        user,
        "suggestion_marked",
        source,
        before={"useful": before.useful} if before else None,
        after={"target": f"{target_kind}:{target_id}", "useful": bool(useful), "rank": rank},
    )
    return feedback
