"""What people marked on a page changes what that page suggests: the suggestions they found useful come first,
those they did not sink below every other match (and drop out of the five shown when enough others match).

A page's verdict on a suggestion is the number of people who marked it useful there minus those who marked it not
useful (each person counts once, and may change their mind). Only the count is ever shown, never who marked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from kraft.matchmaking.models import SuggestionFeedback

T = TypeVar("T")

LIFTED, PLAIN, SUNK = 0, 1, 2


def on_page(user: Any, source_kind: str, source_id: int | None) -> tuple[dict[str, int], dict[str, bool]]:
    """One read of the page's verdicts: ``"kind:id"`` of each suggestion marked there → useful marks minus not-useful
    marks, and the person's own verdicts (shown as pressed buttons)."""
    net: dict[str, int] = defaultdict(int)
    own: dict[str, bool] = {}
    if source_id is None:
        return {}, own
    me = user.pk if getattr(user, "is_authenticated", False) else None
    rows = SuggestionFeedback.objects.filter(source_kind=source_kind, source_id=source_id)
    for kind, pk, useful, person in rows.values_list("target_kind", "target_id", "useful", "user_id"):
        net[f"{kind}:{pk}"] += 1 if useful else -1
        if person == me:
            own[f"{kind}:{pk}"] = useful
    return dict(net), own


def standing(verdicts: dict[str, int], key: str) -> int:
    net = verdicts.get(key, 0)
    return LIFTED if net > 0 else SUNK if net < 0 else PLAIN


def ordered(items: Sequence[T], verdicts: dict[str, int], key: Callable[[T], str]) -> list[T]:
    """``items`` (best match first) with the lifted ones first and the sunk ones last, each group in its order."""
    return sorted(items, key=lambda item: standing(verdicts, key(item)))
