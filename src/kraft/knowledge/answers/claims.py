"""Claims: the sentences an answer consists of, each with the sources it cites and the words it quotes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

QUOTED = "quoted"  # the quoted words occur in the cited passage
EXTRACTED = "extracted"  # the claim is itself a verbatim sentence of the cited passage


@dataclass
class Claim:
    text: str
    citations: list[int] = field(default_factory=list)  # source numbers, 1-based
    quote: str = ""  # verbatim text that occurs in every cited passage
    status: str = EXTRACTED

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            text=str(data.get("text", "")),
            citations=[int(n) for n in data.get("citations", [])],
            quote=str(data.get("quote", "")),
            status=str(data.get("status", EXTRACTED)),
        )
