"""Long text never widens a page: a 300-character name, an unbroken 5,000-character note
and a 10,000-character note wrap or fold, on a desktop and on a phone."""

from __future__ import annotations

import pytest
from browser_helpers import PASSWORD, log_in

from coltiva.accounts.models import User
from coltiva.people import services
from coltiva.people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 150 + 1 + 149 characters, with no space to break at inside each half.
LONG_GIVEN = "Bartholomew" * 13 + "Barthol"
LONG_FAMILY = "Featherstonehaugh" * 8 + "Featherstoneh"
UNBROKEN = "x" * 5000
LONG_NOTE = ("A long conversation about the shop, the suppliers and the spring fair. " * 140)[
    :10_000
]


@pytest.fixture
def wordy() -> tuple[User, Person]:
    user = User.objects.create_user("wordy@example.com", PASSWORD, name="Walter Wordy")
    person = services.create_person(
        user,
        {
            "given_name": LONG_GIVEN,
            "family_name": LONG_FAMILY,
            "company": "C" * 200,
            "profession": "P" * 200,
            "notes": LONG_NOTE,
        },
    )
    services.log_touch(person, kind="coffee", on=user.local_today(), note=UNBROKEN)
    for name in ("Anna Rossi", "Bruno Neri"):
        given, family = name.split()
        services.create_person(user, {"given_name": given, "family_name": family})
    return user, person


def page_width(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.evaluate("() => document.documentElement.scrollWidth"))


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_long_names_and_notes_keep_the_person_page_within_the_screen(
    device: str, request, live_server, wordy, axe
) -> None:
    page = request.getfixturevalue(device)
    _, person = wordy
    width = page.viewport_size["width"]
    log_in(page, live_server.url, "wordy@example.com")
    page.goto(f"{live_server.url}/people/{person.pk}/")
    assert page_width(page) <= width
    heading = page.get_by_role("heading", level=1)
    assert heading.bounding_box()["width"] <= width

    # The 10,000-character note shows its start and folds the rest.
    notes = page.locator("aside .long-note")
    assert notes.locator(".note-preview").is_visible()
    whole = notes.locator("details.note-more > p")
    assert not whole.is_visible()
    aside_height = page.locator("aside").bounding_box()["height"]
    notes.get_by_text("Show more").click()
    assert whole.is_visible()
    assert not notes.locator(".note-preview").is_visible()
    assert page.locator("aside").bounding_box()["height"] > aside_height + 200
    assert page_width(page) <= width
    notes.get_by_text("Show less").click()
    assert not whole.is_visible()

    # The unbroken 5,000-character touch note is folded too, and wraps when opened.
    touch_note = page.locator("#timeline .long-note")
    touch_note.get_by_text("Show more").click()
    assert touch_note.locator("details.note-more > p").is_visible()
    assert page_width(page) <= width
    assert axe(page) == []


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_one_long_name_keeps_the_people_list_columns_on_screen(
    device: str, request, live_server, wordy, axe
) -> None:
    page = request.getfixturevalue(device)
    width = page.viewport_size["width"]
    log_in(page, live_server.url, "wordy@example.com")
    page.goto(f"{live_server.url}/people/")
    assert page_width(page) <= width
    if device == "desktop":
        # Every column header is on screen, not pushed beyond the right edge.
        for header in page.locator("table.people th").all():
            box = header.bounding_box()
            assert box["x"] + box["width"] <= width
    assert axe(page) == []
