"""The targets of issue 8, and the results as JSON and Markdown tables (one per run, one
for every size and database measured, and the same table inside README.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- bench-results:start -->", "<!-- bench-results:end -->"

# name -> (comparison, target, unit); targets hold for the medium book on SQLite.
TARGETS: dict[str, tuple[str, float, str]] = {
    "today_ms": ("<=", 100, "ms"),
    "person_ms": ("<=", 50, "ms"),
    "people_search_ms": ("<=", 50, "ms"),
    "review_ms": ("<=", 300, "ms"),
    "board_ms": ("<=", 100, "ms"),
    "log_touch_ms": ("<=", 30, "ms"),
    "refresh_s": ("<=", 10, "s"),
    "assess_10k_ms": ("<=", 50, "ms"),
    "today_sql_floor_ratio": ("<=", 3, "x"),
    "today_growth": ("<=", 1.5, "x"),
    "person_growth": ("<=", 1.5, "x"),
    "web_rss_mb": ("<=", 300, "MB"),
    "load_rps": (">=", 200, "req/s"),
    "load_p95_ms": ("<=", 250, "ms"),
    "load_errors": ("<=", 0, ""),
    "import_20k_s": ("<=", 15, "s"),
    "import_concurrent_write_p95_ms": ("<=", 500, "ms"),
    "import_concurrent_errors": ("<=", 0, ""),
    "suggest_ms": ("<=", 200, "ms"),
    "suggest_all_s": ("<=", 60, "s"),
    "match_precision_at_5": (">=", 0.6, ""),
    "demo_generate_s": ("<=", 120, "s"),
}
COLUMNS = [(s, d) for s in ("medium", "large") for d in ("sqlite", "postgres")]


def met(name: str, value: float) -> bool | None:
    if name not in TARGETS:
        return None
    op, target, _unit = TARGETS[name]
    return value <= target if op == "<=" else value >= target


def _cell(name: str, value: Any) -> str:
    if value is None:
        return "-"
    ok = met(name, float(value))
    mark = "" if ok is None else (" ✓" if ok else " ✗")
    return f"{value}{mark}"


def _target(name: str) -> str:
    if name not in TARGETS:
        return ""
    op, target, unit = TARGETS[name]
    return f"{'≤' if op == '<=' else '≥'} {target:g} {unit}".strip()


def run_table(result: dict[str, Any]) -> str:
    lines = [
        f"{result['size']} book on {result['db']} — {result['machine']}",
        "",
        "| metric | value | target |",
        "|---|---|---|",
    ]
    for name, value in result["metrics"].items():
        lines.append(f"| `{name}` | {_cell(name, value)} | {_target(name)} |")
    return "\n".join(lines) + "\n"


def summary_table() -> str:
    """Every size and database measured so far, side by side."""
    found = {}
    for size, db in COLUMNS:
        path = RESULTS / f"{size}-{db}.json"
        if path.exists():
            found[(size, db)] = json.loads(path.read_text())
    if not found:
        return "No results yet: run `make bench`.\n"
    names = list(TARGETS) + sorted(
        {n for r in found.values() for n in r["metrics"] if n not in TARGETS}
    )
    header = "| metric | target | " + " | ".join(f"{s}, {d}" for s, d in found) + " |"
    lines = [header, "|---|---|" + "---|" * len(found)]
    for name in names:
        values = [r["metrics"].get(name) for r in found.values()]
        if all(v is None for v in values):
            continue
        cells = " | ".join(_cell(name, v) for v in values)
        lines.append(f"| `{name}` | {_target(name)} | {cells} |")
    # The machine string ends with the database's version: one line for both.
    machines = sorted({r["machine"].rsplit(", ", 1)[0] for r in found.values()})
    databases = sorted({r["machine"].rsplit(", ", 1)[-1] for r in found.values()})
    where = "; ".join(machines) + "; " + ", ".join(databases)
    return "\n".join(lines) + f"\n\nMachine: {where}.\n"


def write(result: dict[str, Any]) -> list[Path]:
    RESULTS.mkdir(exist_ok=True)
    stem = f"{result['size']}-{result['db']}"
    text = json.dumps(result, indent=2) + "\n"
    paths = [RESULTS / "latest.json", RESULTS / f"{stem}.json"]
    for path in paths:
        path.write_text(text)
    table = run_table(result)
    for path in (RESULTS / "latest.md", RESULTS / f"{stem}.md"):
        path.write_text(table)
        paths.append(path)
    summary = summary_table()
    (RESULTS / "summary.md").write_text(summary)
    paths.append(RESULTS / "summary.md")
    if update_readme(summary):
        paths.append(README)
    return paths


def update_readme(summary: str) -> bool:
    """Put the summary table between the README's markers (when it has them)."""
    text = README.read_text()
    if START not in text or END not in text:
        return False
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    README.write_text(pattern.sub(lambda _m: f"{START}\n{summary}{END}", text))
    return True
