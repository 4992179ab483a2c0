"""A new account's time zone and phone region come from the browser, not from Italy."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from coltiva.accounts import defaults
from coltiva.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery 9"


def sign_up(accept_language: str, **fields: str) -> User:
    data = {"email": "new@example.com", "name": "New", "password1": PASSWORD}
    data |= {"password2": PASSWORD} | fields
    response = Client().post(
        reverse("accounts:signup"), data, headers={"accept-language": accept_language}
    )
    # The page then says "check your inbox" (in the browser's language).
    assert response.status_code == 200 and "new@example.com" in response.content.decode()
    assert "/accounts/confirm/" in mail.outbox[-1].body
    return User.objects.get(email="new@example.com")


def test_an_en_us_browser_in_chicago_gets_chicago_and_region_us() -> None:
    user = sign_up("en-US,en;q=0.9", time_zone="America/Chicago")
    assert (user.time_zone, user.phone_region) == ("America/Chicago", "US")


def test_without_the_browsers_zone_a_one_zone_region_gives_its_zone() -> None:
    user = sign_up("en-GB,en;q=0.8")
    assert (user.time_zone, user.phone_region) == ("Europe/London", "GB")


def test_a_forged_time_zone_is_ignored_and_nothing_breaks() -> None:
    user = sign_up("it-IT", time_zone="Mars/Olympus<script>")
    assert (user.time_zone, user.phone_region) == ("Europe/Rome", "IT")


@pytest.mark.parametrize(
    ("accept_language", "zone", "region"),
    [
        ("en-US,en;q=0.9", "", "US"),
        ("de-CH;q=0.8", "", "CH"),
        ("en", "America/Los_Angeles", "US"),  # no region: the zone's country
        ("en", "", "US"),  # nothing else: the language's likely region
        ("it", "", "IT"),
        ("fr-XX", "Europe/Paris", "FR"),  # an unknown region is skipped
        ("", "", "IT"),  # nothing at all: the default
        ("*", "", "IT"),
    ],
)
def test_the_phone_region_follows_accept_language_then_the_zone_then_the_language(
    accept_language: str, zone: str, region: str
) -> None:
    assert defaults.phone_region(accept_language, zone) == region
