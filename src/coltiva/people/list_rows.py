"""The people list's rows, read by id in one statement.

The list (and a search) finds the ids of a page first; building fifty ``Person`` and
fifty ``Relationship`` instances for five columns then cost more than finding them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from coltiva.dbkit.sqlrows import as_day, run
from coltiva.people.models import Person, Relationship


@dataclass(frozen=True)
class RelationshipRow:
    stage: str
    pinned_stage: str
    computed_stage: str
    health: str
    last_contact_on: date | None


@dataclass(frozen=True)
class ListRow:
    pk: int
    display_name: str
    profession: str
    company: str
    relationship: RelationshipRow
    given_name: str = ""
    family_name: str = ""

    @property
    def family_first(self) -> str:
        """ "Rossi, Anna": the name as the list sorted by family name reads it."""
        if self.given_name and self.family_name:
            return f"{self.family_name}, {self.given_name}"
        return self.display_name


@cache
def _sql() -> str:
    person, rel = Person._meta.db_table, Relationship._meta.db_table
    return (
        "SELECT p.id, p.display_name, p.profession, p.company, "  # noqa: S608
        "COALESCE(r.stage, 'none'), COALESCE(r.pinned_stage, ''), "
        "COALESCE(r.computed_stage, 'none'), COALESCE(r.health, 'seed'), r.last_contact_on, "
        "p.given_name, p.family_name "
        f"FROM {person} p LEFT JOIN {rel} r ON r.person_id = p.id WHERE p.id IN %(ids)s"
    )


def rows(ids: Sequence[int]) -> list[ListRow]:
    """The rows of ``ids``, in the order given."""
    if not ids:
        return []
    found = {}
    for pk, name, profession, company, stage, pinned, computed, health, last, given, family in run(
        _sql(), {"ids": tuple(ids)}
    ):
        rel = RelationshipRow(stage, pinned, computed, health, as_day(last))
        found[pk] = ListRow(pk, name, profession, company, rel, given, family)
    return [found[pk] for pk in ids if pk in found]
