"""``coltiva serve`` keeps its background worker alive."""

from __future__ import annotations

import sys
import time

from coltiva.web.management.commands.serve import WorkerSupervisor


def test_a_worker_that_dies_is_started_again_and_stopped_with_the_server(tmp_path) -> None:
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
    assert not supervisor.thread.is_alive() or supervisor.stopping.is_set()
