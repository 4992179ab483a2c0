from __future__ import annotations

import os
import subprocess
import sys
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class WorkerSupervisor:
    """Keep one background task worker (imports, matches) running beside the server.

    A worker can die (a database locked for longer than its timeout, say); restarting it
    means a single-user install never leaves an import waiting for good.
    """

    COMMAND = (sys.executable, "-m", "coltiva.cli", "db_worker", "--interval", "0.5")

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)

    def start(self) -> None:
        self.process = subprocess.Popen(self.COMMAND)  # noqa: S603 - our own interpreter
        self.thread.start()

    def _watch(self) -> None:
        delay = 1.0
        while not self.stopping.wait(delay):
            if self.process is not None and self.process.poll() is not None:
                print("coltiva: the task worker stopped; starting it again", file=sys.stderr)
                self.process = subprocess.Popen(self.COMMAND)  # noqa: S603
                delay = min(delay * 2, 60.0)  # back off if it keeps dying
            else:
                delay = 1.0

    def stop(self) -> None:
        self.stopping.set()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


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
        worker = None if options["no_worker"] else WorkerSupervisor()
        if worker is not None:
            worker.start()
        url_host = f"[{host}]" if ":" in host else host
        self.stdout.write(f"Coltiva is running at http://{url_host}:{port}/  (Ctrl+C stops it)")
        try:
            if options["production"]:
                self._gunicorn(host, port, options["workers"])
            else:
                call_command("runserver", f"{url_host}:{port}", use_reloader=False)
        finally:
            if worker is not None:
                worker.stop()

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
