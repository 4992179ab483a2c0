"""``coltiva backup [--output FILE]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coltiva import backups


class Command(BaseCommand):
    help = (
        "Back up the whole installation while it runs: 'backup [--output FILE]' "
        "(SQLite: a .sqlite3 or .sqlite3.gz file; PostgreSQL: pg_dump's custom format)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            help="the backup file (default: DATA_DIR/backups/coltiva-backup-DATE-TIME...)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["output"]:
            target = Path(options["output"])
        else:
            folder = Path(settings.DATA_DIR) / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / backups.default_name()
        try:
            written = backups.backup(target)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up to {written}")
