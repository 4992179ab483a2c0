"""An ended session and a refused request, in a real browser: Done on Today after the
session cookie is gone leads to the log-in page and back to Today; a request refused by
the CSRF check says so on the page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coltiva.accounts.models import User
from coltiva.events.services import create_event
from coltiva.people import services
from coltiva.people.models import Touch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery 9"


@pytest.fixture
def nina(make_person) -> User:  # type: ignore[no-untyped-def]
    user = User.objects.create_user("nina@example.com", PASSWORD, name="Nina", language="en")
    anna = make_person(user, "Anna Rossi")
    met_on = user.local_today() - timedelta(days=1)
    event = create_event(user, {"name": "Chamber breakfast", "on": met_on})
    services.log_touch(anna, kind="met", on=met_on, event_id=event.pk)
    return user


def log_in(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("#id_username").fill("nina@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_done_after_the_session_ended_logs_in_and_returns_to_today(
    desktop, live_server, nina: User
) -> None:
    base = live_server.url
    desktop.goto(f"{base}/accounts/login/")
    log_in(desktop, base)
    item = desktop.locator(".agenda-item").filter(has_text="Anna Rossi")
    item.wait_for()
    touches = Touch.objects.filter(person__owner=nina).count()

    desktop.context.clear_cookies(name="sessionid")  # the session ends
    item.get_by_role("button", name="Done").click()
    desktop.wait_for_url("**/accounts/login/?next=%2F")
    assert desktop.locator("#agenda").count() == 0  # not Today with the log-in page inside
    log_in(desktop, base)
    desktop.wait_for_url(f"{base}/")
    desktop.locator(".agenda-item").filter(has_text="Anna Rossi").wait_for()
    assert Touch.objects.filter(person__owner=nina).count() == touches


def test_a_request_refused_by_the_csrf_check_says_so_on_the_page(
    desktop, live_server, nina: User
) -> None:
    base = live_server.url
    desktop.goto(f"{base}/accounts/login/")
    log_in(desktop, base)
    item = desktop.locator(".agenda-item").filter(has_text="Anna Rossi")
    item.wait_for()
    status = desktop.locator("#request-status")
    assert status.is_hidden()

    desktop.context.clear_cookies(name="csrftoken")  # as after logging in elsewhere
    item.get_by_role("button", name="Done").click()
    status.wait_for(state="visible")
    assert "Nothing was saved: reload the page and try again." in status.inner_text()
    assert status.get_attribute("role") == "alert"
    assert desktop.url == f"{base}/"
    item.wait_for()  # Today is still there, the item with it
