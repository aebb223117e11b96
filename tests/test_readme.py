"""The README is the operator's manual: every KRAFT_* setting the code reads must be documented there."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _settings_read_by_the_code() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "src" / "kraft").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= {f"KRAFT_{m}" for m in re.findall(r'\benv(?:_bool|_int|_list)?\(\s*"([A-Z0-9_]+)"', text)}
        names |= set(re.findall(r'"(KRAFT_[A-Z0-9_]+)"', text))
    return names


def test_every_kraft_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(name for name in _settings_read_by_the_code() if f"`{name}`" not in readme)
    assert missing == []


def test_quick_start_is_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick_start, re.S)
    assert commands == ["uv run kraft demo", "uv run pytest"]
