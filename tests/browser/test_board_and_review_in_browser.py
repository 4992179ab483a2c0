"""The referrals board and the review page in a real browser."""

from __future__ import annotations

from datetime import timedelta

import pytest
from browser_helpers import PASSWORD, log_in

from coltiva.accounts.models import User
from coltiva.people import services
from coltiva.referrals.services import record_referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def farmer() -> User:
    user = User.objects.create_user("farmer@example.com", PASSWORD, name="Franca Farmer")
    today = user.local_today()
    for i, name in enumerate(("Anna Rossi", "Bruno Neri", "Carla Blu", "Dario Verdi")):
        given, family = name.split()
        person = services.create_person(user, {"given_name": given, "family_name": family})
        services.log_touch(person, kind="coffee", on=today - timedelta(days=40 + i))
        services.log_touch(person, kind="meal", on=today - timedelta(days=20 + i), minutes=90)
        services.log_touch(person, kind="helped", on=today - timedelta(days=10 + i))
        record_referral(
            user,
            direction="received" if i % 2 == 0 else "given",
            person=person,
            on=today,
            prospect_description=f"Prospect of {given}",
            warmth=1 + i,
        )
    return user


def test_moving_a_received_referral_to_won_prompts_a_thank_you(
    desktop, live_server, farmer, axe, screenshot
) -> None:
    base = live_server.url
    log_in(desktop, base, "farmer@example.com")
    desktop.goto(f"{base}/referrals/board/")
    card = desktop.locator(".board-card", has_text="Prospect of Anna")
    card.get_by_role("button", name="Won").click()
    dialog = desktop.locator("dialog[open]")
    dialog.get_by_label("Value of business closed (optional)").fill("2500")
    dialog.get_by_role("button", name="Mark as won").click()
    desktop.get_by_text("say thank you, the method's first habit").wait_for()
    won = desktop.locator('[data-status="won"]')
    assert "Prospect of Anna" in won.inner_text()
    assert axe(desktop) == []
    screenshot(desktop, "board")
    won.get_by_role("button", name="Say thank you to Anna").click()
    desktop.get_by_text("Thank-you logged for Anna Rossi").wait_for()
    assert desktop.get_by_role("button", name="Say thank you to Anna").count() == 0


def test_dragging_a_card_to_another_column_changes_its_status(desktop, live_server, farmer) -> None:
    base = live_server.url
    log_in(desktop, base, "farmer@example.com")
    # Source and target both on screen: a drag that scrolls the page mid-way starts on
    # whatever card is under the pointer by then.
    desktop.set_viewport_size({"width": 1280, "height": 2400})
    desktop.goto(f"{base}/referrals/board/")
    card = desktop.locator(".board-card", has_text="Prospect of Bruno")
    card.drag_to(desktop.locator('[data-status="meeting"]'))
    desktop.get_by_text("Moved to Meeting").wait_for()
    assert "Prospect of Bruno" in desktop.locator('[data-status="meeting"]').inner_text()


def test_dragging_a_card_to_won_asks_the_value_before_logging_business(
    desktop, live_server, farmer, axe
) -> None:
    base = live_server.url
    log_in(desktop, base, "farmer@example.com")
    desktop.set_viewport_size({"width": 1280, "height": 2400})
    desktop.goto(f"{base}/referrals/board/")
    card = desktop.locator(".board-card", has_text="Prospect of Bruno")
    card.drag_to(desktop.locator('[data-status="won"]'))
    dialog = desktop.locator("dialog[open]")
    dialog.get_by_role("heading", name="Won: Prospect of Bruno").wait_for()
    bruno = farmer.people.get(given_name="Bruno")
    assert not bruno.touches.filter(kind="business_closed").exists()
    assert axe(desktop) == []
    dialog.get_by_label("Value of business closed (optional)").fill("1800")
    dialog.get_by_role("button", name="Mark as won").click()
    desktop.get_by_text("Moved to Won").wait_for()
    assert "Prospect of Bruno" in desktop.locator('[data-status="won"]').inner_text()
    closed = bruno.touches.get(kind="business_closed")
    assert (closed.value, closed.direction) == (1800, "for_them")


def test_the_board_fits_1280_pixels_and_empty_columns_take_a_drop(
    desktop, live_server, farmer
) -> None:
    base = live_server.url
    log_in(desktop, base, "farmer@example.com")
    desktop.set_viewport_size({"width": 1280, "height": 900})
    desktop.goto(f"{base}/referrals/board/")
    lost = desktop.locator('[data-status="lost"]').bounding_box()
    assert lost is not None and lost["x"] + lost["width"] <= 1280
    board = desktop.locator(".board")
    assert board.evaluate("el => el.scrollWidth <= el.clientWidth")
    empty = desktop.locator('[data-status="contacted"]').bounding_box()
    assert empty is not None and empty["height"] >= 200


def test_the_review_page_draws_its_charts_with_tables_for_screen_readers(
    desktop, live_server, farmer, axe, screenshot
) -> None:
    base = live_server.url
    log_in(desktop, base, "farmer@example.com")
    desktop.goto(f"{base}/review/")
    desktop.wait_for_selector('canvas[data-chart="stages"][data-drawn="true"]')
    assert desktop.locator("canvas[data-drawn=true]").count() == 4
    assert desktop.locator("figure.chart details table").count() == 4
    desktop.locator("figure.chart details summary").first.click()
    assert "Credibility" in desktop.locator("figure.chart table").first.inner_text()
    assert axe(desktop) == []
    screenshot(desktop, "review")
