"""``coltiva import PATH --user EMAIL``: a contact file or a Coltiva export into a book.

The module is named after the command; ``import`` is a keyword, but Django loads
commands with ``importlib``, which takes any file name.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from coltiva.accounts.lookup import user_by_email
from coltiva.imports import reasons, services
from coltiva.interchange import FORMATS, UnreadableFile


class ProgressBar:
    """A one-line bar on a terminal; silent when the output is a file or a pipe."""

    WIDTH = 30

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream, self.enabled, self.total = stream, enabled, 0

    def start(self, total: int) -> None:
        self.total = total

    def update(self, done: int) -> None:
        if not self.enabled or self.total <= 0:
            return
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total}")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled and self.total > 0:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Import contacts: 'import PATH --user EMAIL [--format auto|vcard|...] [--dry-run]'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a vCard, CSV (LinkedIn, Google, Outlook...) or JSON file")
        parser.add_argument("--user", required=True, help="the book's owner (e-mail)")
        parser.add_argument("--format", default="auto", choices=["auto", *FORMATS])
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would happen; save nothing"
        )
        parser.add_argument("--json", action="store_true", help="print the outcome as JSON")

    @no_translations  # reasons and summaries in English, whatever language is active
    def handle(self, *args: Any, **options: Any) -> None:
        user = user_by_email(options["user"])
        path = Path(options["path"])
        data = self._read(path)
        bar = ProgressBar(sys.stderr, sys.stderr.isatty() and not options["json"])
        try:
            report = services.import_file(
                user,
                data,
                path.name,
                options["format"],
                dry_run=options["dry_run"],
                on_start=bar.start,
                on_progress=bar.update,
            )
        except UnreadableFile as error:
            raise CommandError(f"{path.name}: {reasons.refusal(error)}") from None
        finally:
            bar.finish()
        if options["json"]:
            self.stdout.write(json.dumps(_json(report), ensure_ascii=False))
            return
        self._summary(path.name, report, options["dry_run"])

    def _read(self, path: Path) -> bytes:
        try:
            # Read, never ``stat``: /dev/zero or a pipe has no true size to tell.
            with path.open("rb") as stream:
                return services.read_bounded(stream)
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise CommandError(f"{path}: is a folder, not a file") from None
        except PermissionError:
            raise CommandError(f"{path}: cannot be read (permission denied)") from None
        except UnreadableFile as error:
            raise CommandError(f"{path.name}: {reasons.refusal(error)}") from None

    def _summary(self, name: str, report: services.Report, dry_run: bool) -> None:
        prefix = "Dry run, nothing saved: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{name} ({report.fmt}): {report.created} created, "
            f"{report.merged} merged, {report.skipped} skipped"
        )
        for row, reason in report.errors:
            self.stdout.write(f"  row {row}: {reasons.sentence(reason)}")
        if report.duplicates:
            self.stdout.write(
                f"{report.duplicates} possible duplicates to review on the Import page."
            )


def _json(report: services.Report) -> dict[str, Any]:
    """The report's codes and parameters, each skipped row with its sentence beside."""
    found = report.as_json()
    for error, (_row, reason) in zip(found["errors"], report.errors, strict=True):
        error["reason"] = reasons.sentence(reason)
    return found
