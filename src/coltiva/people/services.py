"""Use cases for people and touches, shared by the web views, the CLI and imports.

Each takes plain values, calls the domain, saves, and keeps the relationship's stored
assessment in step within the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coltiva.accounts.backends import forget_user
from coltiva.accounts.models import User
from coltiva.dbkit.bulk import update_rows
from coltiva.domain import agenda, bounds, guardrails, touches
from coltiva.domain.assessment import plain
from coltiva.domain.professions import profession_code
from coltiva.domain.vcp import Assessment, Params, Stage, assess, stage_on
from coltiva.people.contacts import normalize_contact
from coltiva.people.models import (
    PURPOSES,
    ContactPoint,
    Person,
    Relationship,
    StageChange,
    Tag,
    Touch,
    domain_touches,
    fold,
)


@dataclass(frozen=True)
class ContactInput:
    kind: str
    value: str
    label: str = ""


# Sent once a person added by hand (form, CLI, event mode) is saved with their e-mails
# and phones, so possible duplicates can be found at once. Argument: ``person``.
person_added = Signal()
# Sent once every stored assessment of a book is brought up to today, so feature apps
# can add to the next steps (the network names the match to introduce). Argument: ``user``.
book_refreshed = Signal()


def vcp_params() -> Params:
    return Params(
        visibility_half_life_days=settings.VCP_HALF_LIFE_VISIBILITY,
        credibility_half_life_days=settings.VCP_HALF_LIFE_CREDIBILITY,
        profitability_half_life_days=settings.VCP_HALF_LIFE_PROFITABILITY,
        score_floor=settings.VCP_SCORE_FLOOR,
    )


# --- People -------------------------------------------------------------------------------


def map_profession_code(person: Person) -> Person:
    """Set the taxonomy code from the free text, unless the user chose it by hand. Every
    writer of a person's profession or job title calls it (bulk writes skip ``save``)."""
    if not person.profession_code_manual:
        person.profession_code = profession_code(person.profession, person.job_title)
    return person


@transaction.atomic
def create_person(
    owner: User,
    fields: dict[str, Any],
    contacts: Iterable[ContactInput] = (),
    tags: Iterable[str] = (),
) -> Person:
    person = Person(owner=owner, **fields)
    person.full_clean(exclude=["owner", "sort_name", "display_name"])
    map_profession_code(person)
    person.save()
    today = owner.local_today()
    rel = Relationship(person=person, owner=owner)
    # A new person has no touches yet: their assessment needs no query.
    apply_assessment(rel, assess([], today, params=vcp_params()), today, today)
    rel.save()
    set_contacts(person, contacts)
    set_tags(person, tags)
    person_added.send(sender=Person, person=person)
    return person


@dataclass(frozen=True)
class SharedContact:
    """Someone in the book who already has one of the e-mails or phones given."""

    person_id: int
    name: str
    kind: str
    value: str


def shared_contacts(
    owner: User, contacts: Iterable[ContactInput], exclude: int | None = None
) -> list[SharedContact]:
    """People of the book holding one of these e-mails or phones, compared on their
    normalised form (phones with the owner's region)."""
    wanted = {
        (item.kind, normalize_contact(item.kind, item.value.strip(), owner.phone_region)[:500])
        for item in contacts
        if item.kind in (ContactPoint.EMAIL, ContactPoint.PHONE) and item.value.strip()
    }
    if not wanted:
        return []
    match = Q()
    for kind, normalized in wanted:
        match |= Q(kind=kind, normalized=normalized)
    rows = (
        ContactPoint.objects.filter(match, owner=owner, person__deleted_at__isnull=True)
        .exclude(person_id=exclude or 0)
        .order_by("person__sort_name", "kind", "pk")
        .values_list("person_id", "person__display_name", "kind", "value")
    )
    found: dict[tuple[int, str], SharedContact] = {}
    for person_id, name, kind, value in rows:
        found.setdefault((person_id, kind), SharedContact(person_id, name, kind, value))
    return list(found.values())


def set_contacts(person: Person, contacts: Iterable[ContactInput]) -> None:
    region = person.owner.phone_region
    rows = []
    seen: set[tuple[str, str]] = set()
    for item in contacts:
        value = item.value.strip()
        if not value:
            continue
        normalized = normalize_contact(item.kind, value, region)
        if (item.kind, normalized) in seen:
            continue
        seen.add((item.kind, normalized))
        rows.append(
            ContactPoint(
                owner_id=person.owner_id,
                person=person,
                kind=item.kind,
                label=item.label.strip()[:40],
                value=value[:500],
                normalized=normalized[:500],
            )
        )
    ContactPoint.objects.bulk_create(rows)


