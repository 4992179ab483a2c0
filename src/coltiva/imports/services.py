"""Use cases of imports, shared by the web views, the background task and the CLI.

An import is all or nothing, and never holds the database's writer for long: rows are
read and planned outside any transaction, written a short chunk at a time, staged out of
sight, and published at once at the end (``coltiva.imports.staging``). Anything that
goes wrong (a damaged file, a crash half-way) discards what was staged and leaves the
book as it was, with the job marked failed and a reason (a code, put into words by
``coltiva.imports.reasons``). Progress is reported outside the database
(``coltiva.imports.progress``).
"""

from __future__ import annotations

import logging
import secrets
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, BinaryIO

from django.db import transaction
from django.utils import timezone, translation

from coltiva.accounts.models import User
from coltiva.dbkit.chunks import write_in_chunks
from coltiva.imports import conf, duplicates, progress, staging
from coltiva.imports.fields import Key, match_key
from coltiva.imports.models import ImportJob, ImportRow
from coltiva.imports.planner import (
    CREATED,
    MERGED,
    SKIPPED,
    Decision,
    Existing,
    Planner,
    matched_group,
)
from coltiva.imports.restore import Restorer, parse, people_count
from coltiva.imports.writer import BookWriter
from coltiva.interchange import (
    FORMATS,
    ContactRecord,
    Item,
    Limits,
    Reason,
    UnreadableFile,
    detect_format,
    read,
    sniff_csv,
)
from coltiva.people.models import ContactPoint

log = logging.getLogger(__name__)

# The first chunk's rows; later chunks are sized to the time each takes (dbkit.chunks).
CHUNK = 200
SAMPLE_ROWS = 10
# Caps that fit the person model's columns, so nothing is cut silently on the way in.
LIMITS = Limits(max_name_chars=150, max_text_chars=200, max_url_chars=500)
ProgressFn = Callable[[int], None]


@dataclass
class Report:
    fmt: str
    created: int = 0
    merged: int = 0
    skipped: int = 0
    duplicates: int = 0
    # The rows skipped, and why: (row, reason).
    errors: list[tuple[int, Reason]] = field(default_factory=list)
    job_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "format": self.fmt,
            "created": self.created,
            "merged": self.merged,
            "skipped": self.skipped,
            "errors": [{"row": row, **reason.as_json()} for row, reason in self.errors],
        }


# --- Reading a file ----------------------------------------------------------------------


def check_size(size: int) -> None:
    limit = conf.max_bytes()
    if size > limit:
        raise UnreadableFile(
            Reason("file_too_large", {"size": _megabytes(size), "limit": _megabytes(limit)})
        )


def read_bounded(stream: BinaryIO) -> bytes:
    """At most the import limit from ``stream`` (a file, a pipe, ``/dev/zero``): the size
    ``stat`` gives is never trusted. A longer stream raises ``UnreadableFile``."""
    limit = conf.max_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFile(Reason("file_over_limit", {"limit": _megabytes(limit)}))
    return data


