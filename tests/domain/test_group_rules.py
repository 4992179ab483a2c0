"""The group's rules without a database: roster periods, the classification lock,
presidents, and every cell of DOMAIN.md's rights table."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coltiva.domain.groups import (
    Classification,
    Period,
    Problem,
    Right,
    Role,
    RosterEntry,
    RosterError,
    Seat,
    check_classification,
    check_periods,
    check_presidents,
    classification_holder,
    holds,
    lacking,
    on_roster,
    power_teams,
    sees_prospect_contact,
    sees_tyfcb_value,
)

D = date(2026, 3, 10)

# DOMAIN.md's table, column by column: member, leadership, membership committee, visitor host.
TABLE = {
    Right.SEE_GROUP: ("Y", "Y", "Y", "Y"),
    Right.OWN_SLIPS: ("Y", "Y", "Y", "Y"),
    Right.OTHERS_SLIPS: ("-", "Y", "-", "-"),
    Right.OWN_SCORECARD: ("Y", "Y", "Y", "Y"),
    Right.ALL_SCORECARDS: ("-", "Y", "Y", "-"),
    Right.RUN_MEETINGS: ("-", "Y", "-", "-"),
    Right.INVITE_MEMBERS: ("-", "Y", "Y", "-"),
    Right.SET_ROLES: ("-", "president", "-", "-"),
    Right.CHANGE_CLASSIFICATIONS: ("-", "Y", "Y", "-"),
    Right.REMOVE_MEMBERS: ("-", "Y", "Y", "-"),
    Right.SEE_VISITORS: ("-", "Y", "Y", "Y"),
    Right.SEE_TYFCB_VALUES: ("-", "Y", "-", "-"),
    Right.SETTINGS: ("-", "Y", "-", "-"),
}
COLUMNS = (
    ((Role.MEMBER,), (Role.MENTOR,), (Role.EDUCATION_COORDINATOR,)),
    ((Role.PRESIDENT,), (Role.VICE_PRESIDENT,), (Role.SECRETARY_TREASURER,)),
    ((Role.MEMBERSHIP_COMMITTEE,),),
    ((Role.VISITOR_HOST,),),
)
CELLS = [
    (right, roles, cell)
    for right, row in TABLE.items()
    for column, cell in zip(COLUMNS, row, strict=True)
    for roles in column
]


def test_the_table_names_every_right() -> None:
    assert set(TABLE) == set(Right)


@pytest.mark.parametrize(("right", "roles", "cell"), CELLS)
def test_each_role_holds_exactly_the_rights_of_its_column(
    right: Right, roles: tuple[Role, ...], cell: str
) -> None:
    expected = cell == "Y" or (cell == "president" and Role.PRESIDENT in roles)
    assert holds(roles, right) is expected


def test_roles_add_rights_to_each_other() -> None:
    assert holds(["visitor_host", "membership_committee"], Right.INVITE_MEMBERS)
    assert not holds(["membership_committee"], Right.SET_ROLES)


def test_an_unknown_stored_role_adds_nothing() -> None:
    assert not holds(["emperor"], Right.SETTINGS)
    assert holds(["emperor"], Right.SEE_GROUP)


@pytest.mark.parametrize(
    ("roles", "wrote", "thanked", "sees"),
    [
        ((), True, False, True),
        ((), False, True, True),
        ((), False, False, False),
        (("membership_committee",), False, False, False),
        (("secretary_treasurer",), False, False, True),
    ],
)
def test_a_tyfcb_value_is_seen_by_its_writer_the_member_thanked_and_leadership(
    roles: tuple[str, ...], wrote: bool, thanked: bool, sees: bool
) -> None:
    assert sees_tyfcb_value(roles, wrote_it=wrote, thanked=thanked) is sees


def test_a_prospect_contact_is_seen_by_the_referrals_two_members_only() -> None:
    assert sees_prospect_contact(giver=True, receiver=False)
    assert sees_prospect_contact(giver=False, receiver=True)
    assert not sees_prospect_contact(giver=False, receiver=False)


@pytest.mark.parametrize(
    ("joined", "left", "day", "on"),
    [
        (D, None, D, True),
        (D, None, D - timedelta(days=1), False),
        (D, None, D + timedelta(days=4000), True),
        (D, D + timedelta(days=1), D, True),
        (D, D + timedelta(days=1), D + timedelta(days=1), False),  # left_on: first day off
        (D, D + timedelta(days=30), D + timedelta(days=29), True),
    ],
)
def test_on_the_roster_on_day_d(joined: date, left: date | None, day: date, on: bool) -> None:
    assert on_roster(Period(joined, left), day) is on


def test_a_period_that_ends_before_it_begins_is_refused() -> None:
    with pytest.raises(RosterError) as err:
        Period(D, D)
    assert err.value.problem is Problem.PERIOD_EMPTY


def test_a_member_who_comes_back_has_two_periods_that_must_not_overlap() -> None:
    check_periods([Period(D, D + timedelta(days=10)), Period(D + timedelta(days=10))])
    with pytest.raises(RosterError) as err:
        check_periods([Period(D, D + timedelta(days=10)), Period(D + timedelta(days=9))])
    assert err.value.problem is Problem.PERIODS_OVERLAP


def _seat(member: int, text: str, code: str, *periods: Period) -> Seat:
    return Seat(member, f"member {member}", Classification(text, code), periods)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            Classification("Wedding photographer", "photographer"),
            Classification("Fotografo", "photographer"),
            True,
        ),
        (Classification("Plumber", "plumber"), Classification("Electrician", "electrician"), False),
        (Classification("Dog groomer", ""), Classification("  dog  GROOMER ", ""), True),
        (Classification("Dog groomer", "groomer"), Classification("dog groomer", ""), True),
        (Classification("Dog groomer", ""), Classification("Cat groomer", ""), False),
    ],
)
def test_classifications_compare_by_code_when_both_map_else_by_folded_text(
    a: Classification, b: Classification, same: bool
) -> None:
    assert a.same_as(b) is same


def test_the_lock_refuses_a_classification_held_on_a_shared_day_and_names_the_holder() -> None:
    held = _seat(1, "Plumber", "plumber", Period(D, D + timedelta(days=30)))
    new = _seat(2, "Idraulico", "plumber", Period(D + timedelta(days=29)))
    with pytest.raises(RosterError) as err:
        check_classification(new, [held], locked=True)
    assert err.value.problem is Problem.CLASSIFICATION_TAKEN
    assert err.value.holder == "member 1"


def test_the_lock_admits_the_classification_once_its_holder_has_left() -> None:
    held = _seat(1, "Plumber", "plumber", Period(D, D + timedelta(days=30)))
    new = _seat(2, "Plumber", "plumber", Period(D + timedelta(days=30)))
    check_classification(new, [held], locked=True)


def test_an_unlocked_group_admits_a_shared_classification() -> None:
    held = _seat(1, "Plumber", "plumber", Period(D))
    check_classification(_seat(2, "Plumber", "plumber", Period(D)), [held], locked=False)


def test_a_member_does_not_conflict_with_themself() -> None:
    seat = _seat(1, "Plumber", "plumber", Period(D))
    assert classification_holder(seat, [seat]) is None


def test_an_empty_classification_is_refused() -> None:
    with pytest.raises(RosterError) as err:
        check_classification(_seat(1, "  ", "", Period(D)), [], locked=False)
    assert err.value.problem is Problem.CLASSIFICATION_EMPTY


def test_a_group_without_a_president_is_refused() -> None:
    check_presidents({1: ["president"], 2: []})
    with pytest.raises(RosterError) as err:
        check_presidents({1: ["vice_president"], 2: ["member"]})
    assert err.value.problem is Problem.NO_PRESIDENT


def test_power_teams_gather_the_roster_by_sphere_and_show_what_is_missing() -> None:
    entries = [
        RosterEntry("home", "plumber"),
        RosterEntry("home", "electrician"),
        RosterEntry("", ""),
    ]
    teams = power_teams(entries)
    assert teams == {"home": ["plumber", "electrician"]}
    assert lacking(["plumber", "electrician"], {"home": ["plumber", "electrician", "roofer"]}) == [
        "roofer"
    ]


# Properties: whatever the roster, what the rules admit keeps the group's invariants.
_day = st.integers(min_value=0, max_value=60).map(lambda n: D + timedelta(days=n))
_period = st.tuples(_day, st.one_of(st.none(), st.integers(1, 40))).map(
    lambda t: Period(t[0], None if t[1] is None else t[0] + timedelta(days=t[1]))
)
_text = st.sampled_from(["Plumber", "plumber", "Baker", "Florist", "BAKER"])


@given(st.lists(st.tuples(_text, _period), max_size=8))
def test_the_lock_never_admits_two_members_with_one_classification_on_one_day(
    arrivals: list[tuple[str, Period]],
) -> None:
    admitted: list[Seat] = []
    for n, (text, period) in enumerate(arrivals):
        seat = _seat(n, text, "", period)
        try:
            check_classification(seat, admitted, locked=True)
        except RosterError:
            continue
        admitted.append(seat)
    for day in (D + timedelta(days=k) for k in range(0, 101)):
        on = [s.classification.text.casefold() for s in admitted if on_roster(s.periods[0], day)]
        assert len(on) == len(set(on))


@given(
    st.dictionaries(st.integers(0, 5), st.sets(st.sampled_from(list(Role))), min_size=1),
    st.integers(0, 5),
    st.sets(st.sampled_from(list(Role))),
)
def test_a_role_change_the_rules_admit_always_leaves_a_president(
    roster: dict[int, set[Role]], member: int, new_roles: set[Role]
) -> None:
    roster = roster | {min(roster): roster[min(roster)] | {Role.PRESIDENT}}
    changed = roster | {member: new_roles}
    try:
        check_presidents(changed)
    except RosterError:
        return
    assert any(Role.PRESIDENT in roles for roles in changed.values())
