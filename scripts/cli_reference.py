"""The body of docs/cli.md: what ``coltiva --help`` and every ``coltiva COMMAND --help``
print, each subcommand's too. Run by cog (``make docs`` writes it, ``make docs-check``
fails when a command's options changed and the page was not regenerated)."""

from __future__ import annotations

import argparse
import io
import os
from contextlib import redirect_stdout

# argparse wraps help to the terminal's width: fix it, so the page is the same on every
# machine and in CI.
WIDTH = "100"


def _setup() -> None:
    os.environ["COLUMNS"] = WIDTH
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coltiva.settings")
    import django

    django.setup()


def _parsers(parser: argparse.ArgumentParser, name: str) -> list[tuple[str, str]]:
    """(``coltiva NAME``, its help) for a command and each of its subcommands."""
    found = [(name, parser.format_help())]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub_parser in action.choices.items():
                found += _parsers(sub_parser, f"{name} {sub_name}")
    return found


def _section(name: str, text: str) -> str:
    return f"## `coltiva {name}`\n\n```text\n{text.rstrip()}\n```\n"


def markdown() -> str:
    _setup()
    from django.core.management import get_commands, load_command_class

    from coltiva.cli import _load_commands, print_help

    overview = io.StringIO()
    with redirect_stdout(overview):
        print_help()
    sections = [f"## `coltiva --help`\n\n```text\n{overview.getvalue().rstrip()}\n```\n"]
    apps = get_commands()
    for name in _load_commands():
        command = load_command_class(apps[name], name)
        sections += [
            _section(n, t) for n, t in _parsers(command.create_parser("coltiva", name), name)
        ]
    return "\n".join(sections)


if __name__ == "__main__":
    print(markdown())
