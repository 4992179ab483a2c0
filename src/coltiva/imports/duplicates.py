"""Possible duplicates: found after an import (or on demand for the whole book), stored
as pairs, and settled by the user: merged in one click, or marked as different people, a
decision that later scans respect. A merge done here can be undone while neither person
has changed since."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coltiva.accounts.models import User
from coltiva.imports.models import DuplicatePair, ImportJob, PersonMerge
from coltiva.people.merge import (
    MergeTrace,
    NameCard,
    NearDuplicate,
    can_unmerge,
    merge_people,
    name_card,
    scan,
    unmerge,
)
from coltiva.people.merge import near_duplicates as find_near
from coltiva.people.models import Person, Touch

REASONS: dict[str, Any] = {
    "name": _("Similar name"),
    "name_company": _("Similar name and company"),
    "name_other_company": _("Same name, another company"),
    "email": _("Same e-mail"),
    "phone": _("Same phone"),
    "url": _("Same profile link"),
}
SHARED_KEY_SCORE = 95


def book_cards(owner: User) -> list[NameCard]:
    rows = (
        Person.objects.alive()
        .filter(owner=owner)
        .values_list("pk", "given_name", "family_name", "display_name", "company")
    )
    return [name_card(*row) for row in rows.iterator(chunk_size=5000)]


def after_import(
    owner: User, new_ids: list[int], shared: list[tuple[int, int, str]], job: ImportJob
) -> int:
    """Pairs between the people an import created and the whole book, plus people whose
    e-mail or phone one row of the file gave to both."""
    found: list[NearDuplicate] = []
    if new_ids:
        cards = book_cards(owner)
        wanted = set(new_ids)
        found = find_near([card for card in cards if card.pk in wanted], cards)
    for one, two, kind in shared:
        if one != two:
            first, second = sorted((one, two))
            found.append(NearDuplicate(first, second, SHARED_KEY_SCORE, kind))
    return store(owner, found, job)


def scan_book(owner: User) -> int:
    return store(owner, scan(book_cards(owner)))


def store(owner: User, found: Iterable[NearDuplicate], job: ImportJob | None = None) -> int:
    """Save new pairs; a pair already known (to review, or marked different) is kept as is."""
    pairs = [
        DuplicatePair(
            owner=owner,
            person_a_id=pair.first,
            person_b_id=pair.second,
            score=pair.score,
            reason=pair.reason,
            job=job,
        )
        for pair in found
    ]
    before = DuplicatePair.objects.filter(owner=owner).count()
    DuplicatePair.objects.bulk_create(pairs, batch_size=500, ignore_conflicts=True)
    return DuplicatePair.objects.filter(owner=owner).count() - before


def open_pairs(owner: User) -> QuerySet[DuplicatePair]:
    """Pairs to review, each with its two people's number of touches (``touches_a``,
    ``touches_b``), so the page can say which record holds them."""
    return (
        DuplicatePair.objects.filter(
            owner=owner,
            status=DuplicatePair.OPEN,
            person_a__deleted_at__isnull=True,
            person_b__deleted_at__isnull=True,
        )
        .select_related("person_a", "person_b")
        .annotate(touches_a=_touch_count("person_a"), touches_b=_touch_count("person_b"))
        .order_by("-score", "id")
    )


def _touch_count(side: str) -> Coalesce:
    counts = (
        Touch.objects.filter(person=OuterRef(side))
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts), 0)


def mark_different(pair: DuplicatePair) -> None:
    pair.status = DuplicatePair.DIFFERENT
    pair.save(update_fields=["status"])


def sides(pair: DuplicatePair, keep: str) -> tuple[Person, Person]:
    """(survivor, other) when ``keep`` ("a" or "b") says whose details win."""
    if keep == "a":
        return pair.person_a, pair.person_b
    return pair.person_b, pair.person_a


@transaction.atomic
def merge_pair(pair: DuplicatePair, keep: str) -> PersonMerge:
    """Merge the pair's two people, keeping what undoing the merge needs."""
    survivor, other = sides(pair, keep)
    trace = MergeTrace()
    other_id, other_name = other.pk, other.display_name
    merge_people(survivor, other, trace)
    return PersonMerge.objects.create(
        owner_id=survivor.owner_id,
        survivor=survivor,
        other_id=other_id,
        other_name=other_name,
        score=pair.score,
        reason=pair.reason,
        trace=trace.as_json(),
    )


def can_undo_merge(merge: PersonMerge) -> bool:
    if merge.undone_at is not None:
        return False
    survivor = Person.objects.filter(pk=merge.survivor_id).first()
    return can_unmerge(
        survivor, MergeTrace.from_json(merge.trace), merge.created_at, ignore=[DuplicatePair]
    )


def undoable_merges(owner: User, limit: int = 5) -> list[PersonMerge]:
    """The latest merges that can still be undone."""
    recent = PersonMerge.objects.filter(owner=owner, undone_at__isnull=True).select_related(
        "survivor"
    )[: limit * 2]
    return [merge for merge in recent if can_undo_merge(merge)][:limit]


@transaction.atomic
def undo_merge(merge: PersonMerge) -> Person:
    """Put both people back as they were; the pair goes back to review. Raises
    ``ValueError`` when either person has changed since the merge."""
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if not can_undo_merge(merge):
        raise ValueError("this merge can no longer be undone")
    other = unmerge(merge.survivor, MergeTrace.from_json(merge.trace))
    first, second = sorted((merge.survivor_id, other.pk))
    DuplicatePair.objects.get_or_create(
        owner_id=merge.owner_id,
        person_a_id=first,
        person_b_id=second,
        defaults={"score": merge.score, "reason": merge.reason},
    )
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_at"])
    return other


def on_merging(sender: Any, survivor: Person, other: Person, **kwargs: Any) -> None:
    """Before a merge: the other person's pairs become the survivor's (at most one pair
    per two people, lower id first), and the pair between the two goes."""
    mine = DuplicatePair.objects.filter(Q(person_a=other) | Q(person_b=other))
    for pair in list(mine):
        third = pair.person_b_id if pair.person_a_id == other.pk else pair.person_a_id
        if third == survivor.pk or _pair_exists(survivor.pk, third):
            pair.delete()
            continue
        pair.person_a_id, pair.person_b_id = sorted((survivor.pk, third))
        pair.save(update_fields=["person_a", "person_b"])


def _pair_exists(one: int, two: int) -> bool:
    first, second = sorted((one, two))
    return DuplicatePair.objects.filter(person_a_id=first, person_b_id=second).exists()
