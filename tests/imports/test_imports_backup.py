"""The JSON export restores into an empty account with nothing lost: both books are
compared row by row and field by field, straight from the database."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from imports_helpers import refused

from coltiva.accounts.models import User
from coltiva.agenda import services as agenda_services
from coltiva.agenda.models import Plan
from coltiva.events.models import Event
from coltiva.events.services import create_event
from coltiva.imports import exports, services
from coltiva.imports.models import ImportJob, PersonPhoto
from coltiva.imports.undo import undo
from coltiva.people import services as people_services
from coltiva.people.models import ContactPoint, Person, Relationship, StageChange, Tag, Touch
from coltiva.referrals import services as referral_services
from coltiva.referrals.models import Introduction, Referral

# The day decides what these show: each runs at noon UTC, 23:30 UTC and Rome's DST night.
pytestmark = pytest.mark.usefixtures("frozen_now")

# Every model of a book, in an order where a row's links point to rows already listed.
MODELS: list[type[models.Model]] = [
    Tag,
    Event,
    Person,
    ContactPoint,
    Relationship,
    StageChange,
    Touch,
    Referral,
    Introduction,
    Plan,
    PersonPhoto,
]
# Bookkeeping that differs between any two books: row ids, the owner, last-saved times.
IGNORED = {"id", "owner", "updated_at"}


@pytest.fixture
def rich_book(alice: User, make_person: Callable[..., Person]) -> User:
    today = alice.local_today()
    anna = make_person(alice, "Anna Rossi", emails=["anna@example.com"], company="Rossi Srl")
    paolo = make_person(alice, "Paolo Bianchi", profession="Notaio", notes="Line 1\nLine 2 ✓")
    gino = make_person(alice, "Gino Verdi")
    people_services.set_tags(gino, ["wedding", "vip"])
    gone = make_person(alice, "Trashed Person")
    people_services.trash_person(gone)
    people_services.set_contacts(
        paolo,
        [
            people_services.ContactInput("phone", "+39 02 1234 5678", "work"),
            people_services.ContactInput("url", "https://www.linkedin.com/in/paolo", "linkedin"),
        ],
    )
    people_services.set_relationship(
        gino, purposes=["knowledge", "community"], cadence_days=21, pinned_stage="credibility"
    )
    gino.birthday, gino.connected_on = "--12-25", today - timedelta(days=400)
    gino.save()
    event = create_event(alice, {"name": "Breakfast club", "on": today - timedelta(days=20)})
    people_services.log_touch(anna, kind="met", on=today - timedelta(days=20), event_id=event.pk)
    people_services.log_touch(anna, kind="coffee", on=today - timedelta(days=10), minutes=45)
    people_services.log_touch(anna, kind="coffee", on=today - timedelta(days=3), note="Plans")
    people_services.log_touch(anna, kind="helped", on=today - timedelta(days=2))
    referral = referral_services.record_referral(
        alice, direction="given", person=anna, on=today - timedelta(days=1), prospect=paolo
    )
    referral_services.update_referral_status(referral, status="won", value=Decimal("1200.50"))
    referral_services.record_introduction(
        alice, person_a=anna, person_b=gino, on=today, why="Both in weddings"
    )
    plan = agenda_services.plan_meeting(paolo, kind="meal", on=today + timedelta(days=3))
    agenda_services.plan_meeting(anna, kind="coffee", on=today - timedelta(days=1), place="Bar")
    agenda_services.close_plan(plan, Plan.CANCELLED)
    PersonPhoto.objects.create(person=paolo, owner=alice, data=b"\x89PNG fake", mime="image/png")
    return alice


def book_rows(owner: User) -> dict[str, list[dict[str, Any]]]:
    """Every row of the book with links as positions in the linked table, not ids."""
    ids: dict[type[models.Model], dict[Any, int]] = {}
    rows: dict[str, list[dict[str, Any]]] = {}
    for model in MODELS:
        objects = list(model._default_manager.filter(owner=owner).order_by("pk"))
        ids[model] = {obj.pk: n for n, obj in enumerate(objects)}
        rows[model.__name__] = [_plain(obj, ids) for obj in objects]
    links = Person.tags.through.objects.filter(person__owner=owner)
    rows["tag links"] = sorted(
        (ids[Person][link.person_id], ids[Tag][link.tag_id])
        for link in links  # type: ignore[misc]
    )
    return rows


def _plain(obj: models.Model, ids: dict[type[models.Model], dict[Any, int]]) -> dict[str, Any]:
    values = {}
    for field in obj._meta.concrete_fields:
        if field.name in IGNORED:
            continue
        value = getattr(obj, field.attname)
        if field.is_relation and value is not None:
            related = field.related_model
            value = ("->", ids[related][value])  # type: ignore[index]
        values[field.name] = bytes(value) if isinstance(value, memoryview) else value
    return values


def restore(owner: User, text: str) -> services.Report:
    return services.import_file(owner, text.encode(), "coltiva.json")


def test_a_json_export_restores_into_an_empty_account_with_nothing_lost(
    rich_book: User, charlie: User
) -> None:
    text = "".join(exports.export(rich_book, "json"))
    report = restore(charlie, text)
    assert (report.fmt, report.created, report.merged, report.skipped) == ("json", 4, 0, 0)
    original, restored = book_rows(rich_book), book_rows(charlie)
    for table in original:
        assert restored[table] == original[table], table
    assert len(original["Touch"]) >= 7 and original["Plan"] and original["PersonPhoto"]


def test_the_export_is_versioned_and_documented_keys_are_there(rich_book: User) -> None:
    doc = json.loads("".join(exports.export(rich_book, "json")))
    assert doc["coltiva_export"] == 1
    assert {"people", "events", "touches", "referrals", "introductions", "plans"} <= doc.keys()
    gino = next(p for p in doc["people"] if p["display_name"] == "Gino Verdi")
    assert gino["relationship"]["pinned_stage"] == "credibility"
    assert gino["tags"] == ["vip", "wedding"]
    assert "search_key" not in gino and "offers" not in gino  # derived, and empty, left out


def test_a_restore_into_a_book_with_people_is_refused_and_changes_nothing(
    rich_book: User, charlie: User, make_person: Callable[..., Person]
) -> None:
    make_person(charlie, "Already Here")
    with refused("only be restored into an empty account"):
        restore(charlie, "".join(exports.export(rich_book, "json")))
    assert Person.objects.filter(owner=charlie).count() == 1
    assert ImportJob.objects.get(owner=charlie).status == ImportJob.FAILED


def test_a_restore_can_be_undone_like_any_import(rich_book: User, charlie: User) -> None:
    report = restore(charlie, "".join(exports.export(rich_book, "json")))
    assert report.job_id is not None
    undo(ImportJob.objects.get(pk=report.job_id))
    assert not Person.objects.filter(owner=charlie).exists()
    assert not Event.objects.filter(owner=charlie).exists()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda doc: doc.update(coltiva_export=2), "format 2"),
        (lambda doc: doc["touches"][0].update(kind="hugged"), "unknown kind 'hugged'"),
        (lambda doc: doc["touches"][0].update(on="yesterday"), "touches 1"),
        (lambda doc: doc["touches"][0].update(person=999999), "person 999999 is not in the file"),
        (lambda doc: doc.update(people={"not": "a list"}), "is not a list"),
        (lambda doc: doc["people"][0].update(contact_points="x"), "is not a list"),
    ],
)
def test_a_damaged_export_is_refused_with_the_first_problem_and_nothing_kept(
    rich_book: User, charlie: User, mutate: Callable[[dict[str, Any]], None], message: str
) -> None:
    doc = json.loads("".join(exports.export(rich_book, "json")))
    mutate(doc)
    with refused(message):
        restore(charlie, json.dumps(doc))
    assert not Person.objects.filter(owner=charlie).exists()
    assert not Event.objects.filter(owner=charlie).exists()


def test_a_truncated_export_is_refused_with_where_it_stops(rich_book: User, charlie: User) -> None:
    text = "".join(exports.export(rich_book, "json"))
    with refused("damaged or cut short"):
        restore(charlie, text[: len(text) // 2])
