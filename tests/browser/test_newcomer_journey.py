"""The newcomer's journey in a real browser: sign up, event mode on a phone, the next
day's follow-ups on Today, one click to act, Italian, and accessibility."""

from __future__ import annotations

from datetime import timedelta

import pytest
from browser_helpers import confirm_from_inbox
from django.db.models import F

from coltiva.accounts.backends import forget_user
from coltiva.accounts.models import User
from coltiva.events.models import Event
from coltiva.people.models import Person, Relationship, Touch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery 9"


def sign_up(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/signup/")
    page.locator("#id_email").fill("newcomer@example.com")
    page.locator("#id_name").fill("Nina Newcomer")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    confirm_from_inbox(page, base, "newcomer@example.com")


def htmx_idle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.wait_for_timeout(300)  # past the name search's 250 ms debounce


def capture_three_people(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/events/add/")
    page.locator("#id_name").fill("Chamber breakfast")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/capture/")
    for name, business, learned in (
        ("Anna Rossi", "Fiori Srl", "Opening a second shop in spring"),
        ("Bruno Neri", "Studio Notarile", "Looking for estate agents"),
        ("Carla Blu", "Blu Catering", "Just won a wedding fair award"),
    ):
        # Type into the form htmx has just swapped in, never the one it is replacing:
        # wait until no request (the previous add, a name search) is in flight.
        htmx_idle(page)
        page.locator("#id_name").fill(name)
        page.locator("#id_business").fill(business)
        page.locator("#id_learned").fill(learned)
        htmx_idle(page)
        assert page.locator("#id_name").input_value() == name
        page.get_by_role("button", name="Add", exact=True).last.click()
        page.get_by_text(f"{name} added").wait_for()


def one_day_passes(user: User) -> None:
    """Move the book one day into the past: the same as waking up tomorrow."""
    day = timedelta(days=1)
    Touch.objects.filter(owner=user).update(on=F("on") - day)
    Event.objects.filter(owner=user).update(on=F("on") - day)
    # Each stored assessment moves back with its touches: it was made "yesterday", so the
    # first request of the new day assesses it again.
    Relationship.objects.filter(owner=user).update(assessed_on=F("assessed_on") - day)
    User.objects.filter(pk=user.pk).update(book_assessed_on=None)
    forget_user(user.pk)  # an update() bypasses the signals (accounts.backends)


def test_a_newcomer_logs_an_event_and_acts_on_the_follow_ups_the_next_day(
    phone, live_server, axe, screenshot
) -> None:
    base = live_server.url
    sign_up(phone, base)
    capture_three_people(phone, base)
    assert axe(phone) == []
    screenshot(phone, "event-mode")
    user = User.objects.get(email="newcomer@example.com")
    assert Person.objects.filter(owner=user).count() == 3

    one_day_passes(user)
    phone.goto(f"{base}/")
    items = phone.locator(".agenda-item.kind-follow_up")
    assert items.count() == 3
    assert sorted(items.locator(".agenda-person").all_inner_texts()) == [
        "Anna Rossi",
        "Bruno Neri",
        "Carla Blu",
    ]
    assert axe(phone) == []

    first = items.filter(has_text="Anna Rossi")
    first.get_by_text("Why, note, snooze").click()
    first.get_by_placeholder("Optional note").fill("Sent her a note about the shop")
    first.get_by_role("button", name="Done, with this note").click()
    phone.get_by_text("Done: Message sent logged with Anna Rossi").wait_for()
    assert phone.locator(".agenda-item.kind-follow_up").count() == 2
    assert "Anna Rossi" not in phone.locator(".kind-follow_up").all_inner_texts()

    phone.goto(f"{base}/people/")
    phone.get_by_role("link", name="Anna Rossi").click()
    phone.get_by_text("Sent her a note about the shop").wait_for()
    assert axe(phone) == []


def test_today_speaks_italian_after_switching_language(phone, live_server) -> None:
    base = live_server.url
    sign_up(phone, base)
    capture_three_people(phone, base)
    one_day_passes(User.objects.get(email="newcomer@example.com"))
    phone.goto(f"{base}/")
    phone.get_by_label("Language").select_option("it")
    phone.get_by_role("button", name="Change").click()
    phone.get_by_role("heading", name="Oggi").wait_for()
    body = phone.locator("main").inner_text()
    assert "Anna Rossi" in body
    assert "Fai follow-up" in body or "Follow-up" in body


def test_pages_have_no_serious_accessibility_violations_and_make_the_readme_screenshots(
    desktop, live_server, axe, screenshot
) -> None:
    base = live_server.url
    sign_up(desktop, base)
    capture_three_people(desktop, base)
    user = User.objects.get(email="newcomer@example.com")
    one_day_passes(user)
    anna = Person.objects.get(owner=user, display_name="Anna Rossi")
    for path, name in (
        ("/", "today"),
        ("/people/", "people"),
        (f"/people/{anna.pk}/", "person"),
    ):
        desktop.goto(base + path)
        violations = axe(desktop)
        assert violations == [], f"{path}: {violations}"
        screenshot(desktop, name)
