"""The VCP Process: where a relationship stands, how it is tended, what to do next.

``assess`` applies the rules of the domain description (``DOMAIN.md``, "The VCP rules")
to one relationship's touches as of a day. Where that description is silent, these are
the choices made, each the one a seasoned networker would make:

Scores
    A bar is a touch-weight sum, each touch halving every half-life of its dimension
    (90/180/365 days), divided by what the next stage's threshold needs when met with
    fresh touches, capped at 100 (linear, so 50 reads "half way"). Visibility: 2.0, i.e.
    two fresh contacts. Credibility: meetings on two distinct days plus one net giving
    act (giving minus let-downs), each part capped so neither makes up for the other.
    Profitability: one business out plus one business in, each capped at one. Scores
    decay smoothly and use no hard window (a two-year-old touch weighs under 1%).
    A bar fed by any touch ever never shows below the floor (10).
Duration
    A two-way contact of ``minutes`` gets +1 weight per 30 minutes beyond the first 30
    (fractional, at most +2) on the visibility bar only: time together strengthens a tie,
    but credibility comes from coming back and keeping one's word, which one long lunch
    cannot fake (the rule itself counts distinct days).
Health
    Measured from the last two-way contact (a ``message_sent`` with no answer does not
    reset the clock). A relationship's own cadence wins; otherwise the effective stage's
    (a pinned stage's cadence when pinned); stage none uses visibility's cadence as the
    first rhythm to aim for. ``seed`` means no two-way contact ever, pinned or not;
    stage none with past contact is ``dormant``, as is a pin at none.
Pinning
    The pinned stage replaces the computed one for cadence, warnings and next step. For
    ``asked_too_early`` it replaces the stage at the ask, too: a pin says the user knows
    the relationship better than its recorded history (an old friend entered last week).
    A pin at visibility over a history that meets credibility advises ``give_first``
    (keep giving): never asking before the user says the trust is there.
Guardrails
    ``asked_too_early`` assesses the stage as of the ask's day on touches strictly before
    it: the order within a day is unknown, so a coffee on the day of an ask does not
    excuse it. A promise kept or broken closes the oldest promise open on its day,
    promises made the same day included; one with nothing to close closes nothing (and a
    kept promise still counts as giving). ``unthanked`` has no window: it is never too
    late to say thank you; one ``thanked`` covers every business-in touch on or before its
    day. ``follow_up_due`` looks at the very last touch only: a ``met`` with a non-empty
    ``event``, alone on its day, 1 to 30 days ago; any later touch, even an unanswered
    message, counts as following up (the ball is in their court). A flag's ``since`` is
    the day of the oldest touch behind it; flags come in ``WarningCode`` order.
Next step
    ``rebuild_trust`` needs at least one let-down in the window (with none, there is no
    trust to rebuild). ``waiting_since``: an open promise, made + 7 days; thanks, the
    oldest unthanked business-in day; follow-up, the ``met`` day; otherwise the last
    two-way contact, or the earliest touch, or None for an empty history.
Decay of let-downs
    Moving ``today`` forward never raises a stage, with one exception the rules imply: a
    broken promise or no-show that leaves the 12-month window stops counting, so trust
    rebuilt since then can show as credibility again.
Evidence
    Counts per kind inside 12 months (business split by direction, values summed), plus
    contacts 12 to 24 months ago, lapsed contact, and meetings that fell on fewer days
    than there were meetings; codes are listed in ``coltiva.domain.evidence``.
History
    Touches after the day asked about are ignored by ``stage_on`` and ``stage_history``
    (they had not happened yet); ``assess`` refuses them with ``FutureTouchError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from coltiva.domain.assessment import (
    DEFAULT_PARAMS,
    Assessment,
    Evidence,
    Flag,
    FutureTouchError,
    Health,
    NextStep,
    NextStepCode,
    Params,
    Scores,
    Stage,
    StageChange,
    WarningCode,
)
from coltiva.domain.evidence import evidence
from coltiva.domain.guardrails import warnings
from coltiva.domain.scores import scores
from coltiva.domain.timeline import Timeline, count_between
from coltiva.domain.touches import Touch

__all__ = [
    "DEFAULT_PARAMS",
    "Assessment",
    "Evidence",
    "Flag",
    "FutureTouchError",
    "Health",
    "NextStep",
    "NextStepCode",
    "Params",
    "Scores",
    "Stage",
    "StageChange",
    "WarningCode",
    "assess",
    "stage_history",
    "stage_on",
]


def assess(
    touches: Iterable[Touch],
    today: date,
    *,
    cadence_days: int | None = None,
    pinned_stage: Stage | None = None,
    params: Params = DEFAULT_PARAMS,
) -> Assessment:
    """Where the relationship stands on ``today``, how it is tended, what to do next."""
    if cadence_days is not None and cadence_days < 1:
        raise ValueError(f"cadence_days must be at least 1, not {cadence_days}")
    timeline = Timeline(touches)
    _refuse_future(timeline, today)
    day = today.toordinal()
    computed = timeline.stage_at(day, params)
    pinned = None if pinned_stage is None else Stage(pinned_stage)
    stage = computed if pinned is None else pinned
    cadence = cadence_days or params.cadence(stage)
    health = _health(stage, timeline.last_contact, day, cadence, params)
    flags = warnings(timeline, day, params, pinned)
    return Assessment(
        stage=stage,
        computed_stage=computed,
        pinned=pinned is not None,
        scores=scores(timeline, day, params),
        health=health,
        warnings=flags,
        next_step=next_step(stage, health, flags, timeline, day, params),
        evidence=evidence(timeline, day, params),
        last_contact=_date(timeline.last_contact),
        cadence_days=cadence,
    )


def stage_on(touches: Iterable[Touch], day: date, params: Params = DEFAULT_PARAMS) -> Stage:
    """The stage as of ``day``; touches dated after it are ignored."""
    return Timeline(touches).stage_at(day.toordinal(), params)


def stage_history(
    touches: Iterable[Touch], until: date, params: Params = DEFAULT_PARAMS
) -> tuple[StageChange, ...]:
    """Every change of stage up to ``until``, oldest first, starting from stage none.

    A stage can only change on a day a touch arrives or leaves a window, so only those
    days are assessed.
    """
    timeline = Timeline(touches)
    changes: list[StageChange] = []
    current = Stage.NONE
    last_day = until.toordinal()
    for day in timeline.change_days(params):
        if day > last_day:
            break
        stage = timeline.stage_at(day, params)
        if stage is not current:
            changes.append(StageChange(date.fromordinal(day), stage))
            current = stage
    return tuple(changes)


def _health(
    stage: Stage, last_contact: int | None, today: int, cadence: int, params: Params
) -> Health:
    """Tending, from the days since the last two-way contact (as ordinals)."""
    if last_contact is None:
        return Health.SEED
    if stage is Stage.NONE:
        return Health.DORMANT
    waited = today - last_contact
    if waited <= cadence:
        return Health.THRIVING
    if waited <= cadence * params.needs_tending_factor:
        return Health.NEEDS_TENDING
    if waited <= cadence * params.withering_factor:
        return Health.WITHERING
    return Health.DORMANT


def next_step(
    stage: Stage,
    health: Health,
    flags: tuple[Flag, ...],
    timeline: Timeline,
    today: int,
    params: Params,
) -> NextStep:
    """The first step that applies, in the method's order of precedence."""
    # Steps get their own copy of a flag's facts: a matcher may add to them.
    held = {flag.code: flag for flag in flags}
    if promise := held.get(WarningCode.PROMISE_OPEN):
        due = promise.since + timedelta(days=params.promise_grace_days)
        return NextStep(NextStepCode.KEEP_PROMISE, dict(promise.params), due)
    if thanks := held.get(WarningCode.UNTHANKED):
        return NextStep(NextStepCode.SAY_THANK_YOU, dict(thanks.params), thanks.since)
    if follow := held.get(WarningCode.FOLLOW_UP_DUE):
        return NextStep(NextStepCode.FOLLOW_UP, dict(follow.params), follow.since)
    last = timeline.last_contact
    if last is not None and health in (Health.WITHERING, Health.DORMANT):
        lapse = {"days": today - last, "last_contact": _date(last), "health": health}
        return NextStep(NextStepCode.RECONNECT, lapse, _date(last))
    code, details = _by_stage(stage, timeline, today, params)
    return NextStep(code, details, _date(last) or _first_touch(timeline))


