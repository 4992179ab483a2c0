"""The audit log: security events with their address, shown to their account and to
administrators, kept 90 days, and never a password or a token in it or in the log."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coltiva.accounts import audit
from coltiva.accounts.models import AuditEvent, User
from coltiva.reminders import feed
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "Tr0ub4dor&3-not-hers"


@pytest.fixture(autouse=True)
def fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def written_log() -> Iterator[io.StringIO]:
    """What the configured handlers write (with their filters), and every record."""
    stream = io.StringIO()
    root = logging.getLogger()
    handlers = [h for h in root.handlers if isinstance(h, logging.StreamHandler)]
    old = [h.setStream(stream) for h in handlers]
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.setLevel(level)
        for handler, previous in zip(handlers, old, strict=True):
            if previous is not None:
                handler.setStream(previous)


def events(user: User | None = None) -> list[str]:
    rows = AuditEvent.objects.order_by("at", "id")
    if user is not None:
        rows = rows.filter(user=user)
    return list(rows.values_list("event", flat=True))


def test_log_ins_and_failures_are_recorded_with_their_address(alice: User) -> None:
    alice.set_password(PASSWORD)
    alice.save()
    client = Client(REMOTE_ADDR="203.0.113.5")
    client.post(reverse("accounts:login"), {"username": alice.email, "password": WRONG})
    client.post(reverse("accounts:login"), {"username": alice.email, "password": PASSWORD})
    assert events(alice) == [audit.LOGIN_FAILED, audit.LOGIN]
    assert set(AuditEvent.objects.values_list("address", flat=True)) == {"203.0.113.5"}


def test_a_lockout_is_recorded(alice: User) -> None:
    client = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(6):
        client.post(reverse("accounts:login"), {"username": alice.email, "password": WRONG})
    assert audit.LOCKED_OUT in events(alice)


def test_exports_are_recorded(alice_client: Client, alice: User) -> None:
    response = alice_client.get(reverse("imports:export", args=["json"]))
    b"".join(response.streaming_content)  # type: ignore[attr-defined]
    event = AuditEvent.objects.get(event=audit.EXPORT)
    assert event.user == alice and event.detail == {"format": "json"}


def test_the_user_sees_their_own_events_and_nobody_elses(alice: User, bob: User) -> None:
    audit.record(audit.PASSWORD_CHANGED, user=alice, address="203.0.113.5")
    audit.record(audit.LOGIN_FAILED, user=bob, address="198.51.100.66")
    client = Client()
    client.force_login(alice)
    page = client.get(reverse("accounts:security_log")).content.decode()
    assert "Password changed" in page and "203.0.113.5" in page
    assert "198.51.100.66" not in page


def test_administrators_read_the_log_in_the_admin_and_cannot_change_it(alice: User) -> None:
    alice.is_staff = alice.is_superuser = True
    alice.save()
    event = audit.record(audit.LOGIN, user=alice, address="203.0.113.5")
    client = Client()
    client.force_login(alice)
    listing = client.get("/admin/accounts/auditevent/")
    assert listing.status_code == 200 and "203.0.113.5" in listing.content.decode()
    assert client.get("/admin/accounts/auditevent/add/").status_code == 403
    client.post(f"/admin/accounts/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_events_older_than_ninety_days_are_pruned_by_refresh(alice: User, cli: Any) -> None:
    with time_machine.travel(timezone.now() - timedelta(days=91), tick=False):
        audit.record(audit.LOGIN, user=alice)
    with time_machine.travel(timezone.now() - timedelta(days=89), tick=False):
        audit.record(audit.LOGOUT, user=alice)
    code, _out, _err = cli("refresh")
    assert code == 0
    assert events(alice) == [audit.LOGOUT]


def test_detail_never_keeps_a_secret() -> None:
    event = audit.record(
        "mfa_added",
        detail={"password": "x", "token": "y", "otp_code": "1", "device": "phone", "note": "n"},
    )
    assert event.detail == {"device": "phone"}


def test_no_password_or_token_reaches_the_audit_log_or_the_error_log(
    alice: User, written_log: io.StringIO
) -> None:
    alice.set_password(PASSWORD)
    alice.save()
    client = Client(REMOTE_ADDR="203.0.113.5")
    # A failed log-in (a password typed into the e-mail field too), a reset, feeds.
    client.post(reverse("accounts:login"), {"username": alice.email, "password": WRONG})
    client.post(reverse("accounts:login"), {"username": WRONG, "password": WRONG})
    client.post(reverse("accounts:password_reset"), {"email": alice.email})
    reset = re.search(r"/accounts/reset/(\S+)/(\S+)/", mail.outbox[-1].body)
    assert reset is not None
    client.get(reset.group(0), follow=True)
    token = feed.enable(alice)
    assert client.get(reverse("reminders:feed", args=[token])).status_code == 200
    assert client.get(reverse("reminders:feed", args=[token[::-1]])).status_code == 404
    rows = json.dumps(list(AuditEvent.objects.values()), default=str)
    written = written_log.getvalue()
    assert "Not Found" in written  # the log was captured: the 404 of the feed is in it
    for secret in (WRONG, PASSWORD, token, token[::-1], reset.group(2)):
        assert secret not in rows
        assert secret not in written


def test_a_500_in_the_feed_does_not_write_its_token_into_the_log(
    alice: User, written_log: io.StringIO
) -> None:
    token = feed.enable(alice)
    # A time zone no longer known (an older tz database) breaks the feed for real.
    User.objects.filter(pk=alice.pk).update(time_zone="Mars/Olympus_Mons")
    client = Client(raise_request_exception=False)
    assert client.get(reverse("reminders:feed", args=[token])).status_code == 500
    written = written_log.getvalue()
    assert "Internal Server Error" in written and "/feed/" in written
    assert token not in written
