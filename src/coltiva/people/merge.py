"""Two people of a book who are one: merging them, and finding who may be the same.

A merge keeps everything: touches (and with them the events they happened at), notes,
e-mails, phones and links, tags, referrals (as the other side or as the prospect),
introductions, plans and the relationship's own settings all move to the survivor; the
survivor's typed values win, and the other's differing ones are written into the notes
rather than dropped. The survivor is then reassessed.

A merge can be traced (``MergeTrace``): what the survivor held before, the other person as
it was, and every row that moved, so that ``unmerge`` can put both people back as long as
the survivor has not changed since.

Near-duplicates are found by name and company with rapidfuzz, comparing people only
within blocks (same family name; same given name and family initial), never all pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from coltiva.people.models import PURPOSES, ContactPoint, Person, Relationship, fold
from coltiva.people.services import reassess

# Sent inside the merge's transaction before rows move from ``other`` to ``survivor``, so
# an app whose rows have their own uniqueness rules (possible-duplicate pairs) can fix
# them first. Arguments: ``survivor``, ``other``.
merging = Signal()

# Short values: the survivor's win; the other's, when different, go into the notes.
SHORT_FIELDS = (
    "given_name",
    "family_name",
    "company",
    "job_title",
    "profession",
    "city",
    "country",
    "language",
    "how_met",
    "where_met",
    "birthday",
)
# Longer texts are combined, so what either record said is kept.
LONG_FIELDS = (
    "offers",
    "looks_for",
    "target_market",
    "goals",
    "accomplishments",
    "interests",
    "networks",
    "skills",
    "notes",
)
# Reverse relations the merge handles itself; every other one is moved generically, so
# a model added later that points at a person is not lost in a merge.
_HANDLED = {ContactPoint, Relationship}


@dataclass
class MergeTrace:
    """What ``unmerge`` needs to put two merged people back (JSON-ready values)."""

    survivor: dict[str, Any] = field(default_factory=dict)
    survivor_relationship: dict[str, Any] = field(default_factory=dict)
    other: dict[str, Any] = field(default_factory=dict)
    other_relationship: dict[str, Any] = field(default_factory=dict)
    other_tags: list[int] = field(default_factory=list)
    added_tags: list[int] = field(default_factory=list)
    moved_points: list[int] = field(default_factory=list)
    # The other's e-mails and phones the survivor already had: deleted with the other.
    other_points: list[dict[str, str]] = field(default_factory=list)
    # [model label, row pk, {person field: value before}] for every row that moved.
    moved_rows: list[list[Any]] = field(default_factory=list)
    dropped_rows: int = 0
    survivor_updated_at: str = ""

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MergeTrace:
        return cls(**data)


@transaction.atomic
def merge_people(survivor: Person, other: Person, trace: MergeTrace | None = None) -> Person:
    """Fold ``other`` into ``survivor`` (same book) and delete ``other``."""
    if survivor.pk == other.pk or survivor.owner_id != other.owner_id:
        raise ValueError("a person can only be merged with another person of the same book")
    trace = trace if trace is not None else MergeTrace()
    _snapshot(survivor, other, trace)
    merging.send(sender=Person, survivor=survivor, other=other)
    _merge_fields(survivor, other)
    _merge_relationship(survivor, other)
    _move_contact_points(survivor, other, trace)
    known_tags = set(survivor.tags.values_list("pk", flat=True))
    trace.added_tags = [pk for pk in trace.other_tags if pk not in known_tags]
    survivor.tags.add(*trace.added_tags)
    _move_related(survivor, other, trace)
    first_seen = min(survivor.created_at, other.created_at)
    other.delete()
    survivor.save()
    Person.objects.filter(pk=survivor.pk).update(created_at=first_seen)
    survivor.created_at = first_seen
    reassess(survivor, survivor.owner.local_today())
    trace.survivor_updated_at = survivor.updated_at.isoformat()
    return survivor


def _snapshot(survivor: Person, other: Person, trace: MergeTrace) -> None:
    trace.survivor = _values(survivor)
    trace.other = _values(other)
    trace.survivor_relationship = _values(Relationship.objects.get(person=survivor))
    theirs = Relationship.objects.filter(person=other).first()
    trace.other_relationship = _values(theirs) if theirs is not None else {}
    trace.other_tags = list(other.tags.values_list("pk", flat=True))


def _values(row: models.Model) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in row._meta.concrete_fields:
        value = getattr(row, column.attname)
        if value is None or isinstance(value, (bool, int, float, str, list, dict)):
            values[column.attname] = value
        else:
            values[column.attname] = column.value_to_string(row)
    return values


def _restored(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    fields = {f.attname: f for f in model._meta.concrete_fields}
    return {
        name: value if value is None else fields[name].to_python(value)
        for name, value in values.items()
        if name in fields
    }


def can_unmerge(
    survivor: Person | None,
    trace: MergeTrace,
    merged_at: datetime,
    ignore: Iterable[type[models.Model]] = (),
) -> bool:
    """True while neither person has changed since the merge: the survivor is as the
    merge left it (no edit, nothing new logged for them, apart from rows of the
    ``ignore`` models) and the other's place is free."""
    if survivor is None or survivor.deleted_at is not None or trace.dropped_rows:
        return False
    if survivor.updated_at.isoformat() != trace.survivor_updated_at:
        return False
    if Person.objects.filter(pk=trace.other["id"]).exists():
        return False
    return not any(
        model._base_manager.filter(**{name: survivor, "created_at__gt": merged_at}).exists()
        for model, name in _dated_relations()
        if model not in set(ignore)
    )


