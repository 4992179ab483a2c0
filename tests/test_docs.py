"""The documentation keeps up: every setting and command is in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coltiva.cli import _load_commands

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def settings_variables() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "src" / "coltiva").rglob("*.py"):
        text = path.read_text()
        found |= set(re.findall(r"""env(?:_bool|_int|_list)?\(\s*["']([A-Z0-9_]+)["']""", text))
        found |= {m.removeprefix("COLTIVA_") for m in re.findall(r"\bCOLTIVA_[A-Z0-9_]+", text)}
    return found


@pytest.mark.parametrize("name", sorted(settings_variables()))
def test_every_setting_is_documented_in_the_readme(name: str) -> None:
    assert f"`COLTIVA_{name}`" in README


@pytest.mark.django_db
def test_every_command_is_documented_in_the_readme() -> None:
    missing = [name for name in _load_commands() if f"coltiva {name}" not in README]
    assert not missing
