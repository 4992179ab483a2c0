"""Tending: health from days since the last two-way contact, against the cadence."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from coltiva.domain.touches import Kind, Touch
from coltiva.domain.vcp import Health, Stage, assess

TODAY = date(2025, 6, 30)


def ago(days: int, kind: str, **fields: Any) -> Touch:
    return Touch(Kind(kind), TODAY - timedelta(days=days), **fields)


def at_stage(stage: Stage, last_contact: int) -> list[Touch]:
    """A relationship at ``stage`` whose last two-way contact was ``last_contact`` days ago."""
    touches = [ago(last_contact, "coffee")]
    if stage is Stage.VISIBILITY:
        return touches
    # Giving and business are not contact: they hold the stage without resetting the clock.
    touches += [ago(last_contact + 1, "coffee"), ago(1, "helped")]
    if stage is Stage.CREDIBILITY:
        return touches
    return [*touches, ago(1, "referral_given"), ago(1, "referral_received"), ago(1, "thanked")]


def _boundaries(cadence: int) -> list[tuple[int, Health]]:
    return [
        (0, Health.THRIVING),
        (cadence, Health.THRIVING),
        (cadence + 1, Health.NEEDS_TENDING),
        (2 * cadence, Health.NEEDS_TENDING),
        (2 * cadence + 1, Health.WITHERING),
        (4 * cadence, Health.WITHERING),
        (4 * cadence + 1, Health.DORMANT),
    ]


HEALTH_TABLE = [
    (stage, cadence, waited, health)
    for stage, cadence in (
        (Stage.VISIBILITY, 30),
        (Stage.CREDIBILITY, 45),
        (Stage.PROFITABILITY, 60),
    )
    for waited, health in _boundaries(cadence)
]


@pytest.mark.parametrize(("stage", "cadence", "waited", "health"), HEALTH_TABLE)
def test_health_follows_the_cadence_of_the_stage(
    stage: Stage, cadence: int, waited: int, health: Health
) -> None:
    result = assess(at_stage(stage, waited), TODAY)
    assert result.computed_stage is stage
    assert result.cadence_days == cadence
    assert result.health is health


@pytest.mark.parametrize(("waited", "health"), _boundaries(10))
def test_a_relationship_may_set_its_own_cadence(waited: int, health: Health) -> None:
    result = assess(at_stage(Stage.PROFITABILITY, waited), TODAY, cadence_days=10)
    assert result.cadence_days == 10
    assert result.health is health


@pytest.mark.parametrize(
    ("pinned", "waited", "health"),
    [
        (Stage.PROFITABILITY, 60, Health.THRIVING),
        (Stage.PROFITABILITY, 61, Health.NEEDS_TENDING),
        (Stage.VISIBILITY, 31, Health.NEEDS_TENDING),
    ],
)
def test_a_pinned_stage_sets_the_cadence(pinned: Stage, waited: int, health: Health) -> None:
    result = assess(at_stage(Stage.CREDIBILITY, waited), TODAY, pinned_stage=pinned)
    assert result.health is health


def test_a_relationship_with_no_touches_is_a_seed() -> None:
    assert assess([], TODAY).health is Health.SEED


def test_a_relationship_with_only_unanswered_messages_is_a_seed() -> None:
    assert assess([ago(3, "message_sent"), ago(1, "helped")], TODAY).health is Health.SEED


def test_a_pinned_relationship_with_no_contact_is_still_a_seed() -> None:
    assert assess([], TODAY, pinned_stage=Stage.CREDIBILITY).health is Health.SEED


def test_a_relationship_at_stage_none_that_once_had_contact_is_dormant() -> None:
    result = assess([ago(731, "coffee")], TODAY)
    assert result.stage is Stage.NONE
    assert result.health is Health.DORMANT


def test_an_unanswered_message_does_not_reset_the_clock() -> None:
    result = assess([ago(100, "coffee"), ago(1, "message_sent")], TODAY)
    assert result.last_contact == TODAY - timedelta(days=100)
    assert result.health is Health.WITHERING


def test_stage_none_reports_the_cadence_to_aim_for() -> None:
    assert assess([], TODAY).cadence_days == 30


@pytest.mark.parametrize("cadence", [0, -5])
def test_a_cadence_below_one_day_is_refused(cadence: int) -> None:
    with pytest.raises(ValueError, match="cadence_days"):
        assess([], TODAY, cadence_days=cadence)
