"""Backups of the whole installation, and restoring one into an empty installation.

SQLite: the online backup API copies a consistent snapshot while the server keeps
running (readers and the writer go on), optionally gzip-compressed. PostgreSQL:
``pg_dump`` in its custom format, restored with ``pg_restore`` in one transaction. A
backup holds every account, book and setting; the generated secret key and temporary
uploads stay in the data directory (a restore into a new data directory signs everyone
out, nothing more).
"""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from coltiva.accounts import audit
from coltiva.accounts.models import User

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
GZIP_MAGIC = b"\x1f\x8b"
# Pages copied per step: small steps let the server's writer in between them.
PAGES_PER_STEP = 256


class BackupError(Exception):
    """A backup or restore that cannot be done, said in one line."""


def default_name(now: Any = None) -> str:
    stamp = (now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    suffix = ".sqlite3.gz" if connection.vendor == "sqlite" else ".pgdump"
    return f"coltiva-backup-{stamp}{suffix}"


def backup(target: Path) -> Path:
    """Write a backup of the installation to ``target`` (written beside it, then
    renamed, so an interrupted backup never leaves a half file under its name)."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(partial, compress=target.suffix == ".gz")
        elif connection.vendor == "postgresql":
            _pg_dump(partial)
        else:
            raise BackupError(f"backups of {connection.vendor} databases are not supported")
        os.replace(partial, target)
    except OSError as error:
        raise BackupError(f"{target}: {error.strerror or error}") from None
    finally:
        partial.unlink(missing_ok=True)
    audit.record(audit.BACKUP_MADE, detail={"file": target.name})
    return target


def _sqlite_backup(partial: Path, *, compress: bool) -> None:
    connection.ensure_connection()
    source = connection.connection
    with tempfile.TemporaryDirectory(dir=partial.parent) as scratch:
        copy = Path(scratch) / "copy.sqlite3"
        target = sqlite3.connect(copy)
        try:
            source.backup(target, pages=PAGES_PER_STEP)
        finally:
            target.close()
        if compress:
            with copy.open("rb") as raw, gzip.open(partial, "wb", compresslevel=6) as out:
                shutil.copyfileobj(raw, out, 1024 * 1024)
        else:
            shutil.move(copy, partial)


def _pg_dump(partial: Path) -> None:
    program = find_program("pg_dump")
    args, env = _pg_connection()
    _run([program, "--format=custom", "--no-owner", f"--file={partial}", *args], env)


# --- Restore --------------------------------------------------------------------------------


def restore(source: Path) -> None:
    """Restore a backup into this installation, which must be empty (no account yet)."""
    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    if User.objects.exists():
        raise BackupError(
            "this installation already has accounts: restore into an empty one "
            "(a new COLTIVA_DATA_DIR or database, after 'coltiva migrate')"
        )
    with _plain(source) as plain:
        kind = _kind(plain)
        if kind != connection.vendor:
            raise BackupError(
                f"{source} is a {_label(kind)} backup; this installation uses "
                f"{_label(connection.vendor)}"
            )
        if kind == "sqlite":
            _sqlite_restore(plain)
        else:
            _pg_restore(plain)
    # A backup made by an older version gets this version's tables.
    call_command("migrate", interactive=False, verbosity=0)


@contextmanager
def _plain(source: Path) -> Iterator[Path]:
    """The backup uncompressed (a gzip one into a temporary file)."""
    with source.open("rb") as handle:
        head = handle.read(2)
    if head != GZIP_MAGIC:
        yield source
        return
    with tempfile.TemporaryDirectory() as scratch:
        plain = Path(scratch) / "backup"
        try:
            with gzip.open(source, "rb") as raw, plain.open("wb") as out:
                shutil.copyfileobj(raw, out, 1024 * 1024)
        except (OSError, EOFError) as error:
            raise BackupError(f"{source}: not a readable backup ({error})") from None
        yield plain


def _kind(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{path.name}: not a Coltiva backup (neither SQLite nor pg_dump)")


def _label(vendor: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(vendor, vendor)


def _sqlite_restore(plain: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
    try:
        if source.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise BackupError(f"{plain.name}: the backup is damaged")
        source.backup(connection.connection, pages=PAGES_PER_STEP)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"not a readable backup ({error})") from None
    finally:
        source.close()
    connection.close()


def _pg_restore(plain: Path) -> None:
    program = find_program("pg_restore")
    args, env = _pg_connection()
    # One transaction: a restore that fails half-way leaves the empty installation as it was.
    database = args.pop()
    connection.close()
    _run(
        [
            program,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={database}",
            *args,
            str(plain),
        ],
        env,
    )


def find_program(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found on PATH: install PostgreSQL's client programs "
            "(Debian: apt-get install postgresql-client) of the server's version or newer"
        )
    return found


def _pg_connection() -> tuple[list[str], dict[str, str]]:
    """pg_dump's arguments for the connection Django uses (the database name last), with
    the password in the environment, never on the command line."""
    settings = connection.settings_dict
    args = []
    if settings.get("HOST"):
        args.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        args.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        args.append(f"--username={settings['USER']}")
    args.append(str(settings["NAME"]))
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603  # a program found on PATH, our own arguments
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        raise BackupError(lines[-1] if lines else f"{Path(command[0]).name} failed")
