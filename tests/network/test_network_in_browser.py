"""The network journey in a real browser: the person page's blocks load, two clicks make
an introduction with its messages, and every network page passes axe-core."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from coltiva.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "a-long-test-password-42"  # the cast's, from tests/conftest.py
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def page() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (make test installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        yield tab
        browser.close()


def serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v.get("impact") in ("serious", "critical")]


def log_in(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill("alice@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def test_two_clicks_from_the_person_page_to_a_ready_message(
    page, live_server, alice: User, network_book
) -> None:
    base = live_server.url
    log_in(page, base)
    page.goto(f"{base}/people/{network_book['Anna'].pk}/")
    blocks = page.locator("#network-blocks")
    blocks.get_by_text("Who should Anna meet?").wait_for()
    assert "HR consultant" in blocks.inner_text()
    assert serious(page) == []
    blocks.get_by_role("link", name="Introduce them to Paolo Greco").click()  # one
    assert "Paolo Greco fits" in page.locator("#id_why").input_value()
    page.get_by_role("button", name="Introduce and draft the messages").click()  # two
    page.get_by_text("Ask each of them first").wait_for()
    assert "Would you like me to put you in touch?" in page.locator("#draft-ask-a").input_value()
    mail = page.get_by_role("button", name="Open in your mail app").last
    assert mail.get_attribute("href").startswith("mailto:anna@example.com,paolo@example.com")
    assert serious(page) == []
    if os.environ.get("NETWORK_SCREENSHOTS"):
        page.screenshot(path=os.environ["NETWORK_SCREENSHOTS"] + "/drafts.png", full_page=True)
        page.goto(f"{base}/people/{network_book['Anna'].pk}/")
        page.locator("#network-blocks").get_by_text("Who should Anna meet?").wait_for()
        page.screenshot(path=os.environ["NETWORK_SCREENSHOTS"] + "/person.png", full_page=True)


def test_every_network_page_passes_axe(page, live_server, alice: User, network_book) -> None:
    base = live_server.url
    log_in(page, base)
    page.goto(f"{base}/network/groups/")
    page.locator("#id_name").fill("BNI Milano Centro")
    page.get_by_role("button", name="Add").click()
    page.get_by_role("heading", name="BNI Milano Centro").wait_for()
    for path in (
        "/network/",
        "/network/who/?q=notaio",
        "/network/introduce/",
        f"/network/people/{network_book['Sara'].pk}/",
        f"/network/people/{network_book['Sara'].pk}/profession/",
        f"/network/people/{network_book['Sara'].pk}/links/add/",
        "/",
        page.url.removeprefix(base),
    ):
        page.goto(f"{base}{path}")
        assert serious(page) == [], path
        if os.environ.get("NETWORK_SCREENSHOTS"):
            name = path.strip("/").replace("/", "_").replace("?", "_") or "today"
            page.screenshot(path=f"{os.environ['NETWORK_SCREENSHOTS']}/{name}.png", full_page=True)
