"""A download that outlasts gunicorn's worker timeout arrives whole from
``coltiva serve --production``: the real server process, a real book, read over HTTP.

gunicorn's sync worker reports to its master only between requests, so one response that
streams for longer than ``--timeout`` got its worker killed with 200 already sent: a
500,000-person export stopped at 55.7 MB of 90.6 MB. The test sets a 2 s timeout and reads
the export slowly, through a small receive window, so the response lasts several times
that, whatever the speed of the machine.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")

PEOPLE = 3000
EMAIL = "slow@example.com"
PASSWORD = "a long download, read slowly"
WORKER_TIMEOUT_S = 2
NOTE = "What a good referral looks like for them. " * 90  # about 4,000 characters
DOWNLOAD_S = 3 * WORKER_TIMEOUT_S  # the least the throttled download lasts


# On a PostgreSQL run the server gets a database of its own on the same server (threads
# then hold a connection each); otherwise SQLite in its data directory.
SUITE_DATABASE = os.environ.get("COLTIVA_DATABASE_URL", "")
SERVER_DATABASE = SUITE_DATABASE + "_long_downloads" if SUITE_DATABASE else ""


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLTIVA_")}
    database = {"COLTIVA_DATABASE_URL": SERVER_DATABASE} if SERVER_DATABASE else {}
    return (
        env
        | database
        | {
            "COLTIVA_DATA_DIR": str(data_dir),
            "COLTIVA_WORKER_TIMEOUT": str(WORKER_TIMEOUT_S),
            "PYTHONUNBUFFERED": "1",
        }
    )


def _recreate_server_database(*, create: bool) -> None:
    import psycopg

    server, _slash, name = SERVER_DATABASE.rpartition("/")
    with psycopg.connect(server + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            admin.execute(f'CREATE DATABASE "{name}"')


def _coltiva(data_dir: Path, *args: str, stdin: str | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "coltiva.cli", *args],
        env=_env(data_dir),
        input=stdin,
        text=True,
        check=True,
        capture_output=True,
        timeout=600,
    )


def _names() -> list[str]:
    return [f"Given{i} Family{i}" for i in range(PEOPLE)]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database holding one account whose book has PEOPLE people."""
    path = tmp_path_factory.mktemp("long-downloads")
    if SERVER_DATABASE:
        _recreate_server_database(create=True)
    _coltiva(path, "migrate", "--no-input", "-v", "0")
    _coltiva(path, "adduser", EMAIL, "--password-stdin", stdin=PASSWORD + "\n")
    # Notes make the file far larger than the kernel's socket buffers (4 MB at most for
    # the server's), so the server must wait on the slow reader, not just hand it over.
    with (path / "contacts.csv").open("w", newline="") as contacts:
        writer = csv.writer(contacts)
        writer.writerow(["Given name", "Family name", "E-mail 1", "Notes"])
        for i in range(PEOPLE):
            writer.writerow([f"Given{i}", f"Family{i}", f"p{i}@example.com", NOTE])
    _coltiva(path, "import", str(path / "contacts.csv"), "--user", EMAIL, "--format", "csv")
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        status, _body = _get(port, "/healthz")
    except OSError:
        return False
    return status == 200


@pytest.fixture(scope="module")
def server(data_dir: Path) -> Iterator[int]:
    """``coltiva serve --production`` with one gunicorn worker and a 2 s worker timeout."""
    port = _free_port()
    command = ["serve", "--production", "--no-worker", "--port", str(port), "--workers", "1"]
    process = subprocess.Popen(
        [sys.executable, "-m", "coltiva.cli", *command],
        env=_env(data_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own group, so master and worker stop together
    )
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            assert time.monotonic() < deadline, "the server never answered"
            assert process.poll() is None, "the server stopped"
            time.sleep(0.3)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=45)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if SERVER_DATABASE:
            _recreate_server_database(create=False)


def _get(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _log_in(port: int) -> str:
    """The session cookie of EMAIL, through the log-in form as a browser would."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/accounts/login/")
        page = connection.getresponse()
        html = page.read().decode()
        csrf = SimpleCookie(page.getheader("Set-Cookie"))["csrftoken"].value
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token is not None
        form = urlencode({"csrfmiddlewaretoken": token[1], "username": EMAIL, "password": PASSWORD})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        }
        connection.request("POST", "/accounts/login/", body=form, headers=headers)
        answer = connection.getresponse()
        answer.read()
        assert answer.status == 302, "the log-in was refused"
        cookies = SimpleCookie()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        return f"csrftoken={csrf}; sessionid={cookies['sessionid'].value}"
    finally:
        connection.close()


def _small_window(port: int) -> socket.socket:
    """A connection whose receive window is small, so the server cannot hand a whole
    large body to the kernel and be done early: it waits on the reader."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connect
    sock.settimeout(30)
    sock.connect(("127.0.0.1", port))
    return sock


class _SlowReader:
    """An HTTP client that reads a response a little at a time through a small window."""

    def __init__(self, port: int, cookie: str) -> None:
        self.sock = _small_window(port)
        self.cookie = cookie

    def get(self, path: str, size_hint: int) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1")
        connection.sock = self.sock  # our socket, with its small window
        connection.request("GET", path, headers={"Cookie": self.cookie})
        response = connection.getresponse()
        pause = DOWNLOAD_S / max(size_hint // 8192, 1)
        pieces = []
        try:
            while piece := response.read(8192):
                pieces.append(piece)
                time.sleep(pause)
        except http.client.IncompleteRead:
            received = sum(map(len, pieces))
            pytest.fail(f"the download was cut after {received:,} of about {size_hint:,} bytes")
        finally:
            connection.close()
        return response.status, b"".join(pieces)


def _names_in_json(body: bytes) -> list[str]:
    return [f"{p['given_name']} {p['family_name']}" for p in json.loads(body)["people"]]


def _names_in_csv(body: bytes) -> list[str]:
    return [row["Name"] for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))]


def _names_in_vcard(body: bytes) -> list[str]:
    return [line[3:] for line in body.decode().splitlines() if line.startswith("FN:")]


@pytest.mark.parametrize(
    ("fmt", "names_in"),
    [("json", _names_in_json), ("csv", _names_in_csv), ("vcard", _names_in_vcard)],
)
def test_an_export_read_for_longer_than_the_worker_timeout_arrives_whole(
    server: int, fmt: str, names_in: Callable[[bytes], list[str]]
) -> None:
    cookie = _log_in(server)
    path = f"/imports/export/{fmt}/"
    status, quick = _get(server, path, cookie)
    assert status == 200
    started = time.monotonic()
    status, body = _SlowReader(server, cookie).get(path, len(quick))
    took = time.monotonic() - started

    assert status == 200
    assert took > 2 * WORKER_TIMEOUT_S  # the download did outlast the worker timeout
    assert sorted(names_in(body)) == sorted(_names())  # every person, exactly once


def test_a_long_download_leaves_the_only_worker_free_for_other_requests(server: int) -> None:
    cookie = _log_in(server)
    with _small_window(server) as download:
        request = f"GET /imports/export/json/ HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}"
        download.sendall(request.encode() + b"\r\n\r\n")
        assert download.recv(4096).startswith(b"HTTP/1.1 200")  # the export is under way...
        started = time.monotonic()
        assert _get(server, "/healthz") == (200, b"ok")  # ...and the worker answers others
        assert time.monotonic() - started < WORKER_TIMEOUT_S
