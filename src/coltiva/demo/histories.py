"""Touches that tell each relationship's story, by the kind of relationship it is.

Dates are days before today (``ago``; 0 is today). Each archetype lays down the touches
that make it what it is (its *core*: a new acquaintance's meeting at an event, the
coffees and favours of a growing relationship, referrals flowing both ways in a
profitable one); *filler* touches then bring the book to its size. Filler is always
dated before the last contact and drawn from kinds that cannot move the relationship to
another stage, so every archetype keeps the stage and health it was drawn for.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from coltiva.demo import vocabulary as words

MEETINGS = ("coffee", "coffee", "one_to_one", "meal")
MEETING_MINUTES = {"coffee": (30, 60), "one_to_one": (45, 90), "meal": (60, 120)}
GIVING = ("helped", "helped", "invited_to_group", "testimonial_given", "thanked")
# Filler that cannot change a stage: contacts and favours, never business, asks or let-downs.
LIGHT_FILLER = ("conversation", "conversation", "message_sent", "message_sent", "event_together")
RICH_FILLER = (
    *LIGHT_FILLER,
    "coffee",
    "meal",
    "helped",
    "thanked",
    "help_received",
    "testimonial_given",
    "invited_to_group",
)


@dataclass(slots=True)
class ReferralSpec:
    direction: str  # "given" or "received"
    status: str
    warmth: int
    value: Decimal | None
    prospect: int  # a draw the writer turns into someone of the book or a description


@dataclass(slots=True)
class TouchSpec:
    kind: str
    ago: int
    minutes: int | None = None
    direction: str = ""
    value: Decimal | None = None
    event: int | None = None
    note: str = ""
    referral: ReferralSpec | None = None
    role: str = ""  # for a referral: "opens", "closes" (business closed) or "thanks"


class History:
    """One relationship's touches as they are drawn."""

    def __init__(self, rng: random.Random, events: Sequence[int], language: str) -> None:
        self.rng = rng
        self.events = events  # days ago of the book's events, most recent first
        self.language = language
        self.touches: list[TouchSpec] = []

    def add(
        self,
        kind: str,
        ago: int,
        *,
        minutes: int | None = None,
        direction: str = "",
        value: Decimal | None = None,
        event: int | None = None,
        note: str = "",
        referral: ReferralSpec | None = None,
        role: str = "",
    ) -> TouchSpec:
        touch = TouchSpec(kind, max(0, ago), minutes, direction, value, event, note, referral, role)
        if self.rng.random() < 0.15 and not touch.note:
            touch.note = self.rng.choice(
                words.NOTES_IT if self.language == "it" else words.NOTES_EN
            )
        self.touches.append(touch)
        return touch

    def event_between(self, newest: int, oldest: int) -> int | None:
        """An event (its index) dated inside the range, if the book has one."""
        lo = bisect.bisect_left(self.events, newest)
        hi = bisect.bisect_right(self.events, oldest)
        return self.rng.randrange(lo, hi) if hi > lo else None

    def first_meeting(self, newest: int, oldest: int, at_event: float = 0.6) -> int:
        """``met``, often at an event; returns its day."""
        event = self.event_between(newest, oldest) if self.rng.random() < at_event else None
        ago = self.events[event] if event is not None else self.rng.randint(newest, oldest)
        self.add("met", ago, event=event)
        return ago

    def meeting(self, ago: int, kind: str = "") -> None:
        kind = kind or self.rng.choice(MEETINGS)
        low, high = MEETING_MINUTES[kind]
        self.add(kind, ago, minutes=self.rng.randrange(low, high + 1, 15))

    def meetings(self, count: int, newest: int, oldest: int) -> None:
        """``count`` substantive meetings on different days, the first on ``newest``."""
        days = {newest}
        while len(days) < count and oldest - newest >= count:
            days.add(self.rng.randint(newest, oldest))
        for day in sorted(days):
            self.meeting(day)

    def giving(self, count: int, newest: int, oldest: int) -> None:
        for _ in range(count):
            self.add(self.rng.choice(GIVING), self.rng.randint(newest, oldest))

    def referral(self, direction: str, ago: int, *, thank: bool = True) -> None:
        """A referral given or received, and what became of it: business closed for
        whoever was referred, and a thank-you for one received."""
        status = self._status(ago)
        value = Decimal(self.rng.randrange(300, 30_000, 50)) if status == "won" else None
        spec = ReferralSpec(
            direction, status, self.rng.randint(1, 5), value, self.rng.randrange(10**9)
        )
        kind = "referral_given" if direction == "given" else "referral_received"
        self.add(kind, ago, referral=spec, role="opens")
        if status != "won":
            return
        closed = max(0, ago - self.rng.randint(7, 60))
        for_whom = "for_them" if direction == "given" else "for_me"
        self.add(
            "business_closed", closed, direction=for_whom, value=value, referral=spec, role="closes"
        )
        if direction == "received" and thank:
            self.add(
                "thanked", max(0, closed - self.rng.randint(0, 5)), referral=spec, role="thanks"
            )

    def _status(self, ago: int) -> str:
        if ago > 120:
            return self.rng.choices(["won", "lost", "meeting"], weights=[5, 4, 1])[0]
        return self.rng.choices(["given", "contacted", "meeting", "won"], weights=[3, 3, 2, 2])[0]

    def promise(self, newest: int, oldest: int) -> int:
        """A promise made, then mostly kept; returns 1 when it was broken."""
        made = self.rng.randint(newest, oldest)
        self.add("promise_made", made)
        outcome = self.rng.random()
        if outcome < 0.75 and made > 0:
            self.add("promise_kept", made - self.rng.randint(1, min(made, 14)))
        elif outcome < 0.9 and made > 0:
            self.add("promise_broken", made - self.rng.randint(1, min(made, 30)))
            return 1
        return 0


