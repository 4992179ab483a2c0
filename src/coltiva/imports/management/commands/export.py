"""``coltiva export --user EMAIL --format json|vcard|csv [-o FILE]``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coltiva.accounts.lookup import user_by_email
from coltiva.imports import exports


class Command(BaseCommand):
    help = "Export a book: 'export --user EMAIL --format json|vcard|csv [-o FILE]'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="the book's owner (e-mail)")
        parser.add_argument("--format", required=True, choices=exports.FORMATS)
        parser.add_argument("-o", "--output", help="write to FILE (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_email(options["user"])
        chunks = exports.export(user, options["format"])
        if not options["output"]:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
            return
        target = Path(options["output"])
        # Written beside the target, then renamed: an interrupted export never leaves a
        # half file under the name asked for.
        partial = target.with_name(f".{target.name}.partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                for chunk in chunks:
                    out.write(chunk)
            os.replace(partial, target)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"{target}: {error.strerror or error}") from None
        self.stderr.write(f"Exported to {target}")
