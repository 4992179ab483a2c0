"""The farmer's agenda: which next steps are due on a day, and in what order.

The method's precedence is kept: promises, then thanks owed, then follow-ups after
events, then planned meetings, then relationships withering (credibility and
profitability before visibility: the more trust there is, the more there is to lose),
then the routine steps of each stage. Within a group, what has waited longest comes first.

Choices where the method is silent:

* A follow-up appears from the day after the meeting (it is due two days after it).
* Promises, thanks, follow-ups and reconnecting are due as soon as they hold.
* A routine step (meet again, give first, give a referral, ...) becomes due half-way
  through the relationship's cadence after the last contact: tend a crop before it needs
  tending, not the day after the coffee.
* ``get_to_know`` (people never met, often imported) is due from the day they entered
  the book, and at most two a day are shown, so a 20,000-contact import never buries the
  relationships already growing.
* No kind of item hides another: the day's lines are dealt in rounds, one of each kind
  per round in the order above, so seven thanks owed never push out a follow-up that
  is due the day after a meeting. What is left over is counted, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from coltiva.domain.assessment import NextStepCode, Stage

PLAN = "plan"
DEFAULT_LIMIT = 10
GET_TO_KNOW_PER_DAY = 2

# Lower ranks come first. Reconnect is split by stage; a plan sits after follow-ups.
_RANKS: dict[str, int] = {
    NextStepCode.KEEP_PROMISE.value: 0,
    NextStepCode.SAY_THANK_YOU.value: 1,
    NextStepCode.FOLLOW_UP.value: 2,
    PLAN: 3,
    # 4, 5: reconnect at profitability/credibility, then at visibility or none.
    NextStepCode.GIVE_REFERRAL.value: 6,
    NextStepCode.ASK_FOR_REFERRAL.value: 7,
    NextStepCode.GIVE_FIRST.value: 8,
    NextStepCode.REBUILD_TRUST.value: 9,
    NextStepCode.MEET_AGAIN.value: 10,
    NextStepCode.NURTURE.value: 11,
    NextStepCode.GET_TO_KNOW.value: 12,
}
_URGENT = {
    NextStepCode.KEEP_PROMISE,
    NextStepCode.SAY_THANK_YOU,
    NextStepCode.RECONNECT,
}


def rank(code: str, stage: Stage) -> int:
    """The agenda group of a next step (or ``plan``); lower comes first."""
    if code == NextStepCode.RECONNECT.value:
        return 4 if stage.rank >= Stage.CREDIBILITY.rank else 5
    return _RANKS[code]


def due_on(
    code: NextStepCode,
    *,
    waiting_since: date | None,
    last_contact: date | None,
    cadence_days: int,
    assessed_on: date,
    created_on: date,
) -> date | None:
    """The first day the step belongs on the agenda (None: never, e.g. nothing to do)."""
    if code in _URGENT:
        return min(waiting_since or assessed_on, assessed_on)
    if code is NextStepCode.FOLLOW_UP:
        return (waiting_since or assessed_on) + timedelta(days=1)
    if code is NextStepCode.GET_TO_KNOW and last_contact is None:
        return created_on
    anchor = last_contact or waiting_since or created_on
    return anchor + timedelta(days=max(1, cadence_days // 2))


@dataclass(frozen=True)
class Candidate:
    """One possible agenda line, as stored: enough to rank it without its history."""

    key: object
    code: str
    rank: int
    waiting_since: date | None


T = TypeVar("T", bound=Candidate)


def order(item: Candidate) -> tuple[int, date, str]:
    """Agenda order: precedence, then what waited longest."""
    return (item.rank, item.waiting_since or date.max, str(item.key))


def by_kind(candidates: Iterable[T]) -> dict[str, list[T]]:
    """The items of each kind, the kinds in precedence order (a kind ranks by its first
    item, so a kind added later needs only a rank), each kind's items in agenda order:
    precedence first (reconnecting splits by stage), then what waited longest."""
    kinds: dict[str, list[T]] = {}
    for item in sorted(candidates, key=order):
        kinds.setdefault(item.code, []).append(item)
    return dict(sorted(kinds.items(), key=lambda pair: (pair[1][0].rank, pair[0])))


def select(
    candidates: Iterable[T],
    *,
    limit: int = DEFAULT_LIMIT,
    get_to_know_max: int = GET_TO_KNOW_PER_DAY,
) -> list[T]:
    """The day's lines, dealt in rounds: the first item of every kind in precedence
    order, then the second of each, and so on until ``limit``; at most ``get_to_know_max``
    people never met. Shown in agenda order."""
    queues = by_kind(candidates)
    if NextStepCode.GET_TO_KNOW.value in queues:
        queues[NextStepCode.GET_TO_KNOW.value] = queues[NextStepCode.GET_TO_KNOW.value][
            : max(get_to_know_max, 0)
        ]
    chosen: list[T] = []
    deepest = max((len(q) for q in queues.values()), default=0)
    for round_ in range(deepest):
        for queue in queues.values():
            if len(chosen) >= limit:
                return sorted(chosen, key=order)
            if round_ < len(queue):
                chosen.append(queue[round_])
    return sorted(chosen, key=order)


def left_over(due: Mapping[str, int], shown: Iterable[Candidate]) -> dict[str, int]:
    """What is due and not shown, per kind (``due``: every due item's count by kind, in
    precedence order), leaving out the kinds with nothing left."""
    taken: dict[str, int] = {}
    for item in shown:
        taken[item.code] = taken.get(item.code, 0) + 1
    rest = {code: count - taken.get(code, 0) for code, count in due.items()}
    return {code: count for code, count in rest.items() if count > 0}
