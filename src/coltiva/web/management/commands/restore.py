"""``coltiva restore FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coltiva import backups


class Command(BaseCommand):
    help = (
        "Restore a backup made by 'coltiva backup' into an empty installation: "
        "'restore FILE' (refused when any account exists)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the backup file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            backups.restore(Path(options["file"]))
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {options['file']}")
