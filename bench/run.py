"""The benchmark suite of issue 8: `make bench` (see bench/README.md).

    BENCH_SIZE=medium|large|small   the book of each user (default medium)
    BENCH_DB=sqlite|postgres        the database (postgres: a fresh `coltiva_bench` on
                                    127.0.0.1:5432, user postgres; BENCH_PG_URL overrides)
    BENCH_USERS=N                   users, each with a book of that size (3; 2 for large)
    BENCH_REUSE=1                   keep the books of the last run of that size and
                                    database (for profiling; a clean run regenerates)
    BENCH_SKIP=load,import,suggest  leave parts out while profiling

Writes bench/results/latest.json, <size>-<db>.json and .md, summary.md, and the summary
table in README.md.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SIZE = os.environ.get("BENCH_SIZE", "medium")
DB = os.environ.get("BENCH_DB", "sqlite")
USERS = int(os.environ.get("BENCH_USERS", "2" if SIZE == "large" else "3"))
REUSE = os.environ.get("BENCH_REUSE", "") == "1"
SKIP = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
DATA = ROOT / "var" / "bench" / f"{SIZE}-{DB}"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- The database -------------------------------------------------------------------------


def environment(data: Path, database: str) -> dict[str, str]:
    env = {
        "COLTIVA_DATA_DIR": str(data),
        "COLTIVA_DEBUG": "false",
        "COLTIVA_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SETTINGS_MODULE": "coltiva.settings",
    }
    if DB == "postgres":
        env["COLTIVA_DATABASE_URL"] = f"{PG_URL}/{database}"
    return env


def recreate_postgres(database: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')


def stamp() -> dict[str, Any]:
    return {"size": SIZE, "db": DB, "users": USERS}


def prepare_data() -> dict[str, Any] | None:
    """The previous run's stamp when its books can be reused, else a clean slate."""
    stamp_file = DATA / "stamp.json"
    if REUSE and stamp_file.exists():
        previous: dict[str, Any] = json.loads(stamp_file.read_text())
        if all(previous.get(k) == v for k, v in stamp().items()):
            return previous
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    if DB == "postgres":
        recreate_postgres("coltiva_bench")
    return None


# --- Books ----------------------------------------------------------------------------


def books(previous: dict[str, Any] | None) -> tuple[list[Any], dict[str, float]]:
    from coltiva.accounts.models import User
    from coltiva.demo import services

    if previous is not None:
        users = [User.objects.get(email=email) for email in previous["emails"]]
        log(f"reusing {len(users)} books of the last run")
        return users, {"demo_generate_s": previous["demo_generate_s"]}
    users, seconds = [], []
    for n in range(1, USERS + 1):
        user, _password = services.demo_account(f"bench{n}@coltiva.local", create=True)
        log(f"writing a {SIZE} book for {user.email}")
        summary = services.generate(user, size=SIZE, seed=n)
        seconds.append(summary.seconds)
        log(f"  {summary.seconds:.1f} s")
        users.append(user)
    info = {**stamp(), "emails": [u.email for u in users], "demo_generate_s": round(seconds[0], 1)}
    (DATA / "stamp.json").write_text(json.dumps(info))
    return users, {"demo_generate_s": info["demo_generate_s"]}


# --- Parts of the suite ---------------------------------------------------------------------


def in_process(users: list[Any]) -> dict[str, float]:
    import measures

    metrics: dict[str, float] = {}
    people = measures.visitors(users)
    log("pages")
    metrics.update(measures.page_times(people))
    log("Today's SQL against its floor")
    metrics.update(measures.today_sql_floor_ratio(people))
    log("logging touches")
    metrics["log_touch_ms"] = measures.log_touch_time(people, users[0].local_today())
    log("daily refresh")
    metrics["refresh_s"] = measures.refresh_time(users[0])
    metrics["assess_10k_ms"] = measures.assess_10k_ms()
    if "suggest" not in SKIP:
        log("introductions")
        metrics.update(suggestions(users[0]))
    if "load" not in SKIP:
        log("production server under wrk")
        metrics.update(load(people))
    return metrics


def suggestions(user: Any) -> dict[str, float]:
    import measures

    from coltiva.demo.services import load_planted_pairs, planted_pairs_path

    planted = load_planted_pairs(planted_pairs_path(user))
    return measures.suggestion_metrics(user, planted)


def load(people: list[Any]) -> dict[str, float]:
    import load as server_load

    visits = []
    extra = []
    for visitor in people:
        cookie = f"sessionid={visitor.client.cookies['sessionid'].value}"
        visits.append((cookie, visitor.people, visitor.searches))
        extra += [("/review/", cookie), ("/referrals/board/", cookie)]
    env = {**os.environ, **environment(DATA, "coltiva_bench")}
    return server_load.measure(env, visits, extra)


def _fresh_script(script: str, name: str, pattern: str) -> re.Match[str]:
    """Run a bench script on a fresh data folder (and, on PostgreSQL, database ``name``),
    with none of this process's COLTIVA_ settings; its line matching ``pattern``."""
    data = ROOT / "var" / "bench" / f"{name.removeprefix('coltiva_bench_')}-{DB}"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    if DB == "postgres":
        recreate_postgres(name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLTIVA_")}
    env.update(environment(data, name))
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(pattern, out.stdout)
    if not found:
        raise RuntimeError(f"{script} said:\n{out.stdout}\n{out.stderr}")
    return found


def import_20k() -> dict[str, float]:
    """The importer's own benchmark (bench/bench_import.py) on a fresh database."""
    found = _fresh_script("bench_import.py", "coltiva_bench_import", r"import_20k: ([\d.]+) s")
    return {"import_20k_s": float(found.group(1))}


def import_concurrent() -> dict[str, float]:
    """Another user's writes during a 100,000-row import (bench/bench_import_concurrent.py)."""
    found = _fresh_script(
        "bench_import_concurrent.py",
        "coltiva_bench_concurrent",
        r"import_concurrent: p95 ([\d.]+) ms, errors (\d+)",
    )
    return {
        "import_concurrent_write_p95_ms": float(found.group(1)),
        "import_concurrent_errors": float(found.group(2)),
    }


def growth(metrics: dict[str, float]) -> dict[str, float]:
    """Large over medium page times, when the medium book was measured on this database."""
    other = ROOT / "bench" / "results" / f"medium-{DB}.json"
    if SIZE != "large" or not other.exists():
        return {}
    medium = json.loads(other.read_text())["metrics"]
    return {
        f"{page}_growth": round(metrics[f"{page}_ms"] / medium[f"{page}_ms"], 2)
        for page in ("today", "person")
    }


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    gigabytes = int(memory.group(1)) / 1024 / 1024 if memory else 0
    return (
        f"{os.cpu_count()} cores ({cpu}), {gigabytes:.0f} GB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, {database_version()}"
    )


def database_version() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    return f"SQLite {sqlite3.sqlite_version}"


def main() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    log(f"{SIZE} book x {USERS} users on {DB}")
    previous = prepare_data()
    os.environ.update(environment(DATA, "coltiva_bench"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    users, metrics = books(previous)
    metrics.update(in_process(users))
    if "import" not in SKIP:
        log("import of 20,000 LinkedIn rows")
        metrics.update(import_20k())
        log("another user's writes during a 100,000-row import")
        metrics.update(import_concurrent())
    metrics.update(growth(metrics))
    result = {"size": SIZE, "db": DB, "machine": machine(), "metrics": metrics}
    from report import write

    for path in write(result):
        log(f"wrote {path.relative_to(ROOT)}")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
