"""The production server under load: gunicorn (2 threaded workers) via ``coltiva serve
--production --no-worker``, ``wrk`` from 127.0.0.1 for 20 s cycling through Today,
person pages and searches of several users (each request with its user's session
cookie), then the peak memory of the web workers."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

DURATION_S = int(os.environ.get("BENCH_LOAD_S", "20"))
THREADS = 2
RUNS = int(os.environ.get("BENCH_LOAD_RUNS", "3"))
CONNECTIONS = 10
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def ensure_wrk() -> str:
    """Debian's wrk, installed on first use (the harness runs as root on these machines)."""
    found = shutil.which("wrk")
    if found:
        return found
    for step in (["apt-get", "install", "-y", "wrk"], ["apt-get", "update"]):
        if subprocess.run(step, check=False, capture_output=True).returncode == 0 and shutil.which(
            "wrk"
        ):
            break
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk") or "wrk"


def start_server(env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "coltiva.cli", "serve", "--production", "--no-worker"]
    command += ["--host", "127.0.0.1", "--port", str(PORT), "--workers", "2"]
    # A session of its own, so the whole server (master and workers) stops together.
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:  # refused, reset or timed out: a loaded machine starts slowly
            time.sleep(0.3)
    stop_server(server)
    raise RuntimeError("the production server did not start")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect here means the session was refused: report it


def visit(path: str, cookie: str) -> int:
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": cookie})
    try:
        with opener.open(request, timeout=60) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def mix(
    visits: Sequence[tuple[str, Sequence[int], Sequence[str]]], seed: int = 3
) -> list[tuple[str, str]]:
    """(path, cookie) pairs: per user Today twice, six person pages, two searches."""
    rng = random.Random(seed)
    found = []
    for cookie, people, searches in visits:
        paths = ["/", "/"] + [f"/people/{pid}/" for pid in rng.sample(list(people), 6)]
        paths += [f"/people/?q={quote(term)}" for term in rng.sample(list(searches), 2)]
        found += [(path, cookie) for path in paths]
    rng.shuffle(found)
    return found


def warm(requests: Sequence[tuple[str, str]], extra: Sequence[tuple[str, str]]) -> None:
    """Every page of the suite through the server first, so the workers hold what a
    day's use leaves in them; every answer must be a page, not a redirect to log in."""
    for path, cookie in [*requests, *extra, *requests]:
        status = visit(path, cookie)
        if status != 200:
            raise RuntimeError(f"{path} answered {status} through the server")


LUA = """
local requests = {}
local entries = %s
local i = 0
init = function(args)
  for _, e in ipairs(entries) do
    requests[#requests + 1] = wrk.format("GET", e[1], {["Cookie"] = e[2]})
  end
  i = math.random(#requests)
end
request = function()
  i = i %% #requests + 1
  return requests[i]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH p95_us=%%d socket_errors=%%d status_errors=%%d\\n",
    latency:percentile(95), e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def run_wrk(requests: Sequence[tuple[str, str]]) -> dict[str, float]:
    wrk = ensure_wrk()
    entries = "{" + ",".join(f"{{{_lua(p)}, {_lua(c)}}}" for p, c in requests) + "}"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % entries)
    try:
        out = subprocess.run(
            [
                wrk,
                f"-t{THREADS}",
                f"-c{CONNECTIONS}",
                f"-d{DURATION_S}s",
                "-s",
                script.name,
                f"http://127.0.0.1:{PORT}",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        Path(script.name).unlink()
    return _parse(out)


def _lua(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string for these characters


def _parse(out: str) -> dict[str, float]:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    mine = re.search(r"BENCH p95_us=(\d+) socket_errors=(\d+) status_errors=(\d+)", out)
    if not rps or not mine:
        raise RuntimeError(f"unexpected wrk output:\n{out}")
    return {
        "load_rps": round(float(rps.group(1)), 1),
        "load_p95_ms": round(int(mine.group(1)) / 1000, 1),
        "load_errors": int(mine.group(2)) + int(mine.group(3)),
    }


def workers_peak_rss_mb(server: subprocess.Popen[bytes]) -> float:
    """The highest peak RSS (VmHWM) among the server's leaf processes: the web workers."""
    children: dict[int, list[int]] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        children.setdefault(int(fields["PPid"].strip()), []).append(int(fields["Pid"].strip()))
    tree, queue = [], [server.pid]
    while queue:
        pid = queue.pop()
        tree.append(pid)
        queue += children.get(pid, [])
    leaves = [pid for pid in tree if pid not in children]
    peaks = [_peak_kb(pid) for pid in leaves]
    return round(max(peaks, default=0) / 1024, 1)


def _peak_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"VmHWM:\s+(\d+) kB", text)
    return int(match.group(1)) if match else 0


def measure(
    env: dict[str, str],
    visits: Sequence[tuple[str, Sequence[int], Sequence[str]]],
    extra: Sequence[tuple[str, str]],
) -> dict[str, float]:
    server = start_server(env)
    try:
        requests = mix(visits)
        warm(requests, extra)
        # Three runs, the median reported: on a shared 2-core machine one 20 s run moved
        # by a quarter from one minute to the next (bench/README.md).
        runs = [run_wrk(requests) for _ in range(RUNS)]
        results = {
            "load_rps": statistics.median(r["load_rps"] for r in runs),
            "load_p95_ms": statistics.median(r["load_p95_ms"] for r in runs),
            "load_errors": sum(r["load_errors"] for r in runs),
            "load_rps_min": min(r["load_rps"] for r in runs),
            "load_rps_max": max(r["load_rps"] for r in runs),
        }
        results["web_rss_mb"] = workers_peak_rss_mb(server)
        return results
    finally:
        stop_server(server)