def _dated_relations() -> list[tuple[Any, str]]:
    return [
        (relation.related_model, relation.field.name)
        for relation in _reverse_relations()
        if any(f.name == "created_at" for f in relation.related_model._meta.concrete_fields)
    ]


@transaction.atomic
def unmerge(survivor: Person, trace: MergeTrace) -> Person:
    """Put back the person ``merge_people`` folded into ``survivor``; returns them."""
    other = Person(**_restored(Person, trace.other))
    other.save(force_insert=True)
    Person.objects.filter(pk=other.pk).update(
        created_at=other.created_at, updated_at=other.updated_at
    )
    if trace.other_relationship:
        values = _restored(Relationship, trace.other_relationship)
        values.pop("id", None)
        Relationship.objects.create(**values)
    for name, value in _restored(Person, trace.survivor).items():
        if name not in ("id", "owner_id", "updated_at"):
            setattr(survivor, name, value)
    survivor.save()
    Person.objects.filter(pk=survivor.pk).update(created_at=survivor.created_at)
    mine = _restored(Relationship, trace.survivor_relationship)
    Relationship.objects.filter(person=survivor).update(
        **{name: mine[name] for name in _RELATIONSHIP_SETTINGS if name in mine}
    )
    ContactPoint.objects.filter(pk__in=trace.moved_points).update(person=other)
    ContactPoint.objects.bulk_create(
        ContactPoint(owner_id=other.owner_id, person=other, **point) for point in trace.other_points
    )
    survivor.tags.remove(*trace.added_tags)
    other.tags.set(trace.other_tags)
    for label, pk, before in reversed(trace.moved_rows):
        apps.get_model(label)._base_manager.filter(pk=pk).update(**before)
    today = survivor.owner.local_today()
    reassess(survivor, today)
    reassess(other, today)
    return other


_RELATIONSHIP_SETTINGS = (
    *(f"purpose_{name}" for name in PURPOSES),
    "cadence_days",
    "pinned_stage",
    "snoozed_until",
)


def _merge_fields(survivor: Person, other: Person) -> None:
    differing: list[str] = []
    if fold(other.display_name) != fold(survivor.display_name):
        differing.append(f"{_('name')}: {other.display_name}")
    for name in SHORT_FIELDS:
        mine, theirs = getattr(survivor, name), getattr(other, name)
        if not mine and theirs:
            setattr(survivor, name, theirs)
            if name == "profession":
                survivor.profession_code = other.profession_code
                survivor.profession_code_manual = other.profession_code_manual
        elif theirs and fold(theirs) != fold(mine):
            differing.append(f"{label_of(name)}: {theirs}")
    for name in LONG_FIELDS:
        setattr(survivor, name, _combined(getattr(survivor, name), getattr(other, name)))
    if other.connected_on and (
        survivor.connected_on is None or other.connected_on < survivor.connected_on
    ):
        survivor.connected_on = other.connected_on
    if differing:
        heading = _("Merged from %(name)s:") % {"name": other.display_name}
        survivor.notes = _combined(survivor.notes, "\n".join([heading, *differing]))
    notes_max = Person._meta.get_field("notes").max_length
    survivor.notes = survivor.notes[:notes_max] if notes_max else survivor.notes


def label_of(name: str) -> str:
    field = Person._meta.get_field(name)
    return str(field.verbose_name) if isinstance(field, models.Field) else name


