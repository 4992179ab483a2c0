"""Where users reach this installation: the start of every absolute link we send out.

``COLTIVA_BASE_URL`` when set; else the address ``coltiva serve`` last listened on, which
it records in the data directory, so a digest sent from cron or the calendar feed link
follows ``make run PORT=8101`` without any setting.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

DEFAULT = "http://127.0.0.1:8000"
RECORD = "served-address"

_WILDCARDS = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}  # noqa: S104


def base_url() -> str:
    """The base URL without a trailing slash."""
    configured: str = settings.BASE_URL
    return configured or _recorded(Path(settings.DATA_DIR)) or DEFAULT


def server_url(host: str, port: int) -> str:
    """The URL of a server listening on ``host``:``port``; a wildcard host is reached on
    this machine's loopback address."""
    host = _WILDCARDS.get(host, host)
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def record(url: str) -> None:
    """Remember ``url`` as the address the server listens on (write-then-rename, so a
    reader never sees half of it)."""
    directory = Path(settings.DATA_DIR)
    tmp = directory / f"{RECORD}.{os.getpid()}.tmp"
    tmp.write_text(url + "\n")
    os.replace(tmp, directory / RECORD)


# The feed asks once per event: re-read the record only when it changed on disk.
_last: tuple[tuple[Path, int], str] | None = None


def _recorded(directory: Path) -> str:
    global _last
    path = directory / RECORD
    try:
        key = (path, path.stat().st_mtime_ns)
        if _last is not None and _last[0] == key:
            return _last[1]
        url = path.read_text().strip()
    except OSError:
        return ""
    url = url.rstrip("/") if url.startswith(("http://", "https://")) else ""
    _last = (key, url)
    return url