def _by_stage(
    stage: Stage, timeline: Timeline, today: int, params: Params
) -> tuple[NextStepCode, dict[str, object]]:
    window = params.evidence_window_days
    first = today - window
    if stage is Stage.NONE:
        return NextStepCode.GET_TO_KNOW, {}
    if stage is Stage.VISIBILITY:
        return _building_credibility(timeline, first, today, params)
    if stage is Stage.CREDIBILITY:
        sent = count_between(timeline.business_out, first, today)
        if not sent:
            return NextStepCode.GIVE_REFERRAL, {"days": window}
        # Now, and not before, is the time to ask.
        return NextStepCode.ASK_FOR_REFERRAL, {"days": window, "business_out": sent}
    return NextStepCode.NURTURE, {}


def _building_credibility(
    timeline: Timeline, first: int, today: int, params: Params
) -> tuple[NextStepCode, dict[str, object]]:
    window = params.evidence_window_days
    meetings = count_between(timeline.meeting_days, first, today)
    if meetings < params.meeting_days_needed:
        return NextStepCode.MEET_AGAIN, {"meeting_days": meetings, "days": window}
    given = count_between(timeline.giving, first, today)
    let_downs = count_between(timeline.negative, first, today)
    if let_downs and given <= let_downs:
        return NextStepCode.REBUILD_TRUST, {"negative": let_downs, "giving": given, "days": window}
    return NextStepCode.GIVE_FIRST, {"meeting_days": meetings, "giving": given, "days": window}


def _refuse_future(timeline: Timeline, today: date) -> None:
    if timeline.touches and timeline.touches[-1].on > today:
        late = timeline.touches[-1]
        raise FutureTouchError(
            f"a {late.kind} touch is dated {late.on.isoformat()}, after today "
            f"({today.isoformat()}): plans for the future are not touches"
        )


def _first_touch(timeline: Timeline) -> date | None:
    return timeline.touches[0].on if timeline.touches else None


def _date(day: int | None) -> date | None:
    return None if day is None else date.fromordinal(day)
