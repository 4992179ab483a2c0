from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coltiva.domain.assess_json import InputError, assess_document

# Exit status for input the method cannot assess (distinct from 1, a failure of ours).
BAD_INPUT = 2


class Command(BaseCommand):
    help = "Assess one relationship from a JSON history (FILE or - for stdin); prints JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default="-", help="a JSON file, or - for stdin")

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["file"]
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {source}: {exc}", returncode=BAD_INPUT) from None
        try:
            doc = json.loads(text)
        except RecursionError:
            raise CommandError(
                "the JSON is nested too deeply: a history is an object with a list of touches",
                returncode=BAD_INPUT,
            ) from None
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                returncode=BAD_INPUT,
            ) from None
        try:
            result = assess_document(doc)
        except InputError as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from None
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
