"""Active sessions on the profile, log out everywhere else, and tokens that end with the
password: the calendar feed and the digest's unsubscribe link."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coltiva.accounts.models import User, UserSession
from coltiva.reminders import digest, feed
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
NEW_PASSWORD = "a-brand-new-password-77"


@pytest.fixture(autouse=True)
def fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fast_alice(alice: User) -> User:
    alice.set_password(PASSWORD)
    alice.save()
    return alice


def logged_in(user: User, agent: str, address: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def is_logged_in(client: Client) -> bool:
    return client.get(reverse("accounts:profile")).status_code == 200


def test_the_profile_lists_each_device_with_this_one_marked(fast_alice: User) -> None:
    laptop = logged_in(fast_alice, FIREFOX, "203.0.113.5")
    logged_in(fast_alice, IPHONE, "198.51.100.7")
    page = laptop.get(reverse("accounts:profile")).content.decode()
    assert "Firefox on Windows" in page and "Mobile Safari on iOS" in page
    assert "203.0.113.0/24" in page and "198.51.100.0/24" in page
    assert "203.0.113.5" not in page  # approximate: the network, not the machine
    assert page.count("this device") == 1
    row = page.split("this device")[0].rsplit("<tr>", 1)[1]
    assert "Firefox" in row


def test_log_out_everywhere_else_ends_the_other_sessions_only(fast_alice: User) -> None:
    laptop = logged_in(fast_alice, FIREFOX, "203.0.113.5")
    phone = logged_in(fast_alice, IPHONE, "198.51.100.7")
    laptop.post(reverse("accounts:end_other_sessions"))
    assert is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert UserSession.objects.filter(user=fast_alice).count() == 1


def test_one_session_can_be_logged_out_from_another(fast_alice: User) -> None:
    laptop = logged_in(fast_alice, FIREFOX, "203.0.113.5")
    phone = logged_in(fast_alice, IPHONE, "198.51.100.7")
    phone_row = UserSession.objects.get(user=fast_alice, user_agent=IPHONE)
    laptop.post(reverse("accounts:end_session", args=[phone_row.pk]))
    assert not is_logged_in(phone) and is_logged_in(laptop)


def test_another_user_cannot_end_someone_elses_session(fast_alice: User, bob: User) -> None:
    bob.set_password(PASSWORD)
    bob.save()
    phone = logged_in(fast_alice, IPHONE, "198.51.100.7")
    row = UserSession.objects.get(user=fast_alice)
    bob_client = logged_in(bob, FIREFOX, "203.0.113.5")
    assert bob_client.post(reverse("accounts:end_session", args=[row.pk])).status_code == 404
    assert is_logged_in(phone)


def test_last_seen_moves_at_most_once_a_minute(fast_alice: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        laptop = logged_in(fast_alice, FIREFOX, "203.0.113.5")
        first = UserSession.objects.get().last_seen
        traveller.shift(30)
        laptop.get(reverse("accounts:profile"))
        assert UserSession.objects.get().last_seen == first
        traveller.shift(61)
        laptop.get(reverse("accounts:profile"))
        assert UserSession.objects.get().last_seen > first


def test_a_password_change_ends_the_other_sessions_and_rotates_the_feed(
    fast_alice: User,
) -> None:
    laptop = logged_in(fast_alice, FIREFOX, "203.0.113.5")
    phone = logged_in(fast_alice, IPHONE, "198.51.100.7")
    old_token = feed.enable(fast_alice)
    old_feed = reverse("reminders:feed", args=[old_token])
    assert Client().get(old_feed).status_code == 200
    response = laptop.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert is_logged_in(laptop) and not is_logged_in(phone)
    assert Client().get(old_feed).status_code == 404
    fast_alice.refresh_from_db()
    assert fast_alice.calendar_token and fast_alice.calendar_token != old_token
    assert (
        Client().get(reverse("reminders:feed", args=[fast_alice.calendar_token])).status_code == 200
    )
    # The profile lists this session still, under its new key.
    assert "this device" in laptop.get(reverse("accounts:profile")).content.decode()


def test_a_password_change_leaves_a_feed_that_was_off_off(fast_alice: User) -> None:
    laptop = logged_in(fast_alice, FIREFOX, "203.0.113.5")
    laptop.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    fast_alice.refresh_from_db()
    assert fast_alice.calendar_token == ""


def reset_link() -> str:
    found = re.search(r"https?://\S+/accounts/reset/\S+/\S+/", mail.outbox[-1].body)
    assert found is not None
    return found.group(0)


def test_a_password_reset_ends_every_session_and_rotates_the_feed(fast_alice: User) -> None:
    laptop = logged_in(fast_alice, FIREFOX, "203.0.113.5")
    old_token = feed.enable(fast_alice)
    stranger = Client()
    stranger.post(reverse("accounts:password_reset"), {"email": fast_alice.email})
    form_page = stranger.get(reset_link(), follow=True)
    stranger.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    fast_alice.refresh_from_db()
    assert fast_alice.check_password(NEW_PASSWORD)
    assert not is_logged_in(laptop)
    assert fast_alice.calendar_token != old_token
    assert Client().get(reverse("reminders:feed", args=[old_token])).status_code == 404


def test_reset_e_mails_are_limited_per_account(settings: Any, fast_alice: User) -> None:
    settings.RESET_LIMIT_PER_ACCOUNT = 3
    for n in range(6):
        page = Client(REMOTE_ADDR=f"203.0.113.{n}").post(
            reverse("accounts:password_reset"), {"email": fast_alice.email}, follow=True
        )
        assert "a link to reset the password is on its way" in page.content.decode()
    assert len(mail.outbox) == 3


def test_reset_e_mails_are_limited_per_address(settings: Any) -> None:
    settings.RESET_LIMIT_PER_ADDRESS = 4
    for n in range(6):
        User.objects.create_user(f"user{n}@example.com", PASSWORD)
    client = Client(REMOTE_ADDR="203.0.113.5")
    for n in range(6):
        client.post(reverse("accounts:password_reset"), {"email": f"user{n}@example.com"})
    assert len(mail.outbox) == 4
    Client(REMOTE_ADDR="198.51.100.7").post(
        reverse("accounts:password_reset"), {"email": "user5@example.com"}
    )
    assert len(mail.outbox) == 5


def test_the_unsubscribe_link_only_unsubscribes(client: Client, fast_alice: User) -> None:
    url = reverse("reminders:unsubscribe", args=[digest.unsubscribe_token(fast_alice)])
    # A forged cross-site POST tries to turn the digest back on.
    client.post(url, {"subscribe": "1"})
    fast_alice.refresh_from_db()
    assert not fast_alice.digest_enabled
    assert fast_alice.email not in client.get(url).content.decode()


def test_the_unsubscribe_link_expires_after_sixty_days(client: Client, fast_alice: User) -> None:
    fast_alice.digest_enabled = True
    fast_alice.save()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        url = reverse("reminders:unsubscribe", args=[digest.unsubscribe_token(fast_alice)])
        traveller.shift(61 * 24 * 3600)
        assert client.post(url).status_code == 404
    fast_alice.refresh_from_db()
    assert fast_alice.digest_enabled
