"""A shared group's rules: the roster over time, classifications, roles and rights.

A member is on the roster on day ``d`` when ``joined_on <= d`` and (no ``left_on``, or
``d < left_on``): ``left_on`` is the first day off the roster. A member who leaves and
comes back has several periods. Everything here works on plain values so the pages, the
CLI and (later) imports apply one rule.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Role(StrEnum):
    PRESIDENT = "president"
    VICE_PRESIDENT = "vice_president"
    SECRETARY_TREASURER = "secretary_treasurer"
    MEMBERSHIP_COMMITTEE = "membership_committee"
    VISITOR_HOST = "visitor_host"
    EDUCATION_COORDINATOR = "education_coordinator"
    MENTOR = "mentor"
    MEMBER = "member"


LEADERSHIP = frozenset({Role.PRESIDENT, Role.VICE_PRESIDENT, Role.SECRETARY_TREASURER})


class Right(StrEnum):
    """The rows of the rights table (DOMAIN.md, "Groups")."""

    SEE_GROUP = "see_group"  # roster, meetings, power teams, group lights
    OWN_SLIPS = "own_slips"
    OTHERS_SLIPS = "others_slips"
    OWN_SCORECARD = "own_scorecard"
    ALL_SCORECARDS = "all_scorecards"  # and everyone's marks and absences
    RUN_MEETINGS = "run_meetings"  # create, complete, reopen, discard; marks; holidays
    INVITE_MEMBERS = "invite_members"
    SET_ROLES = "set_roles"
    CHANGE_CLASSIFICATIONS = "change_classifications"  # others'; one's own needs none
    REMOVE_MEMBERS = "remove_members"
    SEE_VISITORS = "see_visitors"  # see and move all visitors; follow-ups on Today
    SEE_TYFCB_VALUES = "see_tyfcb_values"  # besides its writer and the member thanked
    SETTINGS = "settings"  # the group's scheme and settings; its export


_EVERYONE = frozenset(Role)
_MEMBERSHIP = LEADERSHIP | {Role.MEMBERSHIP_COMMITTEE}

# Which roles hold each right. Everyone holds ``member``, so a right of "member" is
# everyone's; a role not in the table's columns (mentor, ...) adds no right.
RIGHTS: Mapping[Right, frozenset[Role]] = {
    Right.SEE_GROUP: _EVERYONE,
    Right.OWN_SLIPS: _EVERYONE,
    Right.OTHERS_SLIPS: LEADERSHIP,
    Right.OWN_SCORECARD: _EVERYONE,
    Right.ALL_SCORECARDS: _MEMBERSHIP,
    Right.RUN_MEETINGS: LEADERSHIP,
    Right.INVITE_MEMBERS: _MEMBERSHIP,
    Right.SET_ROLES: frozenset({Role.PRESIDENT}),
    Right.CHANGE_CLASSIFICATIONS: _MEMBERSHIP,
    Right.REMOVE_MEMBERS: _MEMBERSHIP,
    Right.SEE_VISITORS: _MEMBERSHIP | {Role.VISITOR_HOST},
    Right.SEE_TYFCB_VALUES: LEADERSHIP,
    Right.SETTINGS: LEADERSHIP,
}


def with_member(roles: Iterable[str]) -> frozenset[Role]:
    """The roles as stored, always with ``member`` (everyone has it); unknown codes drop."""
    known = {r.value for r in Role}
    return frozenset({Role.MEMBER} | {Role(r) for r in roles if r in known})


def holds(roles: Iterable[str], right: Right) -> bool:
    return not with_member(roles).isdisjoint(RIGHTS[right])


def sees_tyfcb_value(roles: Iterable[str], *, wrote_it: bool, thanked: bool) -> bool:
    return wrote_it or thanked or holds(roles, Right.SEE_TYFCB_VALUES)


def sees_prospect_contact(*, giver: bool, receiver: bool) -> bool:
    """A referral's prospect contact: its two members only, whatever their roles."""
    return giver or receiver


class Problem(StrEnum):
    """Why a change to the roster is refused; the entry points word it."""

    PERIOD_EMPTY = "period_empty"  # left on or before the day they joined
    PERIODS_OVERLAP = "periods_overlap"
    CLASSIFICATION_TAKEN = "classification_taken"
    NO_PRESIDENT = "no_president"
    CLASSIFICATION_EMPTY = "classification_empty"


