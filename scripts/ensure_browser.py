"""Make sure Debian's Chromium is there for the browser tests (``make test`` calls this).

Playwright drives the system Chromium; it never downloads a browser of its own. When
Chromium is missing and we may install packages (root with apt-get), install it; otherwise
say how, and let the browser tests skip (CI=true turns any skip into a failure).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    if os.path.exists(CHROMIUM):
        return 0
    apt = shutil.which("apt-get")
    if apt and os.geteuid() == 0:
        print("Installing Debian's chromium for the browser tests...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run([apt, "update", "-qq"], check=False, env=env)  # noqa: S603
        result = subprocess.run(  # noqa: S603
            [apt, "install", "-y", "-qq", "chromium"], check=False, env=env
        )
        return 0 if result.returncode == 0 else result.returncode
    print(
        "Chromium is not installed: browser tests will be skipped "
        "(install it with: sudo apt-get install chromium).",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
