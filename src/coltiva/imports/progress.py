"""How far a running job (an import, an undo, an export) has got, and its heartbeat, kept
where the job's own transaction cannot hide it.

An import writes the whole book in one transaction, and SQLite has one writer: a progress
row in the database would stay invisible (or locked) until the import ends. So progress
lives in Django's file-based cache in the data directory, which the web server and the
background worker share. Losing it only costs the progress bar, never data.

Every report is also the job's heartbeat: when it was written and by which process, so a
job whose worker was killed can be told from one that is merely slow
(``coltiva.imports.stale``).
"""

from __future__ import annotations

import os
import socket
import time
from typing import TypedDict

from django.core.cache.backends.filebased import FileBasedCache

from coltiva.imports import conf

TIMEOUT_SECONDS = 24 * 3600


class Progress(TypedDict):
    done: int
    total: int


class Beat(TypedDict):
    at: float  # seconds since the epoch
    pid: int
    host: str


def _store() -> FileBasedCache:
    return FileBasedCache(str(conf.progress_dir()), {"TIMEOUT": TIMEOUT_SECONDS})


def _key(job_id: int, kind: str = "import") -> str:
    return f"{kind}-{job_id}"


def report(job_id: int, done: int, total: int, kind: str = "import") -> None:
    value = {"done": done, "total": total, "at": time.time(), "pid": os.getpid()}
    _store().set(_key(job_id, kind), value | {"host": socket.gethostname()})


def beat(job_id: int, kind: str = "import") -> Beat | None:
    """The last sign of life of the job's worker, if it gave one."""
    value = _store().get(_key(job_id, kind))
    if isinstance(value, dict) and {"at", "pid", "host"} <= value.keys():
        return Beat(at=float(value["at"]), pid=int(value["pid"]), host=str(value["host"]))
    return None


def read(job_id: int, kind: str = "import") -> Progress | None:
    value = _store().get(_key(job_id, kind))
    if isinstance(value, dict) and {"done", "total"} <= value.keys():
        return Progress(done=int(value["done"]), total=int(value["total"]))
    return None


def clear(job_id: int, kind: str = "import") -> None:
    _store().delete(_key(job_id, kind))


def percent(value: Progress | None) -> int:
    if value is None or value["total"] <= 0:
        return 0
    return min(100, value["done"] * 100 // value["total"])
