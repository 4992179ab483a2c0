"""A shared group in a real browser: alice creates it, invites bob by e-mail, bob accepts
from the link, and both see the roster; every page passes axe-core, on a phone too."""

from __future__ import annotations

import re

import pytest
from browser_helpers import PASSWORD, log_in
from django.core import mail

from coltiva.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alice_creates_a_group_invites_bob_and_both_see_the_roster(
    desktop, phone, live_server, axe
) -> None:
    base = live_server.url
    User.objects.create_user("alice@example.com", PASSWORD, name="Alice Verdi")
    User.objects.create_user("bob@example.com", PASSWORD, name="Bob Smith")
    log_in(desktop, base, "alice@example.com")
    desktop.get_by_role("link", name="Groups").first.click()
    desktop.get_by_text("You are not in a group yet").wait_for()
    assert axe(desktop) == []
    desktop.get_by_role("button", name="New group").first.click()
    desktop.get_by_label("Name").fill("Chapter Centro")
    desktop.get_by_label("Meeting day").select_option(label="Thursday")
    desktop.get_by_label("Place").fill("Bar Roma")
    desktop.get_by_label("Your classification").fill("Florist")
    assert axe(desktop) == []
    desktop.get_by_role("button", name="Create group").click()
    desktop.get_by_role("heading", name="Chapter Centro").wait_for()
    assert "Meets on Thursday" in desktop.content()
    assert axe(desktop) == []

    desktop.get_by_role("link", name="Invite").click()
    desktop.get_by_label("E-mail").fill("bob@example.com")
    desktop.get_by_label("Classification").fill("Plumber")
    assert axe(desktop) == []
    desktop.get_by_role("button", name="Send invitation").click()
    desktop.get_by_text("Invitation sent to bob@example.com").wait_for()
    assert axe(desktop) == []

    (message,) = [m for m in mail.outbox if m.to == ["bob@example.com"]]
    link = re.search(r"/groups/invitation/\S+/", message.body)
    assert link is not None
    log_in(phone, base, "bob@example.com")
    phone.goto(base + link.group(0))
    phone.get_by_role("heading", name="Join Chapter Centro").wait_for()
    assert axe(phone) == []
    phone.get_by_role("button", name="Accept").click()
    phone.get_by_text("Welcome to Chapter Centro").wait_for()
    assert axe(phone) == []
    phone.get_by_role("link", name="Roster").first.click()
    roster = phone.locator("table").inner_text()
    assert "Alice Verdi" in roster and "Bob Smith" in roster and "Plumber" in roster
    assert axe(phone) == []
    # On a phone the roster scrolls inside its own box, never the whole page sideways.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390

    desktop.get_by_role("link", name="Roster").first.click()
    roster = desktop.locator("table").inner_text()
    assert "Bob Smith" in roster and "President" in roster
