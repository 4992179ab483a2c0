"""Writing a planned demo book into the database in bulk, chunk by chunk.

Rows go in with ``bulk_create``, so nothing ``save`` derives happens by itself: the
writer sets the derived fields (``sort_name``, ``search_key``, ``profession_code``) and
computes each relationship's stored assessment and stage history with the domain's own
``assess`` and ``stage_history`` on the touches it has just drawn. No touch is read back,
and no refresh is needed afterwards.
"""

from __future__ import annotations

import random
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.apps import apps
from django.utils import timezone

from coltiva.accounts.backends import forget_user
from coltiva.accounts.models import User
from coltiva.agenda.models import Plan
from coltiva.dbkit.bulk import insert_rows, update_rows
from coltiva.demo import histories, vocabulary
from coltiva.demo import rows as rows_module
from coltiva.demo.histories import History, TouchSpec
from coltiva.demo.plan import BookPlan, PersonPlan
from coltiva.domain.professions import mapped_code
from coltiva.domain.touches import Direction, Kind
from coltiva.domain.touches import Touch as DomainTouch
from coltiva.domain.vcp import Stage, assess, stage_history
from coltiva.events.models import Event
from coltiva.imports.fields import prepare
from coltiva.people.contacts import normalize_contact
from coltiva.people.models import ContactPoint, Person, Relationship, StageChange, Tag, Touch
from coltiva.people.services import apply_assessment, vcp_params
from coltiva.referrals.models import Introduction, Referral

CHUNK = 2000
TOUCH_FIELDS = (
    "owner",
    "person",
    "kind",
    "on",
    "minutes",
    "note",
    "direction",
    "value",
    "event",
    "created_at",
)
BATCH = 2000
Progress = Callable[[str], None]


@dataclass
class Written:
    people: int = 0
    touches: int = 0
    events: int = 0
    referrals: int = 0
    introductions: int = 0
    links: int = 0
    plans: int = 0
    stage_changes: int = 0


def _rng(seed: int, index: int) -> random.Random:
    # One generator per person: a chunk can be drawn twice (sizes, then rows) and alike.
    return random.Random(seed * 1_000_003 + index)


def person_history(plan: BookPlan, person: PersonPlan, events: Sequence[int]) -> History:
    h, _window = histories.core(
        person.archetype,
        _rng(plan.seed, person.index),
        events,
        person.language,
        person.introductions,
    )
    return h


def filler_counts(plan: BookPlan, events: Sequence[int]) -> list[int]:
    """How many filler touches each person gets so the book has exactly its size."""
    cores = [len(person_history(plan, p, events).touches) for p in plan.people]
    weights = [histories.FILLER_WEIGHT[p.archetype] for p in plan.people]
    left = max(0, plan.size.touches - sum(cores))
    total = sum(weights) or 1.0
    counts = [int(left * w / total) for w in weights]
    rng = random.Random(plan.seed)
    eligible = [i for i, w in enumerate(weights) if w > 0]
    for i in rng.choices(eligible, k=left - sum(counts)) if eligible else []:
        counts[i] += 1
    return counts