# --- Archetypes: the core of each kind of relationship ------------------------------------------
# Each returns the window ``(newest, oldest)`` in days ago where its filler may go.


def imported(h: History) -> tuple[int, int] | None:
    """A contact imported from a phone or LinkedIn, never met: at most a message."""
    if h.rng.random() < 0.15:
        h.add("message_sent", h.rng.randint(5, 400))
    return None


def new(h: History) -> tuple[int, int] | None:
    """Met at an event in the last month; the follow-up often still to do."""
    met = h.first_meeting(1, 30, at_event=0.9)
    draw = h.rng.random()
    if 0.5 <= draw < 0.8 and met >= 1:
        h.add("message_sent", met - h.rng.randint(1, min(met, 2)))
    elif draw >= 0.8:
        h.add("conversation", max(0, met - h.rng.randint(1, 5)))
    if h.rng.random() < 0.15:
        h.add("promise_made", met)
    return None


def acquaintance(h: History) -> tuple[int, int] | None:
    """Known by sight (visibility): met once, spoken now and then, at any recency."""
    first = h.rng.randint(60, 1500)
    h.first_meeting(first, first + 30)
    # Recency is spread so every health shows: some spoken to this month, many not.
    oldest = min(first - 1, 700)
    last = h.rng.randint(3, min(oldest, h.rng.choice([60, 200, 700])))
    h.add(h.rng.choice(["conversation", "event_together", "conversation"]), last)
    if h.rng.random() < 0.3:
        h.meeting(h.rng.randint(last, first))
    if h.rng.random() < 0.1:
        h.add("help_received", h.rng.randint(last, first))
    if last < 80 and h.rng.random() < 0.1:
        # Asking for business before credibility exists: the method's early ask.
        h.add("ask", h.rng.randint(0, last))
    return (last, first)


def growing(h: History) -> tuple[int, int] | None:
    """Credibility: meetings on different days, favours given, the odd promise."""
    first = h.rng.randint(200, 1500)
    h.first_meeting(first, first + 60)
    last = int(h.rng.triangular(0, 80, 10))
    h.meetings(h.rng.randint(2, 3), last, min(364, first - 1))
    negatives = 0
    if h.rng.random() < 0.3:
        negatives += h.promise(last, min(200, first - 1))
    if h.rng.random() < 0.05:
        h.add("no_show", h.rng.randint(last, 300))
        negatives += 1
    year = min(364, first - 1)
    h.giving(h.rng.randint(1, 3) + negatives, last, year)
    draw = h.rng.random()
    if draw < 0.25:
        h.referral("given", h.rng.randint(last, year))
    elif draw < 0.35:
        h.referral("received", h.rng.randint(max(last, 8), year))
    return (last, first)