def replace_contacts(person: Person, contacts: Iterable[ContactInput]) -> None:
    person.contact_points.all().delete()
    set_contacts(person, contacts)


def set_tags(person: Person, names: Iterable[str]) -> None:
    clean = sorted({n.strip()[:60] for n in names if n.strip()})
    tags = []
    for name in clean:
        tag, _created = Tag.objects.get_or_create(owner_id=person.owner_id, name=name)
        tags.append(tag)
    person.tags.set(tags)


def parse_tags(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


@transaction.atomic
def update_person(
    person: Person,
    fields: dict[str, Any],
    contacts: Iterable[ContactInput] | None = None,
    tags: Iterable[str] | None = None,
) -> Person:
    for name, value in fields.items():
        setattr(person, name, value)
    map_profession_code(person)
    person.save()
    if contacts is not None:
        replace_contacts(person, contacts)
    if tags is not None:
        set_tags(person, tags)
    return person


def trash_person(person: Person) -> None:
    """Move to the trash: restorable for ``settings.TRASH_DAYS`` days, then purged."""
    person.deleted_at = timezone.now()
    person.save(update_fields=["deleted_at", "updated_at"])


def restore_person(person: Person) -> None:
    person.deleted_at = None
    person.save(update_fields=["deleted_at", "updated_at"])


def purge_trash(now: Any = None) -> int:
    cutoff = (now or timezone.now()) - timedelta(days=settings.TRASH_DAYS)
    # Staged people belong to a job that is still running (or its cleanup), not the trash.
    trashed = Person.objects.filter(deleted_at__lt=cutoff, staged_by__isnull=True)
    deleted, _detail = trashed.delete()
    return deleted


# --- Touches ------------------------------------------------------------------------------


# ASCII digits only: Python's int() and date.fromisoformat() also read Arabic-Indic
# digits and ISO week dates (2025-W01-1), which no one means as a birthday.
_BIRTHDAY = re.compile(r"(?:(?P<year>[0-9]{4})|-)-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})", re.ASCII)


def check_birthday(raw: str, today: date) -> str:
    """``raw`` as stored (YYYY-MM-DD, or --MM-DD when the year is unknown), or
    ``ValidationError`` for a day that does not exist or lies outside 1900..today."""
    match = _BIRTHDAY.fullmatch(raw)
    try:
        if match is None:
            raise ValueError(raw)
        year = int(match["year"] or 2000)  # a leap year, so --02-29 is a birthday
        day = date(year, int(match["month"]), int(match["day"]))
    except ValueError:
        raise ValidationError(
            _("Write the birthday as YYYY-MM-DD, or --MM-DD when the year is unknown.")
        ) from None
    if match["year"] and not bounds.EARLIEST_BIRTHDAY <= day <= today:
        raise ValidationError(
            _("A birthday lies between %(earliest)s and today.")
            % {"earliest": date_format(bounds.EARLIEST_BIRTHDAY, "DATE_FORMAT")}
        )
    return raw


def problem_message(problem: touches.Problem, *, kind: str = "", today: date | None = None) -> str:
    """The sentence for a problem of ``touches.problems``/``day_problem``, at its field."""
    P = touches.Problem
    if problem is P.UNKNOWN_KIND:
        return _("Unknown kind of touch: %(kind)s.") % {"kind": kind}
    if problem is P.BEFORE_EARLIEST:
        return _("Choose a day from %(earliest)s on.") % {
            "earliest": date_format(bounds.EARLIEST_DAY, "DATE_FORMAT")
        }
    if problem is P.IN_THE_FUTURE:
        return _("A touch cannot be dated in the future (today is %(today)s): plan it instead.") % {
            "today": (today or date.today()).isoformat()
        }
    messages = {
        P.NEEDS_DIRECTION: _("Say whether the business was for you or for them."),
        P.NO_DIRECTION: _("Only closed business has a direction."),
        P.NO_VALUE: _("Only closed business has a value."),
        P.NEGATIVE_VALUE: _("A value cannot be negative."),
        P.MINUTES_OUT_OF_RANGE: _("Minutes must be between 1 and %(max)s.")
        % {"max": touches.MAX_MINUTES},
    }
    return messages[problem]


def check_touch(
    *,
    kind: str,
    on: date,
    today: date,
    direction: str = "",
    value: Decimal | None = None,
    minutes: int | None = None,
) -> None:
    """Raise ``ValidationError`` (by field) for a touch the method cannot accept."""
    found = touches.problems(
        kind=kind, on=on, today=today, direction=direction, value=value, minutes=minutes
    )
    if found:
        # The problem's code goes with its sentence, so an entry point may word it its
        # own way (the CLI lists the kinds after an unknown one).
        raise ValidationError(
            {
                field: ValidationError(
                    problem_message(problem, kind=kind, today=today),
                    code=problem.value,
                    params={"kind": kind},
                )
                for field, problem in found.items()
            }
        )


def _check_fits(touch: Touch) -> None:
    """The model's own limits (a note's length, a value's digits), whichever entry point
    wrote the touch: the CLI stored a 100,000-character note, and ``--value 1e-30``
    became 1.0e-30 on SQLite and 0.00 on PostgreSQL. No query: the related rows are
    the caller's own."""
    errors: dict[str, list[str]] = {}
    try:
        touch.clean_fields(exclude=["owner", "person", "event"])
    except ValidationError as exc:
        errors = exc.message_dict
    # A TextField's max_length is a form's limit only: the model does not check it.
    for field in touch._meta.concrete_fields:
        limit, text = field.max_length, getattr(touch, field.attname)
        if isinstance(field, models.TextField) and limit and len(text or "") > limit:
            try:
                MaxLengthValidator(limit)(text)
            except ValidationError as exc:
                errors.setdefault(field.name, []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def log_touch(
    person: Person,
    *,
    kind: str,
    on: date,
    minutes: int | None = None,
    note: str = "",
    direction: str = "",
    value: Decimal | None = None,
    event_id: int | None = None,
) -> Touch:
    today = person.owner.local_today()
    check_touch(kind=kind, on=on, today=today, direction=direction, value=value, minutes=minutes)
    touch = Touch(
        owner_id=person.owner_id,
        person=person,
        kind=kind,
        on=on,
        minutes=minutes,
        note=note,
        direction=direction,
        value=value,
        event_id=event_id,
    )
    _check_fits(touch)
    touch.save(force_insert=True)
    reassess(person, today)
    return touch


@transaction.atomic
def update_touch(touch: Touch, **fields: Any) -> Touch:
    today = touch.person.owner.local_today()
    for name, value in fields.items():
        setattr(touch, name, value)
    check_touch(
        kind=touch.kind,
        on=touch.on,
        today=today,
        direction=touch.direction,
        value=touch.value,
        minutes=touch.minutes,
    )
    _check_fits(touch)
    touch.save()
    reassess(touch.person, today)
    return touch


@transaction.atomic
def delete_touch(touch: Touch) -> None:
    person = touch.person
    touch.delete()
    reassess(person, person.owner.local_today())


# --- Stored assessment --------------------------------------------------------------------


def stage_before(person: Person, day: date) -> Stage:
    """The stage on ``day`` judged on the touches before it (as ``asked_too_early`` does).

    A pinned stage stands in for the computed one, as everywhere else.
    """
    rel = person.relationship
    if rel.pinned_stage:
        return Stage(rel.pinned_stage)
    touches = domain_touches(person.touches.filter(on__lt=day)).get(person.pk, [])
    return stage_on(touches, day, vcp_params())


def early_ask(person: Person, *, kind: str, on: date) -> Stage | None:
    """The stage an ask dated ``on`` would be made at, when the method warns that it is
    too early (``asked_too_early``); None for any other touch or a timely ask.

    The web asks before saving (the user confirms), the CLI after (it prints the warning).
    """
    if kind != touches.Kind.ASK:
        return None
    stage = stage_before(person, on)
    return stage if guardrails.too_early_to_ask(stage) else None


def _pinned(rel: Relationship) -> Stage | None:
    return Stage(rel.pinned_stage) if rel.pinned_stage else None


def apply_assessment(
    rel: Relationship, result: Assessment, today: date, created_on: date
) -> StageChange | None:
    """Copy an assessment onto the stored fields; return the stage change to record, if any."""
    change = None
    if rel.computed_stage != result.computed_stage.value:
        change = StageChange(
            owner_id=rel.owner_id,
            person_id=rel.person_id,
            on=today,
            from_stage=rel.computed_stage,
            to_stage=result.computed_stage.value,
        )
    data = result.to_dict()
    rel.stage = result.stage.value
    rel.stage_rank = result.stage.rank
    rel.computed_stage = result.computed_stage.value
    rel.health = result.health.value
    rel.score_visibility = result.scores.visibility
    rel.score_credibility = result.scores.credibility
    rel.score_profitability = result.scores.profitability
    rel.warnings = data["warnings"]
    rel.evidence = data["evidence"]
    rel.next_step = result.next_step.code.value
    rel.next_step_params = plain(result.next_step.params)
    rel.next_step_since = result.next_step.waiting_since
    rel.last_contact_on = result.last_contact
    rel.assessed_on = today
    set_due(rel, result, today, created_on)
    return change


def set_due(rel: Relationship, result: Assessment, today: date, created_on: date) -> None:
    """When the next step belongs on Today, honouring a snooze or a dismissal."""
    step = result.next_step
    rel.agenda_rank = agenda.rank(step.code.value, result.stage)
    due = agenda.due_on(
        step.code,
        waiting_since=step.waiting_since,
        last_contact=result.last_contact,
        cadence_days=result.cadence_days,
        assessed_on=today,
        created_on=created_on,
    )
    dismissed = rel.dismissed_step == step.code.value and rel.dismissed_since == (
        step.waiting_since
    )
    if dismissed:
        due = None
    elif due is not None and rel.snoozed_until and rel.snoozed_until > due:
        due = rel.snoozed_until
    rel.due_on = due


STORED_FIELDS = [
    "stage",
    "stage_rank",
    "computed_stage",
    "health",
    "score_visibility",
    "score_credibility",
    "score_profitability",
    "warnings",
    "evidence",
    "next_step",
    "next_step_params",
    "next_step_since",
    "last_contact_on",
    "assessed_on",
    "due_on",
    "agenda_rank",
]


def reassess(person: Person, today: date) -> Relationship:
    rel = Relationship.objects.select_for_update().get(person=person)
    touches = domain_touches(Touch.objects.filter(person=person)).get(person.pk, [])
    result = assess(
        touches,
        today,
        cadence_days=rel.cadence_days,
        pinned_stage=_pinned(rel),
        params=vcp_params(),
    )
    entered = person.owner.local_date(person.created_at) if person.created_at else today
    change = apply_assessment(rel, result, today, entered)
    rel.save(update_fields=STORED_FIELDS)
    if change:
        change.save()
    return rel


def refresh_book(user: User, today: date | None = None, batch: int = 250) -> int:
    """Bring every stored assessment of a book up to ``today`` (decay); return how many.

    Reads touches person by person in batches, so memory stays bounded on a large book.
    """
    today = today or user.local_today()
    params = vcp_params()
    ids = list(
        Relationship.objects.filter(owner=user, person__deleted_at__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    for start in range(0, len(ids), batch):
        refresh_batch(user, ids[start : start + batch], today, params)
    finish_refresh(user, today)
    return len(ids)


def finish_refresh(user: User, today: date) -> None:
    """Every assessment of the book is as of ``today``: say so, and update what builds on
    them."""
    User.objects.filter(pk=user.pk).update(book_assessed_on=today)
    forget_user(user.pk)
    user.book_assessed_on = today
    book_refreshed.send(sender=User, user=user)


@transaction.atomic
def refresh_batch(user: User, ids: Sequence[int], today: date, params: Params) -> None:
    by_person = domain_touches(Touch.objects.filter(person_id__in=ids))
    rels = list(
        Relationship.objects.filter(person_id__in=ids).annotate(
            person_created=F("person__created_at")
        )
    )
    changes = []
    for rel in rels:
        result = assess(
            by_person.get(rel.person_id, []),
            today,
            cadence_days=rel.cadence_days,
            pinned_stage=_pinned(rel),
            params=params,
        )
        created = rel.person_created
        entered = user.local_date(created) if created else today
        change = apply_assessment(rel, result, today, entered)
        if change:
            changes.append(change)
    # One small UPDATE run with executemany: bulk_update's CASE WHEN over 16 fields took
    # Django longer to compile than the database to run.
    update_rows(Relationship, ((rel, STORED_FIELDS) for rel in rels))
    StageChange.objects.bulk_create(changes, batch_size=500)


@transaction.atomic
def set_relationship(
    person: Person,
    *,
    purposes: Iterable[str],
    cadence_days: int | None,
    pinned_stage: str,
) -> Relationship:
    rel = Relationship.objects.select_for_update().get(person=person)
    chosen = set(purposes)
    for name in PURPOSES:
        setattr(rel, f"purpose_{name}", name in chosen)
    rel.cadence_days = cadence_days
    rel.pinned_stage = pinned_stage
    rel.save()
    return reassess(person, person.owner.local_today())


def find_person(owner: User, ref: str) -> Person:
    """A person of the book by id, e-mail, or a name that matches exactly one person."""
    people = Person.objects.alive().filter(owner=owner)
    ref = ref.strip()
    if ref.isdigit():
        found = people.filter(pk=int(ref)).first()
        if found:
            return found
    if "@" in ref:
        found = people.filter(
            contact_points__kind="email", contact_points__normalized=ref.lower()
        ).first()
        if found:
            return found
    folded = fold(ref)
    exact = list(people.filter(search_key__startswith=folded)[:20])
    exact = [p for p in exact if fold(p.display_name) == folded] or exact
    if len(exact) == 1:
        return exact[0]
    if not exact:
        raise LookupError(f"nobody in the book matches {ref!r}")
    names = ", ".join(f"{p.display_name} (id {p.pk})" for p in exact[:5])
    raise LookupError(f"{ref!r} matches several people: {names}; use an id")