class BookWriter:
    def __init__(self, user: User, plan: BookPlan, today: date, progress: Progress) -> None:
        self.user = user
        self.plan = plan
        self.today = today
        self.progress = progress
        self.params = vcp_params()
        self.ids: list[int] = []  # person id by plan index
        self.event_ids: list[int] = []
        self.events_ago = [e.ago for e in plan.events]  # most recent first
        self.tags: dict[str, int] = {}
        self.written = Written()
        self.adapt = rows_module.Adapter(Touch)

    def write(self) -> Written:
        self._events()
        fillers = filler_counts(self.plan, self.events_ago)
        self._tags()
        people = self.plan.people
        for start in range(0, len(people), CHUNK):
            chunk = people[start : start + CHUNK]
            self._chunk(chunk, fillers[start : start + CHUNK])
            self.progress(f"{min(start + CHUNK, len(people))}/{len(people)} people")
        self._introductions()
        self._links()
        self._plans()
        User.objects.filter(pk=self.user.pk).update(book_assessed_on=self.today)
        forget_user(self.user.pk)
        self.user.book_assessed_on = self.today
        return self.written

    # --- Chunks of people ------------------------------------------------------------

    def _chunk(self, chunk: Sequence[PersonPlan], fillers: Sequence[int]) -> None:
        drawn = []
        for person, count in zip(chunk, fillers, strict=True):
            h, window = histories.core(
                person.archetype,
                _rng(self.plan.seed, person.index),
                self.events_ago,
                person.language,
                person.introductions,
            )
            histories.fill(h, person.archetype, window, count)
            drawn.append(h.touches)
        rows = self._people(chunk, drawn)
        self.ids.extend(p.pk for p in rows)
        self._contacts(chunk, rows)
        touches = self._touches(rows, drawn)
        self._referrals(rows, drawn, touches)
        self._relationships(chunk, rows, drawn)

    def _people(
        self, chunk: Sequence[PersonPlan], drawn: Sequence[list[TouchSpec]]
    ) -> list[Person]:
        now = timezone.now()
        rows = [
            prepare(
                Person(
                    owner=self.user,
                    given_name=p.given,
                    family_name=p.family,
                    company=p.company,
                    job_title=p.job_title,
                    profession=p.profession,
                    profession_code=_code(p.profession or p.job_title),
                    city=p.city,
                    language="Italiano" if p.language == "it" else "English",
                    offers=p.offers,
                    looks_for=p.looks_for,
                    target_market=p.target_market,
                    how_met="LinkedIn" if p.archetype == "imported" else "",
                    deleted_at=now - timedelta(days=3) if p.trashed else None,
                )
            )
            for p in chunk
        ]
        rows = Person.objects.bulk_create(rows, batch_size=BATCH)
        # ``created_at`` is set on insert: back-date it to when the person entered the book.
        for person, touches, plan in zip(rows, drawn, chunk, strict=True):
            first = max((t.ago for t in touches), default=(plan.index * 7919) % 900)
            person.created_at = now - timedelta(days=first)
        update_rows(Person, ((person, ("created_at",)) for person in rows))
        self.written.people += len(rows)
        return rows

    def _contacts(self, chunk: Sequence[PersonPlan], rows: Sequence[Person]) -> None:
        region = self.user.phone_region
        points = []
        tagged = []
        for plan, person in zip(chunk, rows, strict=True):
            for kind, values in (
                ("email", plan.emails),
                ("phone", plan.phones),
                ("url", plan.urls),
            ):
                for value in values:
                    normalized = normalize_contact(kind, value, region)
                    points.append((self.user.pk, person.pk, kind, "", value, normalized))
            tagged += [(person.pk, self.tags[t]) for t in plan.tags]
        fields = ("owner", "person", "kind", "label", "value", "normalized")
        rows_module.insert(ContactPoint, fields, points)
        rows_module.insert(Person.tags.through, ("person", "tag"), tagged)

    def _touches(
        self, rows: Sequence[Person], drawn: Sequence[list[TouchSpec]]
    ) -> list[list[Touch | None]]:
        """Insert the touches; return, per person, the rows of those a referral points
        to (their ids are needed), None for the others."""
        adapt = rows_module.Adapter(Touch)
        created = adapt.moment(timezone.now())
        per_person: list[list[Touch | None]] = []
        plain = []
        kept = []
        for person, specs in zip(rows, drawn, strict=True):
            mine: list[Touch | None] = []
            for s in specs:
                on = self.today - timedelta(days=s.ago)
                event = self.event_ids[s.event] if s.event is not None else None
                if s.referral is None:
                    plain.append(
                        (
                            self.user.pk,
                            person.pk,
                            s.kind,
                            adapt.day(on),
                            s.minutes,
                            s.note,
                            s.direction,
                            adapt.money(s.value),
                            event,
                            created,
                        )
                    )
                    mine.append(None)
                    continue
                touch = Touch(
                    owner=self.user,
                    person=person,
                    kind=s.kind,
                    on=on,
                    minutes=s.minutes,
                    note=s.note,
                    direction=s.direction,
                    value=s.value,
                    event_id=event,
                )
                kept.append(touch)
                mine.append(touch)
            per_person.append(mine)
        rows_module.insert(Touch, TOUCH_FIELDS, plain)
        Touch.objects.bulk_create(kept, batch_size=BATCH)
        self.written.touches += len(plain) + len(kept)
        return per_person

    def _referrals(
        self,
        rows: Sequence[Person],
        drawn: Sequence[list[TouchSpec]],
        touches: Sequence[list[Touch | None]],
    ) -> None:
        referrals: dict[int, Referral] = {}
        for person, specs, made in zip(rows, drawn, touches, strict=True):
            for spec, touch in zip(specs, made, strict=True):
                if spec.referral is None or touch is None:
                    continue
                key = id(spec.referral)
                if spec.role == "opens":
                    referrals[key] = self._referral(person, spec, touch)
                elif spec.role == "closes":
                    referrals[key].closed_touch = touch
                elif spec.role == "thanks":
                    referrals[key].thanked_touch = touch
        Referral.objects.bulk_create(list(referrals.values()), batch_size=BATCH)
        self.written.referrals += len(referrals)

    def _referral(self, person: Person, spec: TouchSpec, touch: Touch) -> Referral:
        assert spec.referral is not None
        draw = spec.referral.prospect
        # Prospects are people already written (this chunk included), drawn by number.
        known = self.ids
        prospect_id = known[draw % len(known)] if draw % 3 == 0 and known else None
        if prospect_id == person.pk:
            prospect_id = None
        texts = vocabulary.PROSPECTS_IT if draw % 2 else vocabulary.PROSPECTS_EN
        return Referral(
            owner=self.user,
            direction=spec.referral.direction,
            person=person,
            prospect_id=prospect_id,
            prospect_description="" if prospect_id else texts[draw % len(texts)],
            status=spec.referral.status,
            warmth=spec.referral.warmth,
            value=spec.referral.value,
            on=touch.on,
            touch=touch,
        )

    def _relationships(
        self,
        chunk: Sequence[PersonPlan],
        rows: Sequence[Person],
        drawn: Sequence[list[TouchSpec]],
    ) -> None:
        rels = []
        changes = []
        for plan, person, specs in zip(chunk, rows, drawn, strict=True):
            domain = [self._domain(s) for s in specs]
            rel, history = self._assessed(plan, person, domain)
            rels.append(rel)
            changes += history
        insert_rows(Relationship, rels)
        fields = ("owner", "person", "on", "from_stage", "to_stage")
        rows_module.insert(StageChange, fields, changes)
        self.written.stage_changes += len(changes)

    def _domain(self, spec: TouchSpec) -> DomainTouch:
        return DomainTouch(
            kind=Kind(spec.kind),
            on=self.today - timedelta(days=spec.ago),
            minutes=spec.minutes,
            direction=Direction(spec.direction) if spec.direction else None,
            value=spec.value,
            # The engine names an event by its name (as ``domain_touches`` reads it).
            event=self.plan.events[spec.event].name if spec.event is not None else None,
        )

    def _assessed(
        self, plan: PersonPlan, person: Person, touches: list[DomainTouch]
    ) -> tuple[Relationship, list[tuple[object, ...]]]:
        result = assess(
            touches,
            self.today,
            cadence_days=plan.cadence,
            pinned_stage=Stage(plan.pinned) if plan.pinned else None,
            params=self.params,
        )
        business, knowledge, influence, community = plan.purposes
        rel = Relationship(
            person=person,
            owner=self.user,
            purpose_business=business,
            purpose_knowledge=knowledge,
            purpose_influence=influence,
            purpose_community=community,
            cadence_days=plan.cadence,
            pinned_stage=plan.pinned,
            # Already the stage reached: the history below records how it got there.
            computed_stage=result.computed_stage.value,
        )
        apply_assessment(rel, result, self.today, person.created_at.date())
        changes: list[tuple[object, ...]] = []
        previous = Stage.NONE.value
        for change in stage_history(touches, self.today, self.params):
            on = self.adapt.day(change.on)
            changes.append((self.user.pk, person.pk, on, previous, change.stage.value))
            previous = change.stage.value
        return rel, changes

    # --- The rest of the book --------------------------------------------------------

    def _events(self) -> None:
        rows = Event.objects.bulk_create(
            [
                Event(
                    owner=self.user,
                    name=e.name,
                    on=self.today - timedelta(days=e.ago),
                    place=e.place,
                )
                for e in self.plan.events
            ],
            batch_size=BATCH,
        )
        self.event_ids = [e.pk for e in rows]
        self.written.events = len(rows)

    def _tags(self) -> None:
        rows = Tag.objects.bulk_create([Tag(owner=self.user, name=n) for n in vocabulary.TAGS])
        self.tags = {t.name: t.pk for t in rows}

    def _introductions(self) -> None:
        rows = [
            Introduction(
                owner=self.user,
                person_a_id=self.ids[i.a],
                person_b_id=self.ids[i.b],
                on=self.today - timedelta(days=i.ago),
                # In the reader's language (the book's owner), not the people's.
                why=vocabulary.INTRODUCTION_WHY_IT
                if self.user.language == "it"
                else vocabulary.INTRODUCTION_WHY_EN,
                outcome=i.outcome,
            )
            for i in self.plan.introductions
        ]
        Introduction.objects.bulk_create(rows, batch_size=BATCH)
        self.written.introductions = len(rows)

    def _links(self) -> None:
        """Who knows whom, when the network app that stores it is installed."""
        if not apps.is_installed("coltiva.network"):
            return
        from coltiva.network.models import Link

        now = self.adapt.moment(timezone.now())
        rows = []
        for a, b, kind in self.plan.links:
            low, high = sorted((self.ids[a], self.ids[b]))
            # ``kind`` says what the second person is to the first (the model's rule).
            stored = kind if low == self.ids[a] else Link.INVERSE.get(kind, kind)
            rows.append((self.user.pk, low, high, stored, "", now, now))
        fields = ("owner", "person_a", "person_b", "kind", "note", "created_at", "updated_at")
        rows_module.insert(Link, fields, rows)
        self.written.links = len(rows)

    def _plans(self) -> None:
        zone = zoneinfo.ZoneInfo(self.user.time_zone)
        rows = []
        for index, days, kind in self.plan.plans:
            on = self.today + timedelta(days=days)
            hour = 8 + (index % 10)
            rows.append(
                Plan(
                    owner=self.user,
                    person_id=self.ids[index],
                    kind=kind,
                    at=datetime.combine(on, time(hour, 0), tzinfo=zone),
                    on=on,
                    minutes=60 if kind == "meal" else 45,
                )
            )
        Plan.objects.bulk_create(rows, batch_size=BATCH)
        self.written.plans = len(rows)


@lru_cache(maxsize=8192)
def _code(text: str) -> str:
    return mapped_code(text)
