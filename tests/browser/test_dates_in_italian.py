"""In Italian, the dated forms keep the date the server offers: a touch, a referral and
an event are saved without retyping it (the date inputs were empty, and each form failed
with "Questo campo è obbligatorio")."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from coltiva.accounts.models import User
from coltiva.events.models import Event
from coltiva.people import services
from coltiva.people.models import Touch
from coltiva.referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def italian(browser, live_server):  # type: ignore[no-untyped-def]
    user = User.objects.create_user(
        "giulia@example.com", "a-long-test-password-42", language="it", time_zone="Europe/Rome"
    )
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield user, page
    context.close()


def htmx_idle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.wait_for_timeout(300)  # past the name search's 250 ms debounce


def test_a_touch_a_referral_and_an_event_keep_the_offered_date_in_italian(
    italian, live_server
) -> None:  # type: ignore[no-untyped-def]
    user, page = italian
    base, today = live_server.url, user.local_today()
    anna = services.create_person(user, {"given_name": "Anna", "family_name": "Rossi"}, [])

    page.goto(f"{base}/people/{anna.pk}/")
    assert page.locator("html").get_attribute("lang") == "it"
    assert page.locator("#touch-form #id_on").input_value() == today.isoformat()
    page.locator("#touch-form").get_by_role("button", name="Registra").click()
    htmx_idle(page)
    assert page.locator("#touch-form .errorlist").count() == 0
    assert list(Touch.objects.filter(person=anna).values_list("kind", "on")) == [("coffee", today)]

    page.goto(f"{base}/referrals/add/")
    assert page.locator("#id_on").input_value() == today.isoformat()
    page.locator("#person-search").fill("Anna")
    page.get_by_role("radio", name="Anna Rossi").check()
    page.locator("#id_prospect_description").fill("Un negozio che cerca un commercialista")
    page.get_by_role("button", name="Salva").click()
    page.wait_for_url(f"{base}/people/{anna.pk}/")
    assert list(Referral.objects.values_list("person", "on")) == [(anna.pk, today)]

    page.goto(f"{base}/events/add/")
    assert page.locator("#id_on").input_value() == today.isoformat()
    page.locator("#id_name").fill("Colazione della Camera di Commercio")
    page.get_by_role("button", name="Salva").click()
    page.wait_for_url("**/capture/")
    assert list(Event.objects.values_list("name", "on")) == [
        ("Colazione della Camera di Commercio", today)
    ]
