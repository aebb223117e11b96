"""What every answer-generation backend offers: capability flags, a system check and ``generate``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.checks import CheckMessage


class LLMError(Exception):
    """The model endpoint failed or answered something unusable; callers fall back to extractive answers."""


@dataclass(frozen=True)
class SourcePassage:
    """A retrieved passage offered to the model under the marker ``[number]``."""

    number: int
    label: str  # e.g. "Tryckfrihetsförordning (1949:105) 2 kap. 15 §"
    text: str


@dataclass(frozen=True)
class Generation:
    text: str
    model: str = ""


class BaseLLMBackend:
    """Subclasses set the capability flags and implement :meth:`generate`.

    ``generates`` is False for backends that produce no text of their own (the extractive default): the answer
    service then quotes sentences itself. ``approved_for_personal_data`` says whether passages from libraries that
    hold personal data may be sent to this backend.
    """

    generates: ClassVar[bool] = False
    supports_streaming: ClassVar[bool] = False

    def __init__(self, alias: str, options: Mapping[str, Any] | None = None) -> None:
        self.alias = alias
        self.options: dict[str, Any] = dict(options or {})
        self.approved_for_personal_data = bool(self.options.get("approved_for_personal_data", False))

    @property
    def name(self) -> str:
        return f"{self.alias} ({type(self).__name__})"

    def check(self) -> list[CheckMessage]:
        """Configuration problems, reported by Django's system checks. Must not touch the network."""
        return []

    def generate(self, question: str, sources: Sequence[SourcePassage], *, language: str = "sv") -> Generation:
        raise NotImplementedError(f"{type(self).__name__} genererar ingen text.")
