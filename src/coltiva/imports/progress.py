"""How far a running import has got, kept where the import's own transaction cannot hide
it.

An import writes the whole book in one transaction, and SQLite has one writer: a progress
row in the database would stay invisible (or locked) until the import ends. So progress
lives in Django's file-based cache in the data directory, which the web server and the
background worker share. Losing it only costs the progress bar, never data.
"""

from __future__ import annotations

from typing import TypedDict

from django.core.cache.backends.filebased import FileBasedCache

from coltiva.imports import conf

TIMEOUT_SECONDS = 24 * 3600


class Progress(TypedDict):
    done: int
    total: int


def _store() -> FileBasedCache:
    return FileBasedCache(str(conf.progress_dir()), {"TIMEOUT": TIMEOUT_SECONDS})


def _key(job_id: int) -> str:
    return f"import-{job_id}"


def report(job_id: int, done: int, total: int) -> None:
    _store().set(_key(job_id), {"done": done, "total": total})


def read(job_id: int) -> Progress | None:
    value = _store().get(_key(job_id))
    if isinstance(value, dict) and {"done", "total"} <= value.keys():
        return Progress(done=int(value["done"]), total=int(value["total"]))
    return None


def clear(job_id: int) -> None:
    _store().delete(_key(job_id))


def percent(value: Progress | None) -> int:
    if value is None or value["total"] <= 0:
        return 0
    return min(100, value["done"] * 100 // value["total"])
