"""Log-in lockout behind a trusted proxy, per account and per address."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def fast_hashing(settings: Any) -> None:
    # Hundreds of log-ins: Argon2's deliberate slowness would make this file take minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(email: str, password: str, *, remote: str = PROXY, forwarded: str = "") -> int:
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    response = Client().post(
        reverse("accounts:login"), {"username": email, "password": password}, **headers
    )
    return response.status_code


@pytest.fixture
def behind_proxy(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.0/8", "::1"]


def test_behind_a_trusted_proxy_one_client_cannot_lock_out_another(
    behind_proxy: None, alice: User
) -> None:
    for _ in range(6):
        log_in(alice.email, "wrong", forwarded="203.0.113.5")
    assert log_in(alice.email, "wrong", forwarded="203.0.113.5") == 429
    # Alice, at home, reaches the same proxy: her correct password works.
    assert log_in(alice.email, PASSWORD, forwarded="198.51.100.7") == 302


def test_a_forwarded_address_from_an_untrusted_client_is_ignored(alice: User) -> None:
    # No trusted proxy configured: the header is the attacker's own words.
    for n in range(5):
        log_in(alice.email, "wrong", remote="203.0.113.5", forwarded=f"10.0.0.{n}")
    assert log_in(alice.email, PASSWORD, remote="203.0.113.5", forwarded="10.0.0.99") == 429
    assert log_in(alice.email, PASSWORD, remote="198.51.100.7") == 302


def test_an_untrusted_proxy_cannot_pose_as_a_client_behind_a_trusted_one(
    behind_proxy: None, alice: User
) -> None:
    for _ in range(5):
        log_in(alice.email, "wrong", remote="203.0.113.9", forwarded="198.51.100.7")
    # The failures were counted against 203.0.113.9, not the address it named.
    assert log_in(alice.email, PASSWORD, forwarded="198.51.100.7") == 302


def test_fifty_failures_over_many_accounts_lock_the_address(
    behind_proxy: None, alice: User
) -> None:
    attacker = "203.0.113.5"
    for n in range(50):
        log_in(f"victim{n % 40}@example.com", "wrong", forwarded=attacker)
    # Even Alice's correct password is refused from that address now...
    assert log_in(alice.email, PASSWORD, forwarded=attacker) == 429
    # ...and works from any other.
    assert log_in(alice.email, PASSWORD, forwarded="198.51.100.7") == 302


def test_forty_nine_failures_over_many_accounts_lock_nothing(
    behind_proxy: None, alice: User
) -> None:
    for n in range(49):
        log_in(f"victim{n % 40}@example.com", "wrong", forwarded="203.0.113.5")
    assert log_in(alice.email, PASSWORD, forwarded="203.0.113.5") == 302


def test_correct_log_ins_from_a_shared_address_never_count(
    behind_proxy: None, alice: User, bob: User
) -> None:
    room = "192.0.2.10"  # a group's meeting room: everyone behind one address
    for _ in range(55):
        assert log_in(bob.email, PASSWORD, forwarded=room) == 302
    assert log_in(alice.email, PASSWORD, forwarded=room) == 302


def test_a_correct_log_in_does_not_clear_the_address_count(
    behind_proxy: None, alice: User, bob: User
) -> None:
    attacker = "203.0.113.5"
    for n in range(45):
        log_in(f"victim{n}@example.com", "wrong", forwarded=attacker)
    # The attacker owns a real account (bob) and logs into it to wipe his tracks.
    assert log_in(bob.email, PASSWORD, forwarded=attacker) == 302
    for n in range(5):
        log_in(f"other{n}@example.com", "wrong", forwarded=attacker)
    assert log_in(alice.email, PASSWORD, forwarded=attacker) == 429
