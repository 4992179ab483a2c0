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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


def select(
    candidates: Iterable[T],
    *,
    limit: int = DEFAULT_LIMIT,
    get_to_know_max: int = GET_TO_KNOW_PER_DAY,
) -> list[T]:
    """The day's lines: by group, longest-waiting first, capped; few never-met people."""
    ordered: Sequence[T] = sorted(
        candidates, key=lambda c: (c.rank, c.waiting_since or date.max, str(c.key))
    )
    chosen: list[T] = []
    strangers = 0
    for item in ordered:
        if item.code == NextStepCode.GET_TO_KNOW.value:
            if strangers >= get_to_know_max:
                continue
            strangers += 1
        chosen.append(item)
        if len(chosen) >= limit:
            break
    return chosen