def profitable(h: History) -> tuple[int, int] | None:
    """Profitability: one-to-ones, referrals both ways in the year, thanks (mostly)."""
    first = h.rng.randint(365, 2500)
    h.first_meeting(first, first + 60)
    last = h.rng.randint(0, 100)
    h.meetings(h.rng.randint(3, 5), last, 364)
    h.giving(h.rng.randint(2, 4), last, 364)
    for _ in range(h.rng.randint(1, 3)):
        h.referral("given", h.rng.randint(last, 364))
    unthanked = h.rng.random() < 0.1
    for _ in range(h.rng.randint(1, 2)):
        h.referral("received", h.rng.randint(max(last, 10), 364), thank=not unthanked)
    asks = 3 if h.rng.random() < 0.03 else h.rng.randint(0, 2)
    for _ in range(asks):
        h.add("ask", h.rng.randint(0, 89))
    if h.rng.random() < 0.3:
        h.promise(last, 200)
        h.giving(1, last, 364)
    return (last, first)


def withering(h: History) -> tuple[int, int] | None:
    """Credibility (or more) earned within the year, then left untended for months."""
    first = h.rng.randint(400, 2000)
    h.first_meeting(first, first + 60)
    last = h.rng.randint(95, 200) if h.rng.random() < 0.8 else h.rng.randint(200, 300)
    h.meetings(2, last, 364)
    h.giving(h.rng.randint(1, 2), last, 364)
    if h.rng.random() < 0.3:
        h.referral("given", h.rng.randint(last, 364))
        h.referral("received", h.rng.randint(last, 364))
    return (last, first)


def dormant(h: History) -> tuple[int, int] | None:
    """A tie from years ago: worth reviving, not deleting."""
    first = h.rng.randint(800, 3000)
    h.first_meeting(first, first + 60)
    last = h.rng.randint(400, min(first - 1, 2500))
    h.add(h.rng.choice(["conversation", "coffee", "event_together"]), last)
    if h.rng.random() < 0.5:
        h.meetings(2, h.rng.randint(last, first), first)
    if h.rng.random() < 0.3:
        h.referral("given", h.rng.randint(last, first))
    return (last, first)


ARCHETYPE_CORES: dict[str, Callable[[History], tuple[int, int] | None]] = {
    "imported": imported,
    "new": new,
    "acquaintance": acquaintance,
    "growing": growing,
    "profitable": profitable,
    "withering": withering,
    "dormant": dormant,
}
# Share of the filler each archetype takes: long, rich relationships have long histories.
FILLER_WEIGHT = {
    "imported": 0.0,
    "new": 0.0,
    "acquaintance": 1.0,
    "growing": 2.5,
    "profitable": 5.0,
    "withering": 2.0,
    "dormant": 1.5,
}
FILLER_KINDS = {
    "acquaintance": LIGHT_FILLER,
    "growing": RICH_FILLER,
    "profitable": (*RICH_FILLER, "one_to_one", "ask"),
    "withering": RICH_FILLER,
    "dormant": RICH_FILLER,
}


def core(
    archetype: str, rng: random.Random, events: Sequence[int], language: str, intros: Sequence[int]
) -> tuple[History, tuple[int, int] | None]:
    h = History(rng, events, language)
    window = ARCHETYPE_CORES[archetype](h)
    for ago in intros:
        h.add("introduced", ago)
    return h, window


def fill(h: History, archetype: str, window: tuple[int, int] | None, count: int) -> None:
    """``count`` more touches dated inside ``window`` that leave the stage as it is."""
    if window is None or count <= 0:
        return
    newest, oldest = window
    kinds = FILLER_KINDS[archetype]
    for _ in range(count):
        ago = h.rng.randint(newest, oldest)
        kind = h.rng.choice(kinds)
        if kind == "ask" and ago < 90:
            kind = "conversation"  # asks inside 90 days would be the core's to decide
        if kind in MEETING_MINUTES:
            h.meeting(ago, kind)
        elif kind == "event_together":
            h.add(kind, ago, event=h.event_between(ago, ago + 3))
        else:
            h.add(kind, ago)
