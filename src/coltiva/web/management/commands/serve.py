from __future__ import annotations

import argparse
import ctypes
import errno
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.servers.basehttp import get_internal_wsgi_application, run

from coltiva import address
from coltiva.imports import stale


def _parent_death_signal() -> Callable[[], None] | None:
    """On Linux, a child started with this ``preexec_fn`` gets SIGTERM when the server
    dies, even by SIGKILL, so no worker or gunicorn master outlives it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def set_signal() -> None:
        prctl(pr_set_pdeathsig, signal.SIGTERM)

    return set_signal


_ON_PARENT_DEATH = _parent_death_signal()


def _start(command: tuple[str, ...] | list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, preexec_fn=_ON_PARENT_DEATH)  # noqa: S603


def _stop(process: subprocess.Popen[bytes], timeout: float) -> None:
    """SIGTERM, time to finish what it is doing, then SIGKILL."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class WorkerSupervisor:
    """Keep one background task worker (imports, matches) running beside the server.

    A worker can die (a database locked for longer than its timeout, say); restarting it
    means a single-user install never leaves an import waiting for good.
    """

    COMMAND = (sys.executable, "-m", "coltiva.cli", "db_worker", "--interval", "0.5")

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)

    def start(self) -> None:
        stale.recover()  # jobs a killed worker left "running"
        self.process = _start(self.COMMAND)
        self.thread.start()

    def _watch(self) -> None:
        delay = 1.0
        while not self.stopping.wait(delay):
            with self.lock:  # never start a worker while stop() is ending the last one
                if self.stopping.is_set():
                    return
                if self.process is not None and self.process.poll() is not None:
                    print("coltiva: the task worker stopped; starting it again", file=sys.stderr)
                    self.process = _start(self.COMMAND)
                    delay = min(delay * 2, 60.0)  # back off if it keeps dying
                else:
                    delay = 1.0

    def stop(self) -> None:
        self.stopping.set()
        with self.lock:
            if self.process is not None:
                _stop(self.process, timeout=10)


class _Stop(Exception):
    """SIGTERM or SIGHUP arrived: leave the serving loop and stop the children."""


_stopping = threading.Event()


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    if not _stopping.is_set():  # a second signal must not cut the children's shutdown short
        _stopping.set()
        raise _Stop(signum)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port: use 1 to 65535")
    return port


def _workers(value: str) -> int:
    try:
        workers = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of workers") from None
    if workers < 1:
        raise argparse.ArgumentTypeError(f"{workers} workers cannot serve: use 1 or more")
    return workers


_BIND_ERRORS = {
    errno.EADDRINUSE: "the port is already in use (is another server running?)",
    errno.EACCES: "no permission to use that port (ports below 1024 need root)",
    errno.EADDRNOTAVAIL: "that address does not belong to this machine",
}


def _cannot_listen(host: str, port: int, exc: OSError) -> CommandError:
    reason = _BIND_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
    return CommandError(f"cannot listen on {host}:{port}: {reason}")


def _check_bind(host: str, port: int) -> None:
    """Bind and release the address, so a busy port is reported before gunicorn starts."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise CommandError(f"cannot listen on {host}:{port}: unknown host") from exc
    family, kind, proto, _name, sockaddr = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn does
        try:
            probe.bind(sockaddr)
        except OSError as exc:
            raise _cannot_listen(host, port, exc) from None


class Command(BaseCommand):
    help = "Serve the web app (with --production: gunicorn, for deployments)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
        )
        parser.add_argument(
            "--port", type=_port, default=8000, help="port to listen on (default: 8000)"
        )
        parser.add_argument("--production", action="store_true", help="run gunicorn")
        parser.add_argument(
            "--workers",
            type=_workers,
            default=settings.WORKERS,
            help="gunicorn workers with --production (default: COLTIVA_WORKERS, else 2)",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start the background task worker (imports) alongside",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        self.worker = None if options["no_worker"] else WorkerSupervisor()
        self.url = address.server_url(host, port)
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, _raise_stop)
        try:
            if options["production"]:
                self._gunicorn(host, port, options["workers"])
            else:
                self._development(host, port)
        except _Stop:
            self.stdout.write("Coltiva stopped.")
        finally:
            if self.worker is not None:
                self.worker.stop()

    def _listening(self) -> None:
        """The port is ours: start the worker, remember the address, say so."""
        if self.worker is not None:
            self.worker.start()
        address.record(self.url)
        self.stdout.write(f"Coltiva is running at {self.url}/  (Ctrl+C stops it)")

    def _development(self, host: str, port: int) -> None:
        # Django's server, without runserver's wrapper: that one leaves with os._exit()
        # when the port is busy, which skipped stopping the worker.
        try:
            run(
                host,
                port,
                get_internal_wsgi_application(),
                ipv6=":" in host,
                threading=True,
                on_bind=lambda bound_port: self._listening(),
            )
        except OSError as exc:
            raise _cannot_listen(host, port, exc) from None

    def _gunicorn(self, host: str, port: int, workers: int) -> None:
        _check_bind(host, port)
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
            # Threaded workers: the master's timeout then only checks that a worker process
            # is alive, never how long one request lasts, so no download is cut half-way
            # (sync workers report only between requests). Simpler than exports as tasks
            # writing files, and it holds for every long response, not just exports.
            "--worker-class",
            "gthread",
            "--threads",
            str(settings.SERVE_THREADS),
            "--timeout",
            str(settings.SERVE_WORKER_TIMEOUT),
        ]
        master = _start(command)
        try:
            self._listening()
            code = master.wait()
        finally:
            # gunicorn stops its workers on SIGTERM, after their requests (30 s at most).
            _stop(master, timeout=35)
        if code != 0:
            raise CommandError(f"the server stopped (gunicorn exited with status {code})")
