"""SQLite's write-ahead log does not grow without end (it reached 455 MB): the daily
refresh empties it even while the server's connections stay open."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def _coltiva(data_dir: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLTIVA_DATABASE_URL"}
    env["COLTIVA_DATA_DIR"] = str(data_dir)
    command = [sys.executable, "-c", "import sys; from coltiva.cli import main; sys.exit(main())"]
    subprocess.run([*command, *args], env=env, check=True, capture_output=True, timeout=300)


def test_the_daily_refresh_empties_the_log_a_long_lived_connection_left(tmp_path) -> None:
    _coltiva(tmp_path, "migrate")
    database = tmp_path / "coltiva.sqlite3"
    wal = Path(f"{database}-wal")
    worker = sqlite3.connect(database)  # a web worker's connection, open all day
    worker.executescript(settings.SQLITE_PRAGMAS)
    assert worker.execute("PRAGMA journal_size_limit").fetchone()[0] == 64 * 1024 * 1024
    assert worker.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    worker.execute("CREATE TABLE filler (b BLOB)")
    with worker:
        worker.executemany("INSERT INTO filler VALUES (?)", [(b"x" * 100_000,)] * 200)
    assert wal.stat().st_size > 10_000_000
    _coltiva(tmp_path, "refresh")
    assert wal.stat().st_size == 0
    worker.close()
