from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the web app (with --production: gunicorn, for deployments)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--production", action="store_true", help="run gunicorn")
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("COLTIVA_WORKERS", "2"))
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start the background task worker (imports) alongside",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        worker = None
        if not options["no_worker"]:
            # Imports run as background tasks; one worker beside the server means a
            # single-user install needs nothing else running.
            worker = subprocess.Popen(
                [sys.executable, "-m", "coltiva.cli", "db_worker", "--interval", "0.5"]
            )
        url_host = f"[{host}]" if ":" in host else host
        self.stdout.write(f"Coltiva is running at http://{url_host}:{port}/  (Ctrl+C stops it)")
        try:
            if options["production"]:
                self._gunicorn(host, port, options["workers"])
            else:
                call_command("runserver", f"{url_host}:{port}", use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

    def _gunicorn(self, host: str, port: int, workers: int) -> None:
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "coltiva.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
        ]
        subprocess.run(command, check=False)  # noqa: S603