def _combined(mine: str, theirs: str) -> str:
    if not theirs.strip() or theirs.strip() in mine:
        return mine
    if not mine.strip():
        return theirs
    return f"{mine}\n\n{theirs}"


def _merge_relationship(survivor: Person, other: Person) -> None:
    mine = Relationship.objects.select_for_update().get(person=survivor)
    theirs = Relationship.objects.filter(person=other).first()
    if theirs is None:
        return
    for name in PURPOSES:
        field = f"purpose_{name}"
        setattr(mine, field, getattr(mine, field) or getattr(theirs, field))
    mine.cadence_days = mine.cadence_days or theirs.cadence_days
    mine.pinned_stage = mine.pinned_stage or theirs.pinned_stage
    mine.snoozed_until = mine.snoozed_until or theirs.snoozed_until
    mine.save()


def _move_contact_points(survivor: Person, other: Person, trace: MergeTrace) -> None:
    known = set(survivor.contact_points.values_list("kind", "normalized"))
    moving = []
    for point in other.contact_points.all():
        if (point.kind, point.normalized) not in known:
            moving.append(point.pk)
        else:
            trace.other_points.append(
                {
                    "kind": point.kind,
                    "label": point.label,
                    "value": point.value,
                    "normalized": point.normalized,
                }
            )
    ContactPoint.objects.filter(pk__in=moving).update(person=survivor)
    trace.moved_points = moving


def _move_related(survivor: Person, other: Person, trace: MergeTrace) -> None:
    for relation in _reverse_relations():
        model = relation.related_model
        field = relation.field.name
        rows = model._base_manager.filter(**{field: other})
        before = _person_columns(model, rows)
        if relation.one_to_one:
            if not model._base_manager.filter(**{field: survivor}).exists():
                rows.update(**{field: survivor})
                if model._meta.pk.attname == relation.field.attname:
                    # The row's key is the person: after the move it is the survivor's.
                    before = {survivor.pk: columns for columns in before.values()}
                _trace_moves(trace, model, before)
            continue
        try:
            with transaction.atomic():
                rows.update(**{field: survivor})
            _trace_moves(trace, model, before)
        except IntegrityError:
            # A model with its own rules (one link per two people, stored in order; one
            # invitation per person and group): row by row, in order, or dropped when
            # the survivor already has the same row.
            for row in list(rows):
                if _move_row(model, row, field, survivor):
                    _trace_moves(trace, model, {row.pk: before[row.pk]})
                else:
                    trace.dropped_rows += 1


def _person_columns(model: Any, rows: Any) -> dict[int, dict[str, Any]]:
    """Each row's person columns, as they are before the move."""
    names = [
        f.attname
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is Person
    ]
    return {values.pop("pk"): values for values in rows.values("pk", *names)}


def _trace_moves(trace: MergeTrace, model: Any, before: dict[int, dict[str, Any]]) -> None:
    label = model._meta.label
    trace.moved_rows.extend([label, pk, columns] for pk, columns in before.items())


def _move_row(model: Any, row: Any, field: str, survivor: Person) -> bool:
    attempts = [{field: survivor.pk}]
    sibling = _sibling_person_field(model, field)
    if sibling is not None:
        attempts.append({field: getattr(row, f"{sibling}_id"), sibling: survivor.pk})
    for changes in attempts:
        try:
            with transaction.atomic():
                model._base_manager.filter(pk=row.pk).update(
                    **{f"{name}_id": value for name, value in changes.items()}
                )
            return True
        except IntegrityError:
            continue
    model._base_manager.filter(pk=row.pk).delete()
    return False


def _sibling_person_field(model: Any, field: str) -> str | None:
    others = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is Person and f.name != field
    ]
    return others[0] if len(others) == 1 else None


def _reverse_relations() -> list[models.ForeignObjectRel]:
    """Foreign keys to Person, hidden ones too (``related_name="+"``), except those the
    merge handles itself and the tags' auto-created link table."""
    found = []
    for field in Person._meta.get_fields(include_hidden=True):
        if not isinstance(field, models.ForeignObjectRel) or field.many_to_many:
            continue
        model = field.related_model
        if not isinstance(model, type) or model in _HANDLED or model._meta.auto_created:
            continue
        found.append(field)
    return found


# --- Near-duplicates ---------------------------------------------------------------------

