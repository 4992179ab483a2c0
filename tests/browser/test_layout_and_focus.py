"""Layout and focus defects a new user saw, measured in a real browser (and the browser's
zone and region at sign-up): the header at
1024 px, the timeline's Delete, the digest checkbox, the person picker, the focus ring."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from browser_helpers import PASSWORD, confirm_from_inbox, log_in

from coltiva.accounts.models import User
from coltiva.people import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def farmer() -> User:
    user = User.objects.create_user("farmer@example.com", PASSWORD, name="Franca Farmer")
    today = user.local_today()
    anna = services.create_person(
        user,
        {
            "given_name": "Anna",
            "family_name": "Rossi",
            "company": "Fiori e Piante di Stagione Società a responsabilità limitata",
        },
    )
    services.log_touch(anna, kind="coffee", on=today - timedelta(days=3), note="Talked shops")
    return user


def box(locator) -> dict[str, float]:  # type: ignore[no-untyped-def]
    found = locator.bounding_box()
    assert found is not None
    return found


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.fixture
def at_1024(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1024, "height": 800}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def switch_to_italian(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#language-select").select_option("it")
    page.locator(".language-form button").click()
    page.wait_for_load_state()


def row_count(page, selector: str) -> int:  # type: ignore[no-untyped-def]
    """How many visual rows the elements take (tops within 12 px are one row)."""
    tops = sorted(
        page.eval_on_selector_all(selector, "els => els.map(e => e.getBoundingClientRect().top)")
    )
    return 1 + sum(1 for a, b in itertools.pairwise(tops) if b - a > 12)


def test_the_header_takes_at_most_two_rows_at_1024_px_in_both_languages(
    at_1024, live_server, farmer, axe
) -> None:
    log_in(at_1024, live_server.url, "farmer@example.com")
    for _language in ("en", "it"):
        items = ".site-header nav > ul:first-child li, .site-header .main-nav li"
        assert row_count(at_1024, items) <= 2
        assert box(at_1024.locator(".site-header"))["height"] < 130
        assert at_1024.locator(".mobile-menu").is_hidden()
        switch_to_italian(at_1024)
    assert axe(at_1024) == []


def test_on_a_phone_the_menu_collapses_and_opens_inside_the_screen(
    phone, live_server, farmer, axe
) -> None:
    log_in(phone, live_server.url, "farmer@example.com")
    assert phone.locator(".main-nav").is_hidden()
    assert box(phone.locator(".site-header"))["height"] < 100
    phone.locator(".mobile-menu summary").click()
    links = phone.locator(".mobile-menu a")
    assert links.count() >= 9
    for i in range(links.count()):
        found = box(links.nth(i))
        assert found["x"] >= 0 and found["x"] + found["width"] <= 390
    assert axe(phone) == []


def open_anna(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/people/")
    page.locator("a", has_text="Anna Rossi").first.click()
    page.wait_for_url("**/people/*/")


def test_the_timelines_delete_sits_on_the_line_of_edit(
    desktop, phone, live_server, farmer, axe
) -> None:
    for page in (desktop, phone):
        log_in(page, live_server.url, "farmer@example.com")
        open_anna(page, live_server.url)
        row = page.locator(".timeline li").first
        edit, delete = (
            box(row.get_by_role("link", name="Edit")),
            box(row.get_by_role("button", name="Delete")),
        )
        assert abs((edit["y"] + edit["height"] / 2) - (delete["y"] + delete["height"] / 2)) < 6
        assert edit["x"] + edit["width"] < delete["x"] < edit["x"] + edit["width"] + 40
    assert axe(desktop) == []


def test_the_digest_checkbox_is_not_covered_by_its_help_text(
    desktop, phone, live_server, farmer, axe
) -> None:
    for page in (desktop, phone):
        log_in(page, live_server.url, "farmer@example.com")
        page.goto(f"{live_server.url}/accounts/profile/")
        checkbox = box(page.locator("#id_digest_enabled"))
        help_text = box(page.locator("#id_digest_enabled_helptext"))
        assert not overlap(checkbox, help_text)
        page.get_by_label("Weekly digest by e-mail").check()
        assert page.locator("#id_digest_enabled").is_checked()
    assert axe(desktop) == []


def test_the_pickers_company_never_overlaps_the_radio(
    desktop, phone, live_server, farmer, axe
) -> None:
    for page in (desktop, phone):
        log_in(page, live_server.url, "farmer@example.com")
        page.goto(f"{live_server.url}/referrals/add/")
        page.locator("input[type=search]").first.fill("Anna")
        result = page.locator(".pick-results label", has_text="Anna Rossi")
        result.wait_for()
        radio = box(result.locator("input[type=radio]"))
        for text in (result.locator("small"), result.locator("span").first):
            assert not overlap(radio, box(text))
        result.click()
        assert result.locator("input[type=radio]").is_checked()
    assert axe(desktop) == []


FOCUS_RING = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rgb = c => (c.match(/[0-9.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ring = lum(rgb(style.outlineColor));
  // What surrounds the ring: the nearest opaque background (the canvas is white).
  let under = [255, 255, 255];
  for (let node = el.parentElement; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    const parts = (bg.match(/[0-9.]+/g) || []).map(Number);
    if (parts.length === 3 || (parts.length === 4 && parts[3] > 0.5)) {
      under = parts.slice(0, 3);
      break;
    }
  }
  const page = lum(under);
  const contrast = (Math.max(ring, page) + 0.05) / (Math.min(ring, page) + 0.05);
  return {tag: el.tagName + " " + el.outerHTML.slice(0, 160),
          style: style.outlineStyle, width: parseFloat(style.outlineWidth), contrast};
}"""


def test_every_interactive_element_shows_a_clear_focus_ring(
    desktop, live_server, farmer, axe
) -> None:
    log_in(desktop, live_server.url, "farmer@example.com")
    open_anna(desktop, live_server.url)
    seen = set()
    for _ in range(40):
        desktop.keyboard.press("Tab")
        ring = desktop.evaluate(FOCUS_RING)
        if ring["tag"].startswith("BODY"):
            break  # past the last element
        seen.add(ring["tag"].split()[0])
        assert ring["style"] == "solid", ring
        assert ring["width"] >= 2, ring
        assert ring["contrast"] >= 3, ring
    assert {"A", "BUTTON", "SELECT", "INPUT"} <= seen
    assert axe(desktop) == []


def test_an_en_us_browser_in_los_angeles_signs_up_with_its_zone_and_region(
    browser, live_server, axe
) -> None:
    context = browser.new_context(locale="en-US", timezone_id="America/Los_Angeles")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")
    page.locator("#id_email").fill("newcomer@example.com")
    page.locator("#id_name").fill("Nina Newcomer")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    assert axe(page) == []
    page.get_by_role("button", name="Sign up").click()
    confirm_from_inbox(page, live_server.url, "newcomer@example.com")
    assert axe(page) == []
    context.close()
    user = User.objects.get(email="newcomer@example.com")
    assert (user.time_zone, user.phone_region) == ("America/Los_Angeles", "US")
