"""Issue 13 item 3: Django template partials against Jinja2 fragments for the row lists,
measured alternately in one run (`make bench-render`, see bench/README.md).

The machine's speed moves by a third within an hour, so the two paths are measured in
turn, three rounds each (the order flips every round): in this process, the median
server time (wall and this process's CPU) of Today, a person page and a people search
(60 requests each after warm-up, as `measures.page_times`); then the production
server started with that path under `wrk` (one 20 s run, `load.py`). It uses the
medium SQLite books of `make bench` (`var/bench/medium-sqlite/`), writing them first
when missing.

The path is chosen by the measurement-only setting `RENDER_PATH` (environment variable
`BENCH_RENDER_PATH`), which exists only in the measuring commit, 92de343: the Jinja2 path
won and the Django partials were removed after it (bench/README.md, note 14). To measure
again, run it there (`git worktree add /tmp/render 92de343 && cd /tmp/render && make
bench-render`). Writes bench/results/render-compare.json and prints a Markdown table.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("BENCH_REUSE", "1")  # the books of the last medium run, if any
os.environ.setdefault("BENCH_SIZE", "medium")
os.environ.setdefault("BENCH_DB", "sqlite")
os.environ.setdefault("BENCH_PORT", "8121")  # make bench's 8765 may be in use by a full run

import run  # noqa: E402 - needs the defaults above

PATHS = ("django", "jinja2")
ROUNDS = int(os.environ.get("BENCH_RENDER_ROUNDS", "3"))
PAGES = ("today", "person", "people_search")


def page_times(people: list[Any], path: str) -> dict[str, float]:
    """Median wall and CPU time of each page (the CPU time of this process moves less
    with the other work on a shared machine than the wall time)."""
    from django.test import override_settings

    renderer = (
        "django.forms.renderers.Jinja2"
        if path == "jinja2"
        else "django.forms.renderers.TemplatesSetting"
    )
    # override_settings signals the form renderer's cache to be cleared.
    with override_settings(RENDER_PATH=path, FORM_RENDERER=renderer):
        results: dict[str, float] = {}
        for name in PAGES:
            results.update(_page(people, name))
        return results


def _page(people: list[Any], name: str) -> dict[str, float]:
    import measures

    url_for = measures.PAGES[name]
    for visitor in people:
        for _ in range(measures.WARM_UP):
            _timed(visitor, url_for(visitor))
    wall, cpu = [], []
    for i in range(measures.REQUESTS):
        spent = _timed(people[i % len(people)], url_for(people[i % len(people)]))
        wall.append(spent[0])
        cpu.append(spent[1])
    return {f"{name}_ms": measures.median_ms(wall), f"{name}_cpu_ms": measures.median_ms(cpu)}


def _timed(visitor: Any, url: str) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    response = visitor.client.get(url)
    spent = time.perf_counter() - wall, time.process_time() - cpu
    visitor.cursor += 1
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code} for {visitor.user.email}")
    return spent


def load_run(people: list[Any], path: str) -> dict[str, float]:
    import load as server_load

    visits = []
    for visitor in people:
        cookie = f"sessionid={visitor.client.cookies['sessionid'].value}"
        visits.append((cookie, visitor.people, visitor.searches))
    env = {**os.environ, **run.environment(run.DATA, "coltiva_bench"), "BENCH_RENDER_PATH": path}
    saved = server_load.RUNS
    server_load.RUNS = 1
    try:
        return server_load.measure(env, visits, [])
    finally:
        server_load.RUNS = saved


def summary(rounds: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Per path, the median of each metric over the rounds, with its min and max."""
    out: dict[str, dict[str, float]] = {}
    for path in PATHS:
        metrics = [m for m in rounds[0][path] if m not in ("load_rps_min", "load_rps_max")]
        values = {m: [r[path][m] for r in rounds] for m in metrics}
        out[path] = {m: statistics.median(v) for m, v in values.items()}
        out[path].update({f"{m}_min": min(v) for m, v in values.items()})
        out[path].update({f"{m}_max": max(v) for m, v in values.items()})
    return out


def table(rounds: list[dict[str, dict[str, float]]]) -> str:
    metrics = [*(f"{p}_{t}ms" for p in PAGES for t in ("", "cpu_"))]
    metrics += ["load_rps", "load_p95_ms", "load_errors"]
    lines = ["| round | path | " + " | ".join(f"`{m}`" for m in metrics) + " |"]
    lines.append("|---" * (len(metrics) + 2) + "|")
    for n, found in enumerate(rounds, 1):
        for path in found["order"]:  # type: ignore[union-attr]
            row = " | ".join(str(found[path][m]) for m in metrics)
            lines.append(f"| {n} | {path} | {row} |")
    medians = summary([{p: r[p] for p in PATHS} for r in rounds])
    for path in PATHS:
        row = " | ".join(str(round(medians[path][m], 2)) for m in metrics)
        lines.append(f"| median | {path} | {row} |")
    return "\n".join(lines)


def main() -> None:
    run.log(f"render paths compared: {', '.join(PATHS)}, {ROUNDS} rounds")
    previous = run.prepare_data()
    os.environ.update(run.environment(run.DATA, "coltiva_bench"))
    import django

    django.setup()
    import measures
    from django.conf import settings

    if not hasattr(settings, "RENDER_PATH"):
        sys.exit("One rendering path is left: run this at commit 92de343 (see its docstring).")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    users, _ = run.books(previous)
    people = measures.visitors(users)
    rounds: list[dict[str, Any]] = []
    for n in range(ROUNDS):
        order = PATHS if n % 2 == 0 else PATHS[::-1]
        found: dict[str, Any] = {"order": list(order)}
        for path in order:
            run.log(f"round {n + 1}: {path}, pages in process")
            found[path] = page_times(people, path)
            run.log(f"round {n + 1}: {path}, production server under wrk")
            found[path].update(load_run(people, path))
            run.log(f"  {found[path]}")
        rounds.append(found)
    result = {
        "machine": run.machine(),
        "rounds": rounds,
        "medians": summary([{p: r[p] for p in PATHS} for r in rounds]),
    }
    out = ROOT / "bench" / "results" / "render-compare.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    run.log(f"wrote {out.relative_to(ROOT)}")
    print(table(rounds))


if __name__ == "__main__":
    main()
