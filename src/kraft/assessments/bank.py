"""The question bank: a versioned data file (``data/banks/<version>.json``) read through a schema.

The schema is the pydantic models below; ``bank_schema()`` gives it as JSON Schema (``docs/maturity.md`` shows it).
Loading refuses a file that breaks it — a dimension without five described levels, fewer than four or more than
eight questions, a question whose answer options do not cover levels 1–5, or duplicate ids — so that a broken bank
never reaches a respondent. Every response stores the version it was answered with; results are computed with
that version's bank, so an old assessment keeps its meaning when the bank changes.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from django.utils.translation import get_language
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

BANKS = Path(__file__).resolve().parent / "data" / "banks"
LEVELS = (1, 2, 3, 4, 5)
MIN_QUESTIONS, MAX_QUESTIONS = 4, 8


class Text(BaseModel):
    """A text in Swedish (the source) and English."""

    model_config = ConfigDict(extra="forbid")
    sv: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __str__(self) -> str:
        return self.en if (get_language() or "sv").startswith("en") else self.sv


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    url: str = Field(pattern=r"^https://")


class LevelName(BaseModel):
    model_config = ConfigDict(extra="forbid")
    level: int = Field(ge=1, le=5)
    name: Text


class RespondentRole(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z_]+$")
    name: Text


def _covers_levels(value: dict[str, Text], what: str) -> dict[str, Text]:
    if sorted(value) != [str(level) for level in LEVELS]:
        raise ValueError(f"{what} ska ha exakt nivåerna 1–5, har {sorted(value)}")
    return value


class Question(BaseModel):
    """One question; each answer option describes an observable fact at one level."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z_]+\.[a-z_]+$")
    text: Text
    options: dict[str, Text]
    evidence_hint: Text | None = None

    @field_validator("options")
    @classmethod
    def _five_options(cls, value: dict[str, Text]) -> dict[str, Text]:
        return _covers_levels(value, "Svarsalternativen")


class Dimension(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z_]+$")
    name: Text
    description: Text
    levels: dict[str, Text]
    questions: list[Question] = Field(min_length=MIN_QUESTIONS, max_length=MAX_QUESTIONS)

    @field_validator("levels")
    @classmethod
    def _five_levels(cls, value: dict[str, Text]) -> dict[str, Text]:
        return _covers_levels(value, "Nivåbeskrivningarna")

    @model_validator(mode="after")
    def _questions_belong(self) -> Dimension:
        for question in self.questions:
            if not question.id.startswith(f"{self.id}."):
                raise ValueError(f"Frågan {question.id} hör inte till dimensionen {self.id}")
        return self

    def level_text(self, level: int) -> Text:
        return self.levels[str(level)]


class Bank(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    version: str = Field(pattern=r"^\d{4}\.\d+$")
    title: Text
    sources: list[Source] = []
    levels: list[LevelName]
    respondent_roles: list[RespondentRole] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Bank:
        if [level.level for level in self.levels] != list(LEVELS):
            raise ValueError("Skalan ska ha nivåerna 1–5 i ordning")
        ids = [d.id for d in self.dimensions] + [q.id for d in self.dimensions for q in d.questions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"Id förekommer flera gånger: {', '.join(duplicates)}")
        roles = [r.id for r in self.respondent_roles]
        if len(roles) != len(set(roles)):
            raise ValueError("Respondentrollerna har dubbletter")
        return self

    # -------------------------------------------------------------- lookups
    def dimension(self, dimension_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)

    def questions(self) -> list[Question]:
        return [q for d in self.dimensions for q in d.questions]

    def question(self, question_id: str) -> Question:
        for question in self.questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def level_name(self, level: int) -> Text:
        return self.levels[level - 1].name

    def role_name(self, role_id: str) -> str:
        for role in self.respondent_roles:
            if role.id == role_id:
                return str(role.name)
        return role_id

    def role_choices(self) -> list[tuple[str, str]]:
        return [(role.id, str(role.name)) for role in self.respondent_roles]


def versions() -> list[str]:
    """Versions in the repository, oldest first."""
    return sorted((path.stem for path in BANKS.glob("*.json")), key=lambda v: tuple(int(p) for p in v.split(".")))


def current_version() -> str:
    return versions()[-1]


@functools.cache
def load(version: str | None = None) -> Bank:
    """The bank of ``version`` (the newest when None), validated. Cached per process: the files never change at
    run time (``load.cache_clear()`` in tests that write their own)."""
    version = version or current_version()
    path = BANKS / f"{version}.json"
    if not path.is_file() or path.parent != BANKS:
        raise KeyError(version)
    bank = Bank.model_validate_json(path.read_text(encoding="utf-8"))
    if bank.version != version:
        raise ValueError(f"{path.name} anger version {bank.version}")
    return bank


def bank_schema() -> dict[str, Any]:
    return Bank.model_json_schema()
