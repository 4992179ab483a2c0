"""The vocabulary of an assessment: stages, health, warnings, next steps and tunables.

Kept apart from the rules (``vcp.py`` and its helpers) so every rule module can import
it without cycles; ``coltiva.domain.vcp`` re-exports all of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum


class Stage(StrEnum):
    NONE = "none"
    VISIBILITY = "visibility"
    CREDIBILITY = "credibility"
    PROFITABILITY = "profitability"

    @property
    def rank(self) -> int:
        return _STAGE_RANK[self]


_STAGE_RANK = {stage: rank for rank, stage in enumerate(Stage)}


class Health(StrEnum):
    SEED = "seed"
    THRIVING = "thriving"
    NEEDS_TENDING = "needs_tending"
    WITHERING = "withering"
    DORMANT = "dormant"


class WarningCode(StrEnum):
    ASKED_TOO_EARLY = "asked_too_early"
    HARVESTING_TOO_OFTEN = "harvesting_too_often"
    TAKING_MORE_THAN_GIVING = "taking_more_than_giving"
    UNTHANKED = "unthanked"
    PROMISE_OPEN = "promise_open"
    FOLLOW_UP_DUE = "follow_up_due"


class NextStepCode(StrEnum):
    KEEP_PROMISE = "keep_promise"
    SAY_THANK_YOU = "say_thank_you"
    FOLLOW_UP = "follow_up"
    RECONNECT = "reconnect"
    GET_TO_KNOW = "get_to_know"
    MEET_AGAIN = "meet_again"
    REBUILD_TRUST = "rebuild_trust"
    GIVE_FIRST = "give_first"
    GIVE_REFERRAL = "give_referral"
    ASK_FOR_REFERRAL = "ask_for_referral"
    NURTURE = "nurture"


class FutureTouchError(ValueError):
    """A touch is dated after the day of the assessment: plans are not touches."""


@dataclass(frozen=True)
class Params:
    """Every tunable of the method, with the defaults of the domain description."""

    visibility_half_life_days: int = 90
    credibility_half_life_days: int = 180
    profitability_half_life_days: int = 365
    score_floor: int = 10
    # Decayed weight that fills each bar: the next stage's threshold met with fresh touches.
    visibility_target: float = 2.0
    meeting_days_needed: int = 2
    # Duration: +1 weight per 30 minutes beyond the first 30, at most +2 (a long lunch).
    duration_unit_minutes: int = 30
    duration_bonus_cap: float = 2.0
    visibility_cadence_days: int = 30
    credibility_cadence_days: int = 45
    profitability_cadence_days: int = 60
    needs_tending_factor: int = 2
    withering_factor: int = 4
    contact_window_days: int = 730
    evidence_window_days: int = 365
    ask_window_days: int = 90
    harvest_ask_count: int = 3
    taking_window_days: int = 180
    thank_grace_days: int = 7
    promise_grace_days: int = 7
    follow_up_window_days: int = 30
    follow_up_due_days: int = 2

    def __post_init__(self) -> None:
        # Groups tune these from settings: a zero half-life or cadence would divide by zero
        # or make every relationship wither, so refuse it where it is set.
        for name, value in vars(self).items():
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be a number >= 0, not {value!r}")
        for name in _POSITIVE:
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be above 0")

    def cadence(self, stage: Stage) -> int:
        """Days between contacts that keep a relationship at ``stage`` thriving."""
        if stage is Stage.PROFITABILITY:
            return self.profitability_cadence_days
        if stage is Stage.CREDIBILITY:
            return self.credibility_cadence_days
        # Stage none has no rhythm of its own; the first one to aim for is visibility's.
        return self.visibility_cadence_days


_POSITIVE = (
    "visibility_half_life_days",
    "credibility_half_life_days",
    "profitability_half_life_days",
    "visibility_target",
    "duration_unit_minutes",
    "visibility_cadence_days",
    "credibility_cadence_days",
    "profitability_cadence_days",
)

DEFAULT_PARAMS = Params()


@dataclass(frozen=True, slots=True)
class Scores:
    visibility: int
    credibility: int
    profitability: int


@dataclass(frozen=True)
class Flag:
    """A guardrail that holds; ``since`` is the day of the oldest touch behind it."""

    code: WarningCode
    since: date
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class NextStep:
    code: NextStepCode
    params: Mapping[str, object] = field(default_factory=dict)
    # The day the action became due: agendas put whatever waited longest first.
    waiting_since: date | None = None


@dataclass(frozen=True)
class Evidence:
    """One countable fact behind a stage, e.g. code "coffee", count 2, {"days": 365}."""

    code: str
    count: int
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StageChange:
    """The relationship entered ``stage`` on day ``on``."""

    on: date
    stage: Stage


@dataclass(frozen=True)
class Assessment:
    stage: Stage
    computed_stage: Stage
    pinned: bool
    scores: Scores
    health: Health
    warnings: tuple[Flag, ...]
    next_step: NextStep
    evidence: tuple[Evidence, ...]
    last_contact: date | None
    cadence_days: int

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-serialisable values: dates in ISO format, decimals as strings."""
        return {
            "stage": self.stage.value,
            "computed_stage": self.computed_stage.value,
            "pinned": self.pinned,
            "scores": {
                "visibility": self.scores.visibility,
                "credibility": self.scores.credibility,
                "profitability": self.scores.profitability,
            },
            "health": self.health.value,
            "warnings": [_flag_dict(flag) for flag in self.warnings],
            "next_step": {
                "code": self.next_step.code.value,
                "params": plain(self.next_step.params),
                "waiting_since": plain(self.next_step.waiting_since),
            },
            "evidence": [
                {"code": item.code, "count": item.count, "params": plain(item.params)}
                for item in self.evidence
            ],
            "last_contact": plain(self.last_contact),
            "cadence_days": self.cadence_days,
        }


def _flag_dict(flag: Flag) -> dict[str, object]:
    return {"code": flag.code.value, "since": flag.since.isoformat(), "params": plain(flag.params)}


def plain(value: object) -> object:
    """``value`` with dates, decimals, enums and mappings turned into JSON types."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value