NAME_THRESHOLD = 88
COMPANY_THRESHOLD = 60
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class NameCard:
    """What near-duplicate detection needs of a person: folded name, company, blocks."""

    pk: int
    name: str
    company: str
    blocks: tuple[str, ...]


@dataclass(frozen=True)
class NearDuplicate:
    first: int  # the lower id
    second: int
    score: int
    reason: str  # "name", "name_company" or "name_other_company"


def quick_fold(text: str) -> str:
    """``fold``, with a shortcut for plain ASCII (most names), where it is lower-casing."""
    return text.lower().strip() if text.isascii() else fold(text)


def name_card(pk: int, given: str, family: str, display: str, company: str) -> NameCard:
    display_words = _WORD.findall(quick_fold(display))
    family_words = _WORD.findall(quick_fold(family))
    given_words = _WORD.findall(quick_fold(given))
    if not family_words and len(display_words) >= 2:
        family_words = display_words[-1:]
    if not given_words and len(display_words) >= 2:
        given_words = display_words[:1]
    blocks: list[str] = []
    if family_words:
        blocks.append("f:" + "".join(family_words))
        if given_words:
            # Catches a typo in the family name ("Rossi", "Rosi") for the same given name.
            blocks.append(f"g:{given_words[0]}:{family_words[0][:1]}")
    elif display_words:
        blocks.append("n:" + "".join(display_words))
    name = " ".join(display_words) or " ".join(given_words + family_words)
    return NameCard(pk, name, " ".join(_WORD.findall(quick_fold(company))), tuple(blocks))


def similarity(a: NameCard, b: NameCard) -> tuple[int, str] | None:
    """A score (0-100) and reason when ``a`` and ``b`` look like one person, else None."""
    if not a.name or not b.name:
        return None
    score = fuzz.token_sort_ratio(a.name, b.name)
    if score < NAME_THRESHOLD and _one_name_holds_the_other(a.name, b.name):
        score = NAME_THRESHOLD + 2  # a middle name or initial more on one side
    if score < NAME_THRESHOLD:
        return None
    if not (a.company and b.company):
        return round(score), "name"
    company = fuzz.token_set_ratio(a.company, b.company)
    if company >= COMPANY_THRESHOLD:
        return round((2 * score + company) / 3), "name_company"
    if score == 100:
        # The same name at another company: perhaps a job change, so ask, but lower.
        return 70, "name_other_company"
    return None


def _one_name_holds_the_other(a: str, b: str) -> bool:
    words_a, words_b = set(a.split()), set(b.split())
    return min(len(words_a), len(words_b)) >= 2 and (words_a <= words_b or words_b <= words_a)


def _blocked(cards: Iterable[NameCard]) -> dict[str, list[NameCard]]:
    blocks: dict[str, list[NameCard]] = defaultdict(list)
    for card in cards:
        for key in card.blocks:
            blocks[key].append(card)
    return blocks


def near_duplicates(new: Sequence[NameCard], book: Iterable[NameCard]) -> list[NearDuplicate]:
    """Pairs between the ``new`` people and the book (which may include them)."""
    blocks = _blocked(book)
    new_ids = {card.pk for card in new}
    found: dict[tuple[int, int], NearDuplicate] = {}
    for card in new:
        for key in card.blocks:
            others = [
                other
                for other in blocks.get(key, ())
                if other.pk != card.pk and (other.pk not in new_ids or other.pk < card.pk)
            ]
            for pair in _compare(card, others):
                found.setdefault((pair.first, pair.second), pair)
    return list(found.values())


def scan(book: Iterable[NameCard]) -> list[NearDuplicate]:
    """Every pair inside every block of a whole book."""
    found: dict[tuple[int, int], NearDuplicate] = {}
    for members in _blocked(book).values():
        for index, card in enumerate(members):
            for pair in _compare(card, members[index + 1 :]):
                found.setdefault((pair.first, pair.second), pair)
    return list(found.values())


def _compare(card: NameCard, others: Sequence[NameCard]) -> Iterator[NearDuplicate]:
    if not others:
        return
    # rapidfuzz's C loop does the first cut; only close names get the full rule.
    names = [other.name for other in others]
    hits = process.extract(
        card.name, names, scorer=fuzz.token_set_ratio, score_cutoff=NAME_THRESHOLD, limit=None
    )
    for _name, _score, index in hits:
        other = others[index]
        result = similarity(card, other)
        if result is not None:
            first, second = sorted((card.pk, other.pk))
            yield NearDuplicate(first, second, result[0], result[1])
