"""Benchmark (not a test): another user's writes during a 100,000-row import.

One user imports a 100,000-row LinkedIn file with ``coltiva import`` (a process of its
own, as the task worker is); meanwhile a second user logs a touch every 50 ms, each in
its own transaction, as the touch form does. Prints the 95th percentile of those writes
(target <= 500 ms) and how many failed (target 0).

    .venv/bin/python bench/bench_import_concurrent.py   # SQLite in a temporary data dir
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = int(os.environ.get("BENCH_CONCURRENT_ROWS", "100000"))


def main() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_import import connections_csv, setup

    setup()
    from django.db import OperationalError, transaction

    from coltiva.accounts.models import User
    from coltiva.people import services

    for email in ("importer@coltiva.local", "writer@coltiva.local"):
        User.objects.filter(email=email).delete()
    User.objects.create_user("importer@coltiva.local", "bench-password-1234")
    writer = User.objects.create_user("writer@coltiva.local", "bench-password-1234")
    person = services.create_person(writer, {"given_name": "Anna", "family_name": "Rossi"})
    path = Path(tempfile.mkdtemp(prefix="coltiva-bench-")) / "Connections.csv"
    path.write_bytes(connections_csv(ROWS))
    command = [str(Path(sys.executable).parent / "coltiva"), "import", str(path)]
    started = time.perf_counter()
    importer = subprocess.Popen(
        [*command, "--user", "importer@coltiva.local"], stdout=subprocess.PIPE, text=True
    )
    times, errors = [], 0
    today = dt.date.today()
    while importer.poll() is None:
        began = time.perf_counter()
        try:
            with transaction.atomic():
                services.log_touch(person, kind="conversation", on=today)
        except OperationalError:
            errors += 1
        times.append((time.perf_counter() - began) * 1000)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    out = importer.communicate()[0]
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else 0.0
    print(
        f"import_concurrent: p95 {p95:.1f} ms, errors {errors}, writes {len(times)}, "
        f"max {max(times, default=0):.1f} ms, import {seconds:.1f} s "
        f"(exit {importer.returncode}: {out.strip()})"
    )


if __name__ == "__main__":
    main()
