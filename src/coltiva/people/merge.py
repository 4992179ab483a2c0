"""Two people of a book who are one: merging them, and finding who may be the same.

A merge keeps everything: touches (and with them the events they happened at), notes,
e-mails, phones and links, tags, referrals (as the other side or as the prospect),
introductions, plans and the relationship's own settings all move to the survivor; the
survivor's typed values win, and the other's differing ones are written into the notes
rather than dropped. The survivor is then reassessed.

Near-duplicates are found by name and company with rapidfuzz, comparing people only
within blocks (same family name; same given name and family initial), never all pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

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


@transaction.atomic
def merge_people(survivor: Person, other: Person) -> Person:
    """Fold ``other`` into ``survivor`` (same book) and delete ``other``."""
    if survivor.pk == other.pk or survivor.owner_id != other.owner_id:
        raise ValueError("a person can only be merged with another person of the same book")
    merging.send(sender=Person, survivor=survivor, other=other)
    _merge_fields(survivor, other)
    _merge_relationship(survivor, other)
    _move_contact_points(survivor, other)
    survivor.tags.add(*other.tags.all())
    _move_related(survivor, other)
    first_seen = min(survivor.created_at, other.created_at)
    other.delete()
    survivor.save()
    Person.objects.filter(pk=survivor.pk).update(created_at=first_seen)
    survivor.created_at = first_seen
    reassess(survivor, survivor.owner.local_today())
    return survivor


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


def _move_contact_points(survivor: Person, other: Person) -> None:
    known = set(survivor.contact_points.values_list("kind", "normalized"))
    moving = [
        point.pk
        for point in other.contact_points.all()
        if (point.kind, point.normalized) not in known
    ]
    ContactPoint.objects.filter(pk__in=moving).update(person=survivor)


def _move_related(survivor: Person, other: Person) -> None:
    for relation in _reverse_relations():
        model = relation.related_model
        field = relation.field.name
        rows = model._base_manager.filter(**{field: other})
        if relation.one_to_one:
            if not model._base_manager.filter(**{field: survivor}).exists():
                rows.update(**{field: survivor})
            continue
        try:
            with transaction.atomic():
                rows.update(**{field: survivor})
        except IntegrityError:
            # A model with its own rules (one link per two people, stored in order; one
            # invitation per person and group): row by row, in order, or dropped when
            # the survivor already has the same row.
            for row in list(rows):
                _move_row(model, row, field, survivor)


def _move_row(model: Any, row: Any, field: str, survivor: Person) -> None:
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
            return
        except IntegrityError:
            continue
    model._base_manager.filter(pk=row.pk).delete()


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
