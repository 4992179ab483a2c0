"""Sign-up confirms the address, tells nobody which addresses exist, and is rate-limited."""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coltiva.accounts import services
from coltiva.accounts.models import User
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "correct horse battery 9"


@pytest.fixture(autouse=True)
def fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_up(email: str = "new@example.com", *, remote: str = "127.0.0.1", **extra: str) -> Any:
    data = {"email": email, "name": "New", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    return Client().post(reverse("accounts:signup"), data | extra, REMOTE_ADDR=remote)


def confirmation_link(message: Any) -> str:
    found = re.search(r"https?://\S+/accounts/confirm/\S+/", message.body)
    assert found is not None, message.body
    return found.group(0)


def log_in(email: str, password: str) -> Any:
    return Client().post(reverse("accounts:login"), {"username": email, "password": password})


def test_a_new_account_cannot_log_in_until_its_address_is_confirmed() -> None:
    page = sign_up().content.decode()
    assert "Check your inbox" in page
    refused = log_in("new@example.com", NEW_PASSWORD)
    assert refused.status_code == 200
    assert "Confirm your e-mail address first" in refused.content.decode()
    assert reverse("accounts:resend_confirmation") in refused.content.decode()

    client = Client()
    link = confirmation_link(mail.outbox[-1])
    assert client.get(link).status_code == 200  # a mail scanner's visit confirms nothing
    assert User.objects.get(email="new@example.com").email_confirmed_at is None
    assert client.post(link).status_code == 302
    assert log_in("new@example.com", NEW_PASSWORD).status_code == 302


def test_a_confirmation_link_works_once() -> None:
    sign_up()
    link = confirmation_link(mail.outbox[-1])
    assert Client().post(link).status_code == 302
    assert Client().post(link).status_code == 404


def test_a_confirmation_link_expires_after_three_days() -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_up()
        link = confirmation_link(mail.outbox[-1])
        traveller.shift(3 * 24 * 3600 + 60)
        page = Client().post(link)
    assert page.status_code == 404
    assert "too old" in page.content.decode()
    assert User.objects.get(email="new@example.com").email_confirmed_at is None


def test_sign_up_answers_the_same_whether_or_not_the_address_has_an_account(
    alice: User,
) -> None:
    fresh = sign_up("nobody@example.com").content.decode()
    taken = sign_up(alice.email).content.decode()
    assert "already exists" not in taken

    def strip(page: str, email: str) -> str:
        page = page.replace(email, "EMAIL")
        # Only the CSRF tokens differ, as between any two requests.
        page = re.sub(r'"X-CSRFToken": "[^"]+"', "", page)
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)

    assert strip(fresh, "nobody@example.com") == strip(taken, alice.email)
    # Alice is told by e-mail instead, and her account is untouched.
    told = mail.outbox[-1]
    assert told.to == [alice.email] and "already have an account" in told.body
    assert "/accounts/reset/" in told.body
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_signing_up_again_for_an_unconfirmed_address_sends_a_new_link_that_replaces_the_old() -> (
    None
):
    sign_up(remote="203.0.113.5")  # someone else's attempt with this address
    old = confirmation_link(mail.outbox[-1])
    sign_up(
        remote="198.51.100.7", password1="another long pass 77", password2="another long pass 77"
    )
    new = confirmation_link(mail.outbox[-1])
    assert Client().post(old).status_code == 404
    assert Client().post(new).status_code == 302
    assert log_in("new@example.com", "another long pass 77").status_code == 302


def test_sign_up_is_limited_per_client_address(settings: Any) -> None:
    settings.SIGNUP_LIMIT_PER_ADDRESS = 3
    for n in range(3):
        assert sign_up(f"u{n}@example.com", remote="203.0.113.5").status_code == 200
    refused = sign_up("u9@example.com", remote="203.0.113.5")
    assert refused.status_code == 429
    assert not User.objects.filter(email="u9@example.com").exists()
    assert sign_up("u9@example.com", remote="198.51.100.7").status_code == 200


def test_sign_up_is_limited_per_e_mail_without_saying_so(settings: Any, alice: User) -> None:
    settings.SIGNUP_LIMIT_PER_EMAIL = 3
    for n in range(5):
        page = sign_up(alice.email, remote=f"203.0.113.{n}")
        assert page.status_code == 200 and "Check your inbox" in page.content.decode()
    assert len([m for m in mail.outbox if m.to == [alice.email]]) == 3


def test_the_first_confirmed_account_is_the_administrator_not_the_first_sign_up(
    alice: User,
) -> None:
    User.objects.all().delete()
    sign_up("first@example.com")
    first_link = confirmation_link(mail.outbox[-1])
    sign_up("second@example.com")
    second_link = confirmation_link(mail.outbox[-1])
    Client().post(second_link)
    Client().post(first_link)
    assert User.objects.get(email="second@example.com").is_staff
    assert not User.objects.get(email="first@example.com").is_staff


def test_the_log_in_page_resends_the_link_without_telling_who_exists(alice: User) -> None:
    sign_up()
    mail.outbox.clear()
    client = Client()
    for email in ("new@example.com", alice.email, "nobody@example.com"):
        page = client.post(reverse("accounts:resend_confirmation"), {"email": email})
        assert "If an account waits for that address" in page.content.decode()
    assert [m.to for m in mail.outbox] == [["new@example.com"]]
    assert Client().post(confirmation_link(mail.outbox[0])).status_code == 302


def test_confirm_email_is_one_service_an_invitation_can_call() -> None:
    user = services.sign_up(email="invited@example.com", password=NEW_PASSWORD, confirmed=False)
    assert log_in(user.email, NEW_PASSWORD).status_code == 200
    services.confirm_email(user)
    assert log_in(user.email, NEW_PASSWORD).status_code == 302


def test_adduser_and_the_demo_make_confirmed_accounts(cli: Any) -> None:
    from coltiva.demo import services as demo_services

    code, _out, _err = cli("adduser", "op@example.com", "--password-stdin", stdin=NEW_PASSWORD)
    assert code == 0
    demo, password = demo_services.demo_account("demo@coltiva.local", create=True)
    assert log_in("op@example.com", NEW_PASSWORD).status_code == 302
    assert log_in(demo.email, password).status_code == 302
