"""Undo and merge can never lose a person or a touch: over random sequences of imports,
hand-added people and touches, merges (either way), undone merges and undone imports,
every hand-made person is still in the book (or merged into someone who is) and every
hand-made touch is still there, with that person."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from imports_helpers import run

from coltiva.accounts.models import User
from coltiva.imports import duplicates, undo
from coltiva.imports.models import DuplicatePair, PersonMerge
from coltiva.people import services as people_services
from coltiva.people.models import Person, Touch

GIVEN = ["Anna", "Paolo", "Giulia"]
FAMILY = ["Rossi", "Rossì", "Verdi"]
EMAILS = ["", "anna@rossi.test", "paolo@verdi.test"]
_users = itertools.count()

name = st.tuples(st.sampled_from(GIVEN), st.sampled_from(FAMILY))
row = st.tuples(name, st.sampled_from(EMAILS))


class Book(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.owner = User.objects.create_user(
            email=f"owner{next(_users)}@example.com", password=None, name="Owner"
        )
        self.hand_people: set[int] = set()
        # A hand-made person merged away lives on in the survivor: pk -> current pk.
        self.moved: dict[int, int] = {}
        self.hand_touches: dict[int, int] = {}  # touch pk -> person pk it was logged for

    def where(self, pk: int) -> int:
        while pk in self.moved:
            pk = self.moved[pk]
        return pk

    def alive(self) -> list[int]:
        return list(
            Person.objects.alive()
            .filter(owner=self.owner)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    @rule(person=row)
    def add_by_hand(self, person: tuple[tuple[str, str], str]) -> None:
        (given, family), email = person
        contacts = [people_services.ContactInput("email", email)] if email else []
        added = people_services.create_person(
            self.owner, {"given_name": given, "family_name": family}, contacts
        )
        self.hand_people.add(added.pk)

    @rule(data=st.data())
    def log_a_touch(self, data: Any) -> None:
        people = self.alive()
        if not people:
            return
        pk = data.draw(st.sampled_from(people))
        touch = people_services.log_touch(
            Person.objects.get(pk=pk), kind="coffee", on=self.owner.local_today()
        )
        self.hand_touches[touch.pk] = pk

    @rule(rows=st.lists(row, min_size=1, max_size=3))
    def import_a_file(self, rows: list[tuple[tuple[str, str], str]]) -> None:
        lines = ["First name;Last name;E-mail"]
        lines += [f"{given};{family};{email}" for (given, family), email in rows]
        run(self.owner, "\n".join(lines).encode() + b"\n", "contacts.csv")

    @rule(data=st.data(), keep=st.sampled_from(["a", "b"]))
    def merge_a_pair(self, data: Any, keep: str) -> None:
        duplicates.scan_book(self.owner)
        pairs = list(duplicates.open_pairs(self.owner).values_list("pk", flat=True))
        if not pairs:
            return
        pair = DuplicatePair.objects.get(pk=data.draw(st.sampled_from(pairs)))
        survivor, other = (person.pk for person in duplicates.sides(pair, keep))
        duplicates.merge_pair(pair, keep)
        self.moved[other] = survivor

    @rule(data=st.data())
    def undo_a_merge(self, data: Any) -> None:
        merges = duplicates.undoable_merges(self.owner)
        if not merges:
            return
        merge: PersonMerge = data.draw(st.sampled_from(merges))
        duplicates.undo_merge(merge)
        self.moved.pop(merge.other_id, None)

    @rule()
    def undo_the_last_import(self) -> None:
        job = undo.undoable(self.owner)
        if job is not None:
            undo.undo(job)

    @invariant()
    def every_hand_made_person_is_still_there(self) -> None:
        wanted = {self.where(pk) for pk in self.hand_people}
        found = set(Person.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        assert found == wanted

    @invariant()
    def every_hand_made_touch_is_still_there_with_its_person(self) -> None:
        found = dict(Touch.objects.filter(pk__in=self.hand_touches).values_list("pk", "person_id"))
        assert found == {pk: self.where(person) for pk, person in self.hand_touches.items()}


def test_undo_and_merge_never_lose_a_hand_made_person_or_touch(db: None) -> None:
    run_state_machine_as_test(
        Book,
        settings=settings(
            max_examples=25,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
            # Shrinking a sequence of database steps takes minutes: a failure is
            # reported as found, which stays readable at ten steps.
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
        ),
    )
