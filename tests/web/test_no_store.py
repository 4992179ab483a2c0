"""A signed-in user's pages and exports are never kept by a browser or a proxy."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.reminders import feed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/people/",
        "/review/",
        "/referrals/board/",
        "/network/",
        "/imports/",
        "/accounts/profile/",
        "/imports/export/json/",
        "/imports/export/csv/",
        "/imports/export/vcard/",
    ],
)
def test_every_signed_in_page_and_export_says_no_store(
    alice_client: Client, make_person, alice: User, url: str
) -> None:
    anna = make_person(alice)
    for page in (url, f"/people/{anna.pk}/"):
        response = alice_client.get(page)
        assert response.status_code == 200, page
        assert "no-store" in response["Cache-Control"], page


def test_the_calendar_feed_keeps_its_own_caching(client: Client, alice: User) -> None:
    response = client.get(reverse("reminders:feed", args=[feed.enable(alice)]))
    assert response["Cache-Control"] == "private, max-age=900"
