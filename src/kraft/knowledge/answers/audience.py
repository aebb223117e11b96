"""How much each statute speaks to the public sector Kraft serves, read from its own paragraphs.

Kraft's askers work in or with kommuner, regioner and the bodies around them, and the laws that answer them say so:
the förvaltningslag, the kommunallag and the socialtjänstlag name a kommun, a region, a myndighet or a nämnd in 45 to
73 % of their paragraphs; the köplag, the försäkringsavtalslag and the inkomstskattelag in a few in a hundred.
Where the broad search's votes are close, that tips the balance towards the law that binds the asker. A statute's
vote is multiplied by ``FLOOR`` plus the rest in proportion to the share of its paragraphs that name a public body,
in full from ``FULL_SHARE`` on; a private-law statute keeps at least half its vote and still wins where the question
is about it (*turordning* still finds the anställningsskyddslag). ``FULL_SHARE`` is low because public law names
the bodies it binds less often than one would think (the tryckfrihetsförordning in 18 % of its paragraphs, the
kamerabevakningslag in 22 %): from 0.3 on, those gave way to EU law, which is not weighed.

The words in ``PUBLIC_BODY`` are the general names of Swedish public bodies, not words of any question; the
effect is measured on both legal dev sets (README, "Legal answers"). Only the Swedish text of public statutes is
read (EU law and guidance keep their votes), kept per process until the statutes change, like ``topicality``.
"""

from __future__ import annotations

from django.db.models import Count, Q

from kraft.knowledge.answers.topicality import public_statutes, statutes_version
from kraft.knowledge.models import Passage

# A word that begins with the name of a public body: kommun(en/al/fullmäktige …, not kommunikation), region,
# myndighet, nämnd, landsting. Written for both SQLite (Python's re) and PostgreSQL (its regular expressions).
PUBLIC_BODY = r"(^|[^a-zåäöéü])(kommun(?!ik)|region|myndighet|nämnd|landsting)"
FLOOR = 0.5  # the factor of a statute none of whose paragraphs names a public body
FULL_SHARE = 0.2  # from this share of its paragraphs on, a statute's vote counts in full

_cache: dict[str, object] = {}


def statute_factors() -> dict[int, float]:
    """Public statute's pk → the factor on its vote (documents not listed keep theirs)."""
    statutes = public_statutes()
    version = statutes_version(statutes)
    if _cache.get("version") != version:
        rows = (
            Passage.objects.filter(document__in=statutes, language="sv")
            .values("document_id")
            .annotate(paragraphs=Count("pk"), public=Count("pk", filter=Q(text__iregex=PUBLIC_BODY)))
        )
        _cache["factors"] = {
            row["document_id"]: FLOOR + (1 - FLOOR) * min(1.0, row["public"] / row["paragraphs"] / FULL_SHARE)
            for row in rows
            if row["paragraphs"]
        }
        _cache["version"] = version
    factors: dict[int, float] = _cache["factors"]  # type: ignore[assignment]
    return factors


def weighed(votes: dict[int, float]) -> dict[int, float]:
    """The votes, each statute's times its factor."""
    factors = statute_factors()
    return {pk: value * factors.get(pk, 1.0) for pk, value in votes.items()}
