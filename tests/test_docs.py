"""The documentation keeps up: every setting and command is in the README."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from cogapp import Cog
from django.core.management import get_commands, load_command_class
from django.core.management.base import BaseCommand

from coltiva.cli import _load_commands

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
CLI_DOC = "docs/cli.md"


def settings_variables() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "src" / "coltiva").rglob("*.py"):
        text = path.read_text()
        found |= set(
            re.findall(r"""env(?:_bool|_int|_list|_choice)?\(\s*["']([A-Z0-9_]+)["']""", text)
        )
        found |= {m.removeprefix("COLTIVA_") for m in re.findall(r"\bCOLTIVA_[A-Z0-9_]+", text)}
    return found


@pytest.mark.parametrize("name", sorted(settings_variables()))
def test_every_setting_is_documented_in_the_readme(name: str) -> None:
    assert f"`COLTIVA_{name}`" in README


@pytest.mark.django_db
def test_every_command_is_documented_in_the_readme() -> None:
    missing = [name for name in _load_commands() if f"coltiva {name}" not in README]
    assert not missing


def _options(parser: argparse.ArgumentParser) -> list[list[str]]:
    """Each option's spellings (``["-o", "--output"]``)."""
    return [action.option_strings for action in parser._actions if action.option_strings]


def _command_parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    """(``NAME`` or ``NAME SUB``, parser) for each of Coltiva's commands and subcommands."""
    apps = get_commands()
    found = []
    for name in _load_commands():
        parser = load_command_class(apps[name], name).create_parser("coltiva", name)
        found.append((name, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                found += [(f"{name} {sub}", p) for sub, p in action.choices.items()]
    return found


def _names(row: str, spellings: list[str]) -> bool:
    return any(re.search(rf"[\s\[`]{re.escape(s)}\b", row) for s in spellings)


def test_the_readme_command_table_names_every_option_of_each_command() -> None:
    django_options = _options(BaseCommand().create_parser("coltiva", "x"))
    rows = [line for line in README.splitlines() if line.startswith("| `coltiva ")]
    missing = {}
    for name, parser in _command_parsers():
        row = next((r for r in rows if r.startswith(f"| `coltiva {name} ")), "")
        ours = [o for o in _options(parser) if o not in django_options]
        if absent := [o[-1] for o in ours if not _names(row, o)]:
            missing[name] = absent
    assert missing == {}


def test_the_cli_reference_is_what_the_commands_print(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/cli.md is regenerated (make docs) whenever a command's options change."""
    monkeypatch.setenv("COLUMNS", "100")
    status = Cog().main(["cog", "--check", "-I", str(ROOT / "scripts"), str(ROOT / CLI_DOC)])
    assert status == 0, f"{CLI_DOC} is out of date: run make docs"


def test_the_readme_links_to_the_cli_reference() -> None:
    assert f"]({CLI_DOC})" in README
