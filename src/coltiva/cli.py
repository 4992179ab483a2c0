"""The ``coltiva`` command: Coltiva's own commands, and Django's management commands.

Errors print one clear line to stderr and exit non-zero; never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def _load_commands() -> dict[str, str]:
    from django.core.management import get_commands, load_command_class

    ours = {}
    for name, app in sorted(get_commands().items()):
        if app.startswith("coltiva."):
            command = load_command_class(app, name)
            ours[name] = str(command.help).strip().splitlines()[0]
    return ours


def print_help() -> None:
    lines = ["usage: coltiva COMMAND [options]", "", "Coltiva's commands:"]
    for name, summary in _load_commands().items():
        lines.append(f"  {name:<14} {summary}")
    lines += [
        "",
        "Django's management commands work too (migrate, createsuperuser, shell, ...):",
        "  coltiva help --django lists them.",
        "Run 'coltiva COMMAND --help' for a command's options.",
    ]
    print("\n".join(lines))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coltiva.settings")
    try:
        import django

        django.setup()
        if not args or args[0] in ("-h", "--help") or args == ["help"]:
            print_help()
            return 0
        if args[:2] == ["help", "--django"]:
            args = ["help"]
        from django.core.management import execute_from_command_line

        execute_from_command_line(["coltiva", *args])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        print("coltiva: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"coltiva: error: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
