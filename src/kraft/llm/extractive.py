"""The default: no language model. Answers are the retrieved sentences themselves, quoted verbatim."""

from __future__ import annotations

from typing import ClassVar

from kraft.llm.base import BaseLLMBackend


class ExtractiveBackend(BaseLLMBackend):
    generates: ClassVar[bool] = False

    def __init__(self, alias: str = "default", options: dict[str, object] | None = None) -> None:
        super().__init__(alias, options)
        # Nothing leaves the installation, so any library may be answered from.
        self.approved_for_personal_data = True
