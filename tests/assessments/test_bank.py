"""The question bank is data with a schema: the file in the repository must pass it, and broken banks fail."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from kraft.assessments import bank as banks
from kraft.assessments import next_steps


def test_every_bank_in_the_repository_passes_the_schema() -> None:
    assert banks.versions()
    for version in banks.versions():
        bank = banks.load(version)
        assert bank.version == version
        assert len(bank.dimensions) == 6
        for dimension in bank.dimensions:
            assert sorted(dimension.levels) == ["1", "2", "3", "4", "5"]
            assert all(text.sv and text.en for text in dimension.levels.values())
            assert 4 <= len(dimension.questions) <= 8
            for question in dimension.questions:
                assert sorted(question.options) == ["1", "2", "3", "4", "5"]


def test_the_six_dimensions_cover_the_issue_including_ai_act_readiness() -> None:
    bank = banks.load()
    names = [d.name.sv for d in bank.dimensions]
    assert names == [
        "Strategi och ledning",
        "Styrning, juridik och etik",
        "Data",
        "Teknik och plattformar",
        "Kompetens och kultur",
        "Nyttorealisering och uppföljning",
    ]
    governance = bank.dimension("styrning")
    assert any("AI-förordningen" in q.text.sv for q in governance.questions)


def _raw() -> dict:
    return json.loads((banks.BANKS / f"{banks.current_version()}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["dimensions"][0]["levels"].pop("5"),
        lambda d: d["dimensions"][0]["questions"].__delitem__(slice(1, None)),
        lambda d: d["dimensions"][1]["questions"][0]["options"].pop("3"),
        lambda d: d["dimensions"][2]["questions"].append(dict(d["dimensions"][2]["questions"][0])),
        lambda d: d["dimensions"][3]["questions"][0].update(id="data.fel_dimension"),
        lambda d: d["dimensions"][0]["levels"]["2"].pop("en"),
    ],
    ids=["missing level", "too few questions", "missing option", "duplicate id", "foreign question", "no english"],
)
def test_a_broken_bank_is_refused(breakage) -> None:
    data = _raw()
    breakage(data)
    with pytest.raises(ValidationError):
        banks.Bank.model_validate(data)


def test_the_next_step_rules_refer_to_dimensions_and_levels_of_the_bank() -> None:
    bank = banks.load()
    rules = next_steps.load(bank.version).rules
    dimension_ids = {d.id for d in bank.dimensions}
    assert {r.dimension for r in rules} == dimension_ids
    for rule in rules:
        assert set(rule.levels) <= set(banks.LEVELS)
        assert rule.id.startswith(rule.dimension + ".")
    covered = {(r.dimension, level) for r in rules if r.when == "any" for level in r.levels}
    for dimension in dimension_ids:  # every dimension has a step for the levels where most organisations are
        assert {(dimension, 1), (dimension, 2), (dimension, 3)} <= covered
