"""Sessions and signed-in users come from the shared cache: every change to them must
show on the very next request, in this process or another."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from coltiva.accounts.backends import CachedModelBackend
from coltiva.accounts.models import User

PASSWORD = "a-long-test-password-42"  # the cast's password (tests/conftest.py)

pytestmark = pytest.mark.django_db


def logged_in(email: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def home_status(client: Client) -> int:
    return client.get(reverse("web:home")).status_code


def test_a_real_login_is_served_from_the_cache(alice: User) -> None:
    client = logged_in(alice.email)
    for _ in range(3):  # the first request of the day refreshes the book and the user row
        assert home_status(client) == 200
    assert isinstance(caches["shared"].get(f"user-{alice.pk}"), User)


def test_a_profile_change_shows_on_the_next_request(alice: User) -> None:
    client = logged_in(alice.email)
    home_status(client)
    home_status(client)
    alice.language = "it"
    alice.save()
    body = client.get(reverse("web:home")).content.decode()
    assert '<html lang="it">' in body and "Oggi" in body


def test_a_deactivated_user_is_signed_out_at_once(alice: User) -> None:
    client = logged_in(alice.email)
    assert home_status(client) == 200
    alice.is_active = False
    alice.save()
    assert home_status(client) == 302


def test_a_password_change_ends_the_other_sessions(alice: User) -> None:
    other = logged_in(alice.email)
    assert home_status(other) == 200
    alice.set_password("a-new-and-long-password-7")
    alice.save()
    assert home_status(other) == 302


def test_logging_out_ends_the_session_for_a_copied_cookie(alice: User) -> None:
    client = logged_in(alice.email)
    assert home_status(client) == 200
    stolen = Client()
    stolen.cookies = client.cookies.__class__(client.cookies)
    client.post(reverse("accounts:logout"))
    assert home_status(stolen) == 302


def test_a_stale_entry_for_another_id_is_never_served(alice: User, bob: User) -> None:
    caches["shared"].set(f"user-{alice.pk}", bob)
    assert CachedModelBackend().get_user(alice.pk) == alice
