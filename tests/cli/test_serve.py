"""``coltiva serve``: the real server process, its worker and gunicorn, checked in the real
process table. Nothing it starts may outlive it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from coltiva.web.management.commands.serve import Command, WorkerSupervisor

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")


def test_a_worker_that_dies_is_started_again_and_stopped_with_the_server(tmp_path, db) -> None:
    # db: starting the supervisor first closes the jobs a killed worker left running.
    starts = tmp_path / "starts"
    supervisor = WorkerSupervisor()
    # A stand-in worker that records its start and exits at once, as a crashed one would.
    supervisor.COMMAND = (  # type: ignore[misc]
        sys.executable,
        "-c",
        f"open({str(starts)!r}, 'a').write('x')",
    )
    supervisor.start()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and len(starts.read_text() if starts.exists() else "") < 2:
        time.sleep(0.2)
    supervisor.stop()
    assert len(starts.read_text()) >= 2
    # Stopped means stopped: the watcher ends and starts no worker after stop().
    supervisor.thread.join(timeout=5)
    assert not supervisor.thread.is_alive()
    assert supervisor.process is not None and supervisor.process.poll() is not None
    after_stop = len(starts.read_text())
    time.sleep(2.5)  # longer than the watcher's restart delay
    assert len(starts.read_text()) == after_stop


def test_the_workers_default_comes_from_the_settings(settings) -> None:
    settings.WORKERS = 5
    parser = Command().create_parser("coltiva", "serve")
    assert parser.parse_args([]).workers == 5
    assert parser.parse_args(["--workers", "3"]).workers == 3


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_a_number_of_workers_that_cannot_serve_is_refused(cli, value: str) -> None:
    code, out, err = cli("serve", "--production", "--workers", value)
    assert code == 2
    assert "--workers" in err
    assert "is running" not in out


# --- The real process -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _alive(pid: int) -> bool:
    """In the process table and not a zombie waiting for its reaper."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def _wait(condition, seconds: float = 30) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with a migrated SQLite database, for the server's worker."""
    path = tmp_path_factory.mktemp("serve")
    subprocess.run(
        [sys.executable, "-m", "coltiva.cli", "migrate", "--no-input", "-v", "0"],
        env=_env(path),
        check=True,
        timeout=300,
    )
    return path


def _env(path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLTIVA_")}
    return env | {"COLTIVA_DATA_DIR": str(path), "PYTHONUNBUFFERED": "1"}


@pytest.fixture
def serve(data_dir: Path) -> Iterator:  # type: ignore[type-arg]
    started: list[subprocess.Popen[str]] = []

    def start(*args: str) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "coltiva.cli", "serve", *args],
            env=_env(data_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:  # a failed test must not leave a server behind either
        for pid in _descendants(process.pid):
            os.kill(pid, signal.SIGKILL)
        process.kill()
        process.wait()


def _running(process: subprocess.Popen[str], port: int, children: int) -> set[int]:
    """Wait until the server answers and has its children; return every descendant."""
    assert _wait(lambda: _answers(port)), "the server never answered"
    assert _wait(lambda: len(_descendants(process.pid)) >= children)
    return _descendants(process.pid)


def test_sigterm_stops_the_development_server_and_its_worker(serve, data_dir: Path) -> None:
    port = _free_port()
    server = serve("--port", str(port))
    children = _running(server, port, children=1)
    assert (data_dir / "served-address").read_text().strip() == f"http://127.0.0.1:{port}"

    server.send_signal(signal.SIGTERM)
    out, _ = server.communicate(timeout=30)
    assert "Coltiva stopped." in out
    assert _wait(lambda: not any(_alive(pid) for pid in children), 15), out
    assert not _answers(port)


def test_sigterm_stops_gunicorn_its_workers_and_the_task_worker(serve) -> None:
    port = _free_port()
    server = serve("--production", "--port", str(port), "--workers", "2")
    # The task worker, gunicorn's master and its two workers.
    children = _running(server, port, children=4)

    server.send_signal(signal.SIGTERM)
    server.communicate(timeout=60)
    assert _wait(lambda: not any(_alive(pid) for pid in children), 15)
    assert not _answers(port)


def test_a_server_killed_outright_takes_its_children_with_it(serve) -> None:
    port = _free_port()
    server = serve("--production", "--port", str(port), "--workers", "1")
    children = _running(server, port, children=3)

    server.send_signal(signal.SIGKILL)
    server.wait(timeout=10)
    assert _wait(lambda: not any(_alive(pid) for pid in children), 45)
    assert not _answers(port)


@pytest.mark.parametrize("mode", [[], ["--production"]], ids=["development", "production"])
def test_a_busy_port_is_reported_and_leaves_no_worker(serve, mode: list[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = serve(*mode, "--port", str(port))
        seen: set[int] = set()
        deadline = time.monotonic() + 60
        while server.poll() is None and time.monotonic() < deadline:
            seen |= _descendants(server.pid)
            time.sleep(0.05)
        out, _ = server.communicate(timeout=10)
    assert server.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}: the port is already in use" in out
    assert "is running" not in out
    assert not any(_alive(pid) for pid in seen)


def test_an_impossible_port_is_refused_before_claiming_to_run(serve) -> None:
    server = serve("--port", "99999")
    out, _ = server.communicate(timeout=60)
    assert server.returncode == 2
    assert "99999 is not a port: use 1 to 65535" in out
    assert "is running" not in out