class RosterError(ValueError):
    def __init__(self, problem: Problem, holder: str = "") -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.holder = holder  # the member who holds a taken classification


@dataclass(frozen=True)
class Period:
    joined_on: date
    left_on: date | None = None

    def __post_init__(self) -> None:
        if self.left_on is not None and self.left_on <= self.joined_on:
            raise RosterError(Problem.PERIOD_EMPTY)

    def overlaps(self, other: Period) -> bool:
        return _before(self.joined_on, other.left_on) and _before(other.joined_on, self.left_on)


def _before(d: date, end: date | None) -> bool:
    return end is None or d < end


def on_roster(period: Period, d: date) -> bool:
    return period.joined_on <= d and _before(d, period.left_on)


def on_roster_any(periods: Iterable[Period], d: date) -> bool:
    return any(on_roster(p, d) for p in periods)


def check_periods(periods: Sequence[Period]) -> None:
    """A member's periods never overlap (one can only be on the roster once a day)."""
    ordered = sorted(periods, key=lambda p: p.joined_on)
    for earlier, later in itertools.pairwise(ordered):
        if earlier.overlaps(later):
            raise RosterError(Problem.PERIODS_OVERLAP)


@dataclass(frozen=True)
class Classification:
    text: str
    code: str = ""  # the taxonomy's profession id, "" when the text does not map

    def same_as(self, other: Classification) -> bool:
        """Compared by taxonomy code when both map, else by case-folded text; a member who
        has not chosen one yet (a group's founder) shares nothing."""
        if not self.text.strip() or not other.text.strip():
            return False  # not chosen yet: holds no classification
        if self.code and other.code:
            return self.code == other.code
        return _folded(self.text) == _folded(other.text)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Seat:
    """A member as the lock sees them: who, what they do, and when they are on the roster."""

    member_id: int
    name: str
    classification: Classification
    periods: tuple[Period, ...]


def shares_a_day(a: Iterable[Period], b: Iterable[Period]) -> bool:
    return any(p.overlaps(q) for p in a for q in b)


def classification_holder(seat: Seat, others: Iterable[Seat]) -> Seat | None:
    """Another member holding ``seat``'s classification on a day ``seat`` is on the roster."""
    for other in others:
        if other.member_id == seat.member_id:
            continue
        if other.classification.same_as(seat.classification) and shares_a_day(
            seat.periods, other.periods
        ):
            return other
    return None


def check_classification(seat: Seat, others: Iterable[Seat], *, locked: bool) -> None:
    if not seat.classification.text.strip():
        raise RosterError(Problem.CLASSIFICATION_EMPTY)
    if not locked:
        return
    holder = classification_holder(seat, others)
    if holder is not None:
        raise RosterError(Problem.CLASSIFICATION_TAKEN, holder.name)


def check_presidents(roles_of_current_members: Mapping[int, Iterable[str]]) -> None:
    """A group always has at least one president among its current members."""
    if not any(Role.PRESIDENT in with_member(r) for r in roles_of_current_members.values()):
        raise RosterError(Problem.NO_PRESIDENT)


@dataclass(frozen=True)
class RosterEntry:
    """A current member for the overview: what power teams and gaps are made from."""

    sphere: str  # "" when the classification does not map
    code: str


def power_teams(entries: Iterable[RosterEntry]) -> dict[str, list[str]]:
    """The roster's contact spheres: sphere id -> the profession codes held in it."""
    teams: dict[str, list[str]] = {}
    for entry in entries:
        if entry.sphere:
            teams.setdefault(entry.sphere, []).append(entry.code)
    return teams


def lacking(
    held_codes: Iterable[str], sphere_professions: Mapping[str, Sequence[str]]
) -> list[str]:
    """The professions of the roster's spheres that nobody on the roster holds.

    A group grows by filling its power teams: the missing seats next to the ones held are
    the ones the members' clients already need.
    """
    held = set(held_codes)
    missing: list[str] = []
    for codes in sphere_professions.values():
        missing.extend(c for c in codes if c not in held)
    return missing
