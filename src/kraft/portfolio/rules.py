"""The scoring rules as data (``data/scoring-<version>.json``), read through a schema. See ``docs/portfolio.md``."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

DATA = Path(__file__).resolve().parent / "data"
CRITERIA = ("value", "feasibility", "risk", "reuse")


class Weights(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: int = Field(ge=0, le=100)
    feasibility: int = Field(ge=0, le=100)
    risk: int = Field(ge=0, le=100)
    reuse: int = Field(ge=0, le=100)

    @model_validator(mode="after")
    def _hundred(self) -> Weights:
        if sum(self.as_dict().values()) != 100:
            raise ValueError("weights must add up to 100")
        return self

    def as_dict(self) -> dict[str, int]:
        return {"value": self.value, "feasibility": self.feasibility, "risk": self.risk, "reuse": self.reuse}


class ValueRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    annual_value: float
    roi: float
    people: float
    roi_full_at: float = Field(gt=0)


class Rules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    default_weights: Weights
    value: ValueRule
    uncertainty: dict[str, tuple[float, float]]
    stage_feasibility: dict[str, int]
    data_described: int
    data_not_described: int
    solution_elsewhere: int
    no_solution_elsewhere: int
    maturity_dimensions: dict[str, str]
    risk_class: dict[str, int]
    personal_data: int
    sensitive_data: int
    open_obligation: int
    reuse_per_signal: int
    sensitivity_step: int = Field(gt=0, le=50)


@functools.cache
def load() -> Rules:
    path = sorted(DATA.glob("scoring-*.json"))[-1]
    return Rules.model_validate_json(path.read_text(encoding="utf-8"))
