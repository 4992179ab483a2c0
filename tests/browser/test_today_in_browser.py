"""Today and the person page in a real browser: focus after an action, a live region
that says what happened, ten compact rows to a phone screen, and a person's phone and
e-mail within the first screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from browser_helpers import PASSWORD, log_in

from coltiva.accounts.models import User
from coltiva.people import services
from coltiva.people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def farmer() -> User:
    """Twelve relationships to reconnect with, the oldest first on Today."""
    user = User.objects.create_user("farmer@example.com", PASSWORD, name="Fay Farmer")
    today = user.local_today()
    for n in range(12):
        person = services.create_person(
            user,
            {"given_name": f"Friend{n:02d}", "family_name": "Old"},
            [
                services.ContactInput("phone", "+39 02 1234 5678"),
                services.ContactInput("email", f"friend{n}@example.com"),
            ],
        )
        services.log_touch(person, kind="met", on=today - timedelta(days=300 - n))
        for d in range(25):  # a long timeline, which once pushed the contact card down
            services.log_touch(
                person, kind="conversation", on=today - timedelta(days=400 - n - d), note="x " * 40
            )
        services.log_touch(person, kind="met", on=today - timedelta(days=300 - n))
    return user


def test_done_by_keyboard_moves_focus_to_the_next_item_and_says_so(
    desktop, live_server, farmer, axe
) -> None:
    log_in(desktop, live_server.url, "farmer@example.com")
    items = desktop.locator(".agenda-item")
    second = items.nth(1).get_attribute("data-key")
    first_name = items.nth(0).locator(".agenda-person").inner_text()
    items.nth(0).get_by_role("button", name="Done", exact=True).focus()
    desktop.keyboard.press("Enter")
    desktop.locator("#agenda-status").get_by_text(f"logged with {first_name}").wait_for()
    desktop.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('.agenda-item')"
    )
    focused = desktop.evaluate(
        "() => document.activeElement.closest('.agenda-item').getAttribute('data-key')"
    )
    assert focused == second
    status = desktop.locator("#agenda-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().strip() == f"Done: Message sent logged with {first_name}."
    # One Tab from the focused item reaches its own person link, not the page's header.
    desktop.keyboard.press("Tab")
    assert (
        desktop.evaluate(
            "() => document.activeElement.closest('.agenda-item').getAttribute('data-key')"
        )
        == second
    )
    assert axe(desktop) == []


def test_snooze_and_dismiss_by_keyboard_keep_focus_in_the_list(
    desktop, live_server, farmer
) -> None:
    log_in(desktop, live_server.url, "farmer@example.com")
    items = desktop.locator(".agenda-item")
    for action in ("Snooze a day", "Dismiss"):
        following = items.nth(1).get_attribute("data-key")
        items.nth(0).locator("summary").click()
        items.nth(0).get_by_role("button", name=action).focus()
        desktop.keyboard.press("Enter")
        desktop.locator("#agenda-status").get_by_text(
            "snoozed" if action.startswith("Snooze") else "Dismissed"
        ).wait_for()
        desktop.wait_for_function(
            "() => document.activeElement && document.activeElement.closest('.agenda-item')"
        )
        assert (
            desktop.evaluate(
                "() => document.activeElement.closest('.agenda-item').getAttribute('data-key')"
            )
            == following
        )


def test_ten_items_fit_on_a_phone_screen_and_the_rest_is_one_click_away(
    phone, live_server, farmer, axe
) -> None:
    log_in(phone, live_server.url, "farmer@example.com")
    items = phone.locator(".agenda-item")
    assert items.count() == 10
    first, last = items.nth(0).bounding_box(), items.nth(9).bounding_box()
    assert first and last
    assert last["y"] + last["height"] - first["y"] <= 844
    # The note field opens on demand.
    assert not items.nth(0).get_by_placeholder("Optional note").is_visible()
    items.nth(0).locator("summary").click()
    assert items.nth(0).get_by_placeholder("Optional note").is_visible()
    assert "2 more: 2 to reconnect" in phone.locator("#agenda-rest").inner_text()
    phone.get_by_role("link", name="Show everything due").click()
    phone.wait_for_function("() => document.querySelectorAll('.agenda-item').length === 12")
    assert axe(phone) == []


def test_a_persons_phone_and_email_are_on_the_first_phone_screen(
    phone, live_server, farmer, axe
) -> None:
    log_in(phone, live_server.url, "farmer@example.com")
    person = Person.objects.filter(owner=farmer).order_by("pk").first()
    assert person is not None
    phone.goto(f"{live_server.url}/people/{person.pk}/")
    for link in (
        phone.locator("a[href^='tel:']").first,
        phone.locator("a[href^='mailto:']").first,
        phone.locator("a[href^='sms:']").first,
    ):
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, box
    assert phone.evaluate("document.documentElement.scrollHeight") > 844 * 2
    assert axe(phone) == []
