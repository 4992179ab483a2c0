"""Hand-run timing check: how long one assessment of a 10,000-touch history takes.

Run it by hand, not in the suite (timings on a shared machine make flaky tests)::

    .venv/bin/python tests/domain/timing_assess.py [touches] [rounds]

The budget is well under 50 ms per assessment.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from coltiva.domain.touches import Direction, Kind, Touch
from coltiva.domain.vcp import assess, stage_history

TODAY = date(2025, 6, 30)


def history(size: int, seed: int = 7) -> list[Touch]:
    """A deterministic random history over ten years, every kind represented."""
    rng = random.Random(seed)
    kinds = list(Kind)
    touches = []
    for _ in range(size):
        kind = rng.choice(kinds)
        on = TODAY - timedelta(days=rng.randrange(3650))
        if kind is Kind.BUSINESS_CLOSED:
            direction = rng.choice(list(Direction))
            touches.append(Touch(kind, on, direction=direction, value=Decimal(rng.randrange(9999))))
        else:
            minutes = rng.choice([None, 15, 45, 90])
            touches.append(Touch(kind, on, minutes=minutes, event=rng.choice([None, "Expo"])))
    return touches


def timed(action: Callable[[], object], rounds: int) -> list[float]:
    spent = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        spent.append((time.perf_counter() - start) * 1000)
    return spent


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    touches = history(size)
    for label, action in (
        ("assess", lambda: assess(touches, TODAY)),
        ("stage_history", lambda: stage_history(touches, TODAY)),
    ):
        spent = timed(action, rounds)
        print(
            f"{label} of {size} touches: best {min(spent):.1f} ms, "
            f"median {statistics.median(spent):.1f} ms, worst {max(spent):.1f} ms "
            f"({rounds} rounds)"
        )


if __name__ == "__main__":
    main()
