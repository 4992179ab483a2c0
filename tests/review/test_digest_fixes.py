"""The weekly digest's rough edges: the opt-in, one line per thank-you, plurals, and the
unsubscribe page for someone already unsubscribed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.referrals.models import Referral
from coltiva.referrals.services import record_referral, update_referral_status
from coltiva.reminders import digest

# The day decides what these show: each runs at noon UTC, 23:30 UTC and Rome's DST night.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_force_never_sends_to_a_user_who_did_not_opt_in(alice: User, cli) -> None:
    code, out, _ = cli("digest", "--force", "--user", alice.email)
    assert code == 0 and not mail.outbox
    assert f"{alice.email} has not turned on the weekly digest" in out
    assert "Sent 0 digests" in out


def test_force_sends_to_an_opted_in_user_on_any_weekday_and_says_one_digest(
    alice: User, cli
) -> None:
    alice.digest_enabled = True
    alice.digest_weekday = (alice.local_today().weekday() + 3) % 7
    alice.save()
    code, out, _ = cli("digest", "--force", "--user", alice.email)
    assert code == 0 and len(mail.outbox) == 1
    assert "Sent 1 digest;" in out and "0 users not due" in out


def test_a_referral_received_and_won_is_thanked_once_in_the_digest(
    alice: User, make_person
) -> None:
    anna = make_person(alice)
    referral = record_referral(
        alice,
        direction=Referral.RECEIVED,
        person=anna,
        on=alice.local_today() - timedelta(days=10),
        prospect_description="Fiori Srl",
    )
    update_referral_status(referral, status="won", on=alice.local_today() - timedelta(days=9))
    alice.digest_enabled = True
    alice.save()
    digest.send_digest(alice)
    body = mail.outbox[0].body
    thanks = body.split("Thanks owed", 1)[1].split("Open Coltiva", 1)[0]
    assert thanks.count("Anna Rossi") == 1


def test_the_unsubscribe_page_tells_someone_unsubscribed_where_to_change_it(
    client: Client, alice: User
) -> None:
    url = reverse("reminders:unsubscribe", args=[digest.unsubscribe_token(alice)])
    page = client.get(url).content.decode()
    assert "You are unsubscribed" in page
    assert reverse("accounts:profile") in page
    assert "Subscribe again" not in page


def test_unsubscribing_says_so_and_leaves_subscribing_again_to_the_profile(
    client: Client, alice: User
) -> None:
    alice.digest_enabled = True
    alice.save()
    url = reverse("reminders:unsubscribe", args=[digest.unsubscribe_token(alice)])
    page = client.post(url, {"subscribe": "0"}).content.decode()
    assert "will receive no more weekly digests" in page
    assert "log in" in page and reverse("accounts:profile") in page
    # The link names no one: whoever holds it learns nothing about the account.
    assert alice.email not in page


def test_the_unsubscribed_page_speaks_italian(client: Client, alice: User) -> None:
    url = reverse("reminders:unsubscribe", args=[digest.unsubscribe_token(alice)])
    page = client.get(url, headers={"accept-language": "it"}).content.decode()
    assert "Iscrizione annullata" in page and "tuo profilo" in page
