"""The right to leave: download everything, then delete the account and its whole book;
nothing of it stays, and nobody else's book is touched."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django_otp.oath import totp

from coltiva.accounts import audit, twofactor
from coltiva.accounts.models import AuditEvent, User
from coltiva.agenda import services as agenda_services
from coltiva.events.services import create_event
from coltiva.imports import conf as import_conf
from coltiva.imports import services as import_services
from coltiva.imports.models import PersonPhoto
from coltiva.people import services as people_services
from coltiva.people.models import Person

PASSWORD = "a-long-test-password-42"  # the cast's password (tests/conftest.py)


def make_book(owner: User, make_person: Callable[..., Person]) -> None:
    today = owner.local_today()
    anna = make_person(owner, "Anna Rossi", emails=["anna@example.com"])
    paolo = make_person(owner, "Paolo Bianchi", profession="Notaio")
    people_services.set_tags(anna, ["wedding"])
    event = create_event(owner, {"name": "Breakfast club", "on": today - timedelta(days=5)})
    people_services.log_touch(anna, kind="met", on=today - timedelta(days=5), event_id=event.pk)
    agenda_services.plan_meeting(paolo, kind="coffee", on=today + timedelta(days=2))
    PersonPhoto.objects.create(person=paolo, owner=owner, data=b"\x89PNG", mime="image/png")


def every_row() -> dict[str, list[dict[str, Any]]]:
    # The security log is the one table meant to outlive an account (90 days, naming no
    # one): the test checks it on its own.
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model is not AuditEvent
    }


def owned_models() -> list[tuple[type[models.Model], str]]:
    """Every model with a link to an account, found in the app registry (a model added
    later is covered without anyone remembering to)."""
    user_model = get_user_model()
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    ]


def test_deleting_the_account_removes_every_row_of_the_book_and_nothing_else(
    bob: User, make_person: Callable[..., Person]
) -> None:
    make_book(bob, make_person)
    bob_client = Client()
    bob_client.force_login(bob)
    before = every_row()

    alice = User.objects.create_user("alice@example.com", PASSWORD, name="Alice", language="en")
    make_book(alice, make_person)
    upload = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Gino Verdi\r\nN:Verdi;Gino;;;\r\nEND:VCARD\r\n"
    job = import_services.start(alice, upload, "contacts.vcf")
    stored = import_conf.uploads_dir() / job.stored_file
    assert stored.is_file()
    twofactor.new_recovery_codes(alice)
    alice_client = Client()
    alice_client.force_login(alice)
    assert any(model.objects.filter(**{f: alice}).exists() for model, f in owned_models())

    response = alice_client.post("/accounts/leave/", {"password": PASSWORD, "code": ""})
    # Recovery codes alone make the account enrolled: the code is asked for.
    assert response.status_code == 400
    code = twofactor.new_recovery_codes(alice)[0]
    response = alice_client.post("/accounts/leave/", {"password": PASSWORD, "code": code})

    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    for model, field in owned_models():
        assert not model._default_manager.filter(**{f"{field}_id": alice.pk}).exists(), model
    assert not stored.exists()
    # Every table is as it was before alice came: bob's book and session untouched.
    after = every_row()
    assert after == before
    # The security log keeps what happened, naming no one: her events lose their link to
    # the account, and her deletion is one row with the account's number only.
    assert not AuditEvent.objects.filter(user_id=alice.pk).exists()
    deleted = AuditEvent.objects.get(event=audit.ACCOUNT_DELETED)
    assert deleted.user_id is None and deleted.detail == {"user_id": alice.pk}
    assert not any("alice" in str(e.detail).lower() for e in AuditEvent.objects.all())
    assert bob_client.get("/people/").status_code == 200
    assert alice_client.get("/people/").status_code == 302
    login = Client().post(
        "/accounts/login/", {"username": "alice@example.com", "password": PASSWORD}
    )
    assert login.status_code == 200 and "_auth_user_id" not in login.client.session


def test_a_wrong_password_deletes_nothing(alice_client: Client, alice: User) -> None:
    response = alice_client.post("/accounts/leave/", {"password": "not mine"})
    assert response.status_code == 400
    assert "not your password" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()


def test_with_an_authenticator_app_deleting_needs_its_code(alice: User) -> None:
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=UTC), tick=False) as clock:
        device = twofactor.start_app(alice)
        first = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        twofactor.confirm_app(alice, device, f"{first:06d}")
        clock.shift(timedelta(seconds=30))
        client = Client()
        client.force_login(alice)
        refused = client.post("/accounts/leave/", {"password": PASSWORD, "code": "000000"})
        assert refused.status_code == 400 and User.objects.filter(pk=alice.pk).exists()
        clock.shift(timedelta(seconds=2))
        device.refresh_from_db()
        now = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        done = client.post("/accounts/leave/", {"password": PASSWORD, "code": f"{now:06d}"})
        assert done.status_code == 302
        assert not User.objects.filter(pk=alice.pk).exists()


def test_download_everything_holds_the_book_and_the_account(
    alice_client: Client, alice: User, make_person: Callable[..., Person]
) -> None:
    make_book(alice, make_person)
    response = alice_client.post("/accounts/leave/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    book = json.loads(archive.read("book.json"))
    account = json.loads(archive.read("account.json"))
    assert {p["given_name"] for p in book["people"]} == {"Anna", "Paolo"}
    assert len(book["touches"]) == 1 and len(book["plans"]) == 1
    assert account["email"] == "alice@example.com" and account["name"] == "Alice Verdi"
    text = json.dumps(account)
    assert "password" not in text and alice.password not in text
    assert AuditEvent.objects.filter(user=alice, event=audit.EXPORT).count() == 1


def test_the_download_is_a_post_and_only_of_ones_own_book(client: Client, db: None) -> None:
    assert client.post("/accounts/leave/download/").status_code == 302
    assert settings.LOGIN_URL
