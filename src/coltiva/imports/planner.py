"""Deciding, row by row, what an import does: create a person, merge into one already in
the book (or met earlier in the same file), or skip, and why.

The planner holds no database connection: it starts from the book's duplicate keys (one
query, made by the caller) and learns the keys of each row it plans. The preview and the
import share it, so the counts shown before confirming are the counts the import makes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from coltiva.imports.fields import KEY_PRIORITY, Key, PointIn, person_values, record_points
from coltiva.interchange import ContactRecord, Item, Reason, SkippedRow
from coltiva.people.models import ContactPoint

CREATED, MERGED, SKIPPED = "created", "merged", "skipped"


@dataclass(eq=False)
class Draft:
    """A person this import creates, built up from the first row and any later row that
    turns out to be the same person."""

    row: int
    values: dict[str, Any]
    points: list[PointIn]
    tags: list[str]
    photo: bytes | None
    pk: int | None = None  # set once written

    @property
    def name(self) -> str:
        return str(self.values.get("display_name") or "")


@dataclass(frozen=True)
class Existing:
    """A person already written: in the book before, or created earlier in this import."""

    pk: int
    name: str
    created_here: bool = False


Target = Draft | Existing


@dataclass
class Decision:
    row: int
    outcome: str
    name: str = ""
    # Why (codes: ``coltiva.imports.reasons`` puts them into words).
    reasons: list[Reason] = field(default_factory=list)
    record: ContactRecord | None = None
    target: Target | None = None
    # Points of a merged row that the target does not have yet (by duplicate key).
    new_points: list[PointIn] = field(default_factory=list)
    # Another person who already owns one of this row's keys: the two may be one.
    also_matches: Existing | None = None
    also_kind: str = ""
    # How a merged row was recognised: "email", "phone" or "url".
    matched_by: str = ""


def in_file(target: Target) -> bool:
    return isinstance(target, Draft) or target.created_here


def matched_group(kind: str, target: Target) -> Reason:
    """Why rows were merged, without a name: it groups them on the preview."""
    if in_file(target):
        codes = {
            ContactPoint.EMAIL: Reason("rows_same_email_earlier_row"),
            ContactPoint.PHONE: Reason("rows_same_phone_earlier_row"),
            ContactPoint.URL: Reason("rows_same_link_earlier_row"),
        }
    else:
        codes = {
            ContactPoint.EMAIL: Reason("rows_same_email_in_book"),
            ContactPoint.PHONE: Reason("rows_same_phone_in_book"),
            ContactPoint.URL: Reason("rows_same_link_in_book"),
        }
    return codes[kind]


def matched_reason(kind: str, target: Target) -> Reason:
    """Why a row was merged, naming whom into."""
    name = {"name": target.name}
    if in_file(target):
        codes = {
            ContactPoint.EMAIL: Reason("same_email_earlier_row", name),
            ContactPoint.PHONE: Reason("same_phone_earlier_row", name),
            ContactPoint.URL: Reason("same_link_earlier_row", name),
        }
    else:
        codes = {
            ContactPoint.EMAIL: Reason("same_email_in_book", name),
            ContactPoint.PHONE: Reason("same_phone_in_book", name),
            ContactPoint.URL: Reason("same_link_in_book", name),
        }
    return codes[kind]


class Planner:
    def __init__(self, keys: dict[Key, Existing], region: str, *, writing: bool = True) -> None:
        self.keys: dict[Key, Target] = dict(keys)
        self.region = region
        # A preview writes nothing, so it remembers a new person by a small marker rather
        # than the whole draft: memory stays small however long the file.
        self.writing = writing
        self.counts: Counter[str] = Counter()

    def plan(self, item: Item) -> Decision:
        if isinstance(item, SkippedRow):
            self.counts[SKIPPED] += 1
            return Decision(item.row, SKIPPED, reasons=[item.reason])
        points = record_points(item, self.region)
        matches = self._matches(points)
        if not matches:
            return self._create(item, points)
        return self._merge(item, points, matches)

    def _matches(self, points: list[PointIn]) -> list[tuple[str, Target]]:
        found: list[tuple[str, Target]] = []
        for point in sorted(points, key=lambda p: KEY_PRIORITY[p.kind]):
            key = point.key
            target = self.keys.get(key) if key else None
            if target is not None and all(not _same(target, known) for _, known in found):
                found.append((point.kind, target))
        return found

    def settle(self) -> None:
        """After a batch is written, its drafts are people like any other: later rows
        merge into them through the database, not in memory."""
        settled: dict[int, Existing] = {}
        for key, target in self.keys.items():
            if isinstance(target, Draft) and target.pk is not None:
                if target.pk not in settled:
                    settled[target.pk] = Existing(target.pk, target.name, created_here=True)
                self.keys[key] = settled[target.pk]

    def _create(self, record: ContactRecord, points: list[PointIn]) -> Decision:
        draft = Draft(
            row=record.source_row,
            values=person_values(record),
            points=points,
            tags=list(record.tags),
            photo=record.photo,
        )
        target: Target = draft
        if not self.writing:
            target = Existing(-record.source_row, draft.name, created_here=True)
        for point in points:
            if point.key:
                self.keys.setdefault(point.key, target)
        self.counts[CREATED] += 1
        warnings = list(record.warnings)
        return Decision(record.source_row, CREATED, record.best_name(), warnings, record, draft)

    def _merge(
        self, record: ContactRecord, points: list[PointIn], matches: list[tuple[str, Target]]
    ) -> Decision:
        kind, target = matches[0]
        new_points = [p for p in points if p.key is None or p.key not in self.keys]
        for point in new_points:
            if point.key:
                self.keys[point.key] = target
        if isinstance(target, Draft):
            _fold_into_draft(target, record, new_points)
        self.counts[MERGED] += 1
        decision = Decision(
            record.source_row,
            MERGED,
            record.best_name(),
            [matched_reason(kind, target)],
            record,
            target,
            new_points,
        )
        decision.matched_by = kind
        others = [(k, t) for k, t in matches[1:] if isinstance(t, Existing)]
        if others:
            decision.also_kind, decision.also_matches = others[0][0], others[0][1]
        return decision


def _same(a: Target, b: Target) -> bool:
    if isinstance(a, Existing) and isinstance(b, Existing):
        return a.pk == b.pk
    return a is b


def _fold_into_draft(draft: Draft, record: ContactRecord, new_points: list[PointIn]) -> None:
    """A later row of the same person fills what the first row left empty."""
    for name, value in person_values(record).items():
        if value and not draft.values.get(name):
            draft.values[name] = value
    notes = record.notes.strip()
    if notes and notes not in draft.values["notes"]:
        draft.values["notes"] = f"{draft.values['notes']}\n\n{notes}".strip()
    known = {(point.kind, point.normalized) for point in draft.points}
    draft.points.extend(p for p in new_points if (p.kind, p.normalized) not in known)
    draft.tags.extend(tag for tag in record.tags if tag not in draft.tags)
    if draft.photo is None:
        draft.photo = record.photo