def check_columns(data: bytes, fmt: str) -> None:
    """A spreadsheet wider than any address book is refused before its rows are read."""
    if fmt not in _SPREADSHEETS:
        return
    width = len(sniff_csv(data).header)
    if width > conf.MAX_COLUMNS:
        raise UnreadableFile(
            Reason("too_many_columns", {"columns": width, "limit": conf.MAX_COLUMNS})
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


def choose_format(data: bytes, filename: str, chosen: str = "auto") -> str:
    """The format asked for, else the one detected (``UnreadableFile`` when neither).

    A file that cannot be read at all is refused whatever was asked for, and so is a
    vCard or JSON file read as a spreadsheet, or the other way round: the reason then
    names what the file looks like.
    """
    detected = detect_format(data, filename)
    if not chosen or chosen == "auto" or chosen == detected:
        return detected
    if chosen not in FORMATS:
        raise UnreadableFile(Reason("unknown_format", {"format": chosen[:40]}))
    spreadsheet = {detected, chosen} <= _SPREADSHEETS
    if not spreadsheet:
        raise UnreadableFile(Reason("format_mismatch", {"found": detected, "chosen": chosen}))
    return chosen


_SPREADSHEETS = {"linkedin", "google", "outlook", "thunderbird", "csv"}


def read_items(data: bytes, fmt: str, mapping: dict[str, str] | None = None) -> Iterator[Item]:
    """Rows and cards in file order, refusing a file with more rows than an import takes."""
    try:
        items = read(data, fmt, mapping or None, limits=LIMITS)
    except ValueError as error:
        if isinstance(error, UnreadableFile):
            raise
        # A mapping or format the reader does not know: refuse the file, never a 500.
        log.warning("import read refused: %s", error)
        raise UnreadableFile(Reason("file_not_read", {"format": fmt})) from None
    limit = conf.max_rows()
    count = 0
    for item in items:
        count += 1
        if count > limit:
            raise UnreadableFile(Reason("too_many_rows", {"limit": limit}))
        yield item
    if count == 0:
        raise UnreadableFile(Reason("no_contacts_found", {"format": fmt}))


def load_keys(owner: User) -> dict[Key, Existing]:
    """The book's duplicate keys in one query: normalised e-mail, phone and link -> person."""
    keys: dict[Key, Existing] = {}
    people: dict[int, Existing] = {}
    rows = ContactPoint.objects.filter(owner=owner, person__deleted_at__isnull=True).values_list(
        "kind", "normalized", "person_id", "person__display_name"
    )
    for kind, normalized, person_id, name in rows.iterator(chunk_size=5000):
        key = match_key(kind, normalized)
        if key is None:
            continue
        target = people.get(person_id)
        if target is None:
            target = people[person_id] = Existing(person_id, name)
        keys.setdefault(key, target)
    return keys


# --- Preview -----------------------------------------------------------------------------


def preview(owner: User, data: bytes, fmt: str, mapping: dict[str, str] | None) -> dict[str, Any]:
    """What confirming would do: counts, the reasons, the first rows (JSON-ready)."""
    if fmt == "json":
        total = people_count(parse(data))
        return {"total": total, "counts": {CREATED: total, MERGED: 0, SKIPPED: 0}, "groups": []}
    planner = Planner(load_keys(owner), owner.phone_region, writing=False)
    groups: Counter[tuple[str, Reason | None]] = Counter()
    sample: list[dict[str, Any]] = []
    total = 0
    for item in read_items(data, fmt, mapping):
        decision = planner.plan(item)
        total += 1
        groups[(decision.outcome, _group(decision))] += 1
        if len(sample) < SAMPLE_ROWS:
            sample.append(_sample(decision))
    return {
        "total": total,
        "counts": {name: planner.counts[name] for name in (CREATED, MERGED, SKIPPED)},
        "groups": [
            {"outcome": outcome, "reason": reason.as_json(), "count": count}
            for (outcome, reason), count in sorted(groups.items(), key=lambda g: -g[1])
            if reason is not None
        ],
        "sample": sample,
    }


def count_rows(data: bytes, fmt: str, mapping: dict[str, str] | None) -> int:
    """How many rows the file holds (for a progress bar): read, not planned."""
    if fmt == "json":
        return people_count(parse(data))
    return sum(1 for _item in read_items(data, fmt, mapping))


def _group(decision: Decision) -> Reason | None:
    if decision.outcome == MERGED and decision.target is not None:
        return matched_group(decision.matched_by, decision.target)
    if decision.outcome == SKIPPED and decision.reasons:
        return decision.reasons[0]
    return None


def _sample(decision: Decision) -> dict[str, Any]:
    record = decision.record or ContactRecord(source_row=decision.row)
    first = next((p.value for p in [*record.emails, *record.phones, *record.urls]), "")
    return {
        "row": decision.row,
        "name": decision.name,
        "company": record.company,
        "contact": first,
        "outcome": decision.outcome,
        "reasons": [reason.as_json() for reason in decision.reasons],
    }


def csv_columns(data: bytes) -> dict[str, Any]:
    """The header, first rows and suggested mapping of a generic CSV."""
    sniffed = sniff_csv(data)
    return {
        "header": sniffed.header,
        "rows": sniffed.rows,
        "mapping": sniffed.suggested_mapping,
    }


# --- The web flow: upload, preview, confirm ------------------------------------------------


def start(owner: User, data: bytes, filename: str, chosen: str = "auto") -> ImportJob:
    """Check and keep an uploaded file, and preview it. Raises ``UnreadableFile``."""
    check_size(len(data))
    fmt = choose_format(data, filename, chosen)
    check_columns(data, fmt)
    mapping: dict[str, str] = {}
    columns: dict[str, Any] = {}
    if fmt == "csv":
        columns = csv_columns(data)
        mapping = columns["mapping"]
    summary = preview(owner, data, fmt, mapping) if (fmt != "csv" or mapping) else {}
    summary["columns"] = columns
    forget_stale_uploads(owner)
    job = ImportJob.objects.create(
        owner=owner,
        filename=Path(filename).name[:255],
        fmt=fmt,
        mapping=mapping,
        size=len(data),
        preview=summary,
        total_rows=summary.get("total", 0),
    )
    name = f"{job.pk}-{secrets.token_hex(8)}.upload"
    (conf.uploads_dir() / name).write_bytes(data)
    job.stored_file = name
    job.save(update_fields=["stored_file"])
    return job


def retry(failed: ImportJob, data: bytes, filename: str) -> ImportJob:
    """A new preview of a failed import's file, uploaded again (its first copy was deleted),
    read the same way: the same format, and the same columns of a generic CSV whose
    header has not changed. Raises ``UnreadableFile``."""
    job = start(failed.owner, data, filename, failed.fmt)
    header = (failed.preview.get("columns") or {}).get("header")
    if job.fmt == "csv" and failed.mapping and job.preview["columns"].get("header") == header:
        job = set_mapping(job, failed.mapping)
    return job


def set_mapping(job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    data = stored_bytes(job)
    summary = preview(job.owner, data, job.fmt, mapping)
    summary["columns"] = job.preview.get("columns", {})
    job.mapping, job.preview, job.total_rows = mapping, summary, summary["total"]
    job.save(update_fields=["mapping", "preview", "total_rows"])
    return job


def cancel(job: ImportJob) -> bool:
    """Drop a preview never confirmed, with its uploaded file. A job already queued or
    run is not a preview any more, and is left alone (False)."""
    if job.status != ImportJob.PREVIEW:
        return False
    forget_file(job)
    job.delete()
    return True


def stored_bytes(job: ImportJob) -> bytes:
    if not job.stored_file:
        raise UnreadableFile(Reason("upload_gone"))
    path = conf.uploads_dir() / job.stored_file
    if not path.is_file():
        raise UnreadableFile(Reason("upload_gone"))
    return path.read_bytes()


def confirm(job: ImportJob) -> bool:
    """Mark a preview queued; True when this call queued it (confirming twice queues it
    once). The entry point then schedules the task (``tasks.confirm`` does both)."""
    queued = ImportJob.objects.filter(pk=job.pk, status=ImportJob.PREVIEW).update(
        status=ImportJob.QUEUED
    )
    job.refresh_from_db(fields=["status"])
    # No progress yet: the worker's first report is also its first heartbeat.
    return bool(queued)


def run_job(job_id: int) -> None:
    """The background task's body. The job is claimed first, so two workers given the
    same job never import it twice."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.QUEUED).update(
        status=ImportJob.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("owner").get(pk=job_id)
    try:
        execute(job, stored_bytes(job))
    except UnreadableFile as error:
        if job.status != ImportJob.FAILED:
            fail(job, error.reason)
    finally:
        forget_file(job)


def forget_file(job: ImportJob) -> None:
    if job.stored_file:
        (conf.uploads_dir() / job.stored_file).unlink(missing_ok=True)
        ImportJob.objects.filter(pk=job.pk).update(stored_file="")
        job.stored_file = ""


def forget_stale_uploads(owner: User, days: int = 1) -> None:
    """Previews never confirmed keep no file for long (the data is personal)."""
    cutoff = timezone.now() - timedelta(days=days)
    stale = ImportJob.objects.filter(
        owner=owner, status=ImportJob.PREVIEW, created_at__lt=cutoff
    ).exclude(stored_file="")
    for job in stale:
        forget_file(job)


# --- Running an import ------------------------------------------------------------------


def execute(job: ImportJob, data: bytes, on_progress: ProgressFn | None = None) -> Report:
    """Import ``data`` into the job's book, staged then published; record the outcome on
    the job. A failure discards what was staged, marks the job failed and raises
    ``UnreadableFile`` with the reason."""
    job.status, job.started_at = ImportJob.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at"])

    def beat(done: int) -> None:
        # Progress is the heartbeat that tells a slow import from a killed one.
        progress.report(job.pk, done, job.total_rows)
        if on_progress is not None:
            on_progress(done)

    beat(0)
    try:
        # Whatever a restore stores in words is written in the owner's language.
        with translation.override(job.owner.language or None):
            report = _write_book(job, data, beat)
    except UnreadableFile as error:
        fail(job, error.reason)
        raise
    except Exception as error:
        log.exception("import %s failed", job.pk)
        crashed = Reason("import_crashed", {"error": type(error).__name__})
        fail(job, crashed)
        raise UnreadableFile(crashed) from error
    finally:
        progress.clear(job.pk)
    return report


def _write_book(job: ImportJob, data: bytes, on_progress: ProgressFn) -> Report:
    report = Report(fmt=job.fmt, job_id=job.pk)
    if job.fmt == "json":
        restorer = Restorer(job, parse(data), on_progress, staging.staged_values(job))
        report.created = len(restorer.run())
        _publish(job, report)
        return report
    owner = job.owner
    planner = Planner(load_keys(owner), owner.phone_region)
    writer = BookWriter(job, staged=staging.staged_values(job))
    # Merges into people who were in the book before change rows a user sees: they are
    # written when the import is published, with it.
    later: list[Decision] = []

    def plan(chunk: list[Item]) -> list[Decision]:
        planner.settle()
        decisions = [planner.plan(item) for item in chunk]
        later.extend(d for d in decisions if _changes_the_book(d))
        return [d for d in decisions if not _changes_the_book(d)]

    write_in_chunks(
        read_items(data, job.fmt, job.mapping), plan, writer.write, first=CHUNK, after=on_progress
    )
    report.created = planner.counts[CREATED]
    report.merged = planner.counts[MERGED]
    report.skipped = planner.counts[SKIPPED]
    _publish(job, report, lambda: writer.write(later))
    report.duplicates = duplicates.after_import(owner, writer.created_ids, writer.shared_keys, job)
    job.duplicates_found = report.duplicates
    job.save(update_fields=["duplicates_found"])
    return report


def _changes_the_book(decision: Decision) -> bool:
    target = decision.target
    return decision.outcome == MERGED and isinstance(target, Existing) and not target.created_here


def _publish(job: ImportJob, report: Report, also: Callable[[], None] | None = None) -> None:
    with transaction.atomic():
        if also is not None:
            also()
        staging.publish(job)
        _finish(job, report)


def _finish(job: ImportJob, report: Report) -> None:
    job.status = ImportJob.DONE
    job.created_count, job.merged_count = report.created, report.merged
    job.skipped_count, job.duplicates_found = report.skipped, report.duplicates
    job.finished_at = timezone.now()
    job.save()
    skipped = job.rows.filter(outcome=ImportRow.SKIPPED).values_list("row", "reasons")
    report.errors = [(row, Reason.from_json(reasons[0])) for row, reasons in skipped if reasons]


def fail(job: ImportJob, reason: Reason) -> None:
    """Discard what was staged and mark the job failed; the reason is stored as a code,
    put into words in the language of whoever reads it."""
    staging.discard(job)
    job.status, job.error_reason = ImportJob.FAILED, reason.as_json()
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error_reason", "finished_at"])


# --- The CLI ------------------------------------------------------------------------------


class _DryRun(Exception):
    pass


def import_file(
    owner: User,
    data: bytes,
    filename: str,
    chosen: str = "auto",
    *,
    dry_run: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_progress: ProgressFn | None = None,
) -> Report:
    """Import a file in one go (the CLI). With ``dry_run`` everything is rolled back."""
    check_size(len(data))
    fmt = choose_format(data, filename, chosen)
    check_columns(data, fmt)
    mapping = csv_columns(data)["mapping"] if fmt == "csv" else {}
    total = count_rows(data, fmt, mapping)
    if on_start is not None:
        on_start(total)
    job = ImportJob(owner=owner, filename=Path(filename).name[:255], fmt=fmt, mapping=mapping)
    job.size, job.total_rows = len(data), total
    if not dry_run:
        job.save()
        return execute(job, data, on_progress)
    try:
        with transaction.atomic():
            job.save()
            report = execute(job, data, on_progress)
            raise _DryRun
    except _DryRun:
        report.job_id = None
    return report
