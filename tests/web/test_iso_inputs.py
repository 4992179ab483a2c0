"""Date and time inputs carry ISO values in every language: a browser's
``<input type="date">`` shows a localized value (01/12/2026) as an empty field, and the
form then fails with "Questo campo è obbligatorio"."""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import date, datetime, time
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
import time_machine
from django import forms
from django.test import Client
from django.utils import translation

import coltiva
from coltiva.accounts.models import User
from coltiva.events.models import Event
from coltiva.people import services
from coltiva.people.models import Person, Touch

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)
NOON = datetime(2026, 12, 1, 11, 0)  # UTC: noon in Rome


@pytest.fixture(autouse=True)
def _english_again():  # type: ignore[no-untyped-def]
    """The middleware leaves the profile's language active in the thread: later tests
    (a CLI command in-process) would speak Italian."""
    yield
    translation.deactivate()


class _Inputs(HTMLParser):
    """Every ``<input>``'s attributes, by name."""

    def __init__(self) -> None:
        super().__init__()
        self.by_name: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("name"):
            self.by_name[str(found["name"])] = found


def inputs(html: bytes) -> dict[str, dict[str, str | None]]:
    parser = _Inputs()
    parser.feed(html.decode())
    return parser.by_name


@pytest.fixture
def giulia(db: None) -> User:
    return User.objects.create_user(
        "giulia@example.com", "a-long-test-password-42", language="it", time_zone="Europe/Rome"
    )


@pytest.fixture
def client_it(giulia: User) -> Client:
    client = Client()
    client.force_login(giulia)
    return client


@pytest.fixture
def anna(giulia: User) -> Person:
    return services.create_person(giulia, {"given_name": "Anna", "family_name": "Rossi"}, [])


def date_input(client: Client, url: str, name: str = "on") -> dict[str, str | None]:
    response = client.get(url)
    assert response.status_code == 200
    assert 'lang="it"' in response.content.decode()
    return inputs(response.content)[name]


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize(
    "url",
    [
        "/events/add/",
        "/referrals/add/",
        "/referrals/introductions/add/",
    ],
)
def test_a_new_form_offers_today_as_an_iso_date_in_italian(client_it: Client, url: str) -> None:
    field = date_input(client_it, url)
    assert (field["type"], field["value"]) == ("date", "2026-12-01")


@time_machine.travel(NOON, tick=False)
def test_the_touch_form_on_the_person_page_offers_today_as_an_iso_date(
    client_it: Client, anna: Person
) -> None:
    field = date_input(client_it, f"/people/{anna.pk}/")
    assert (field["type"], field["value"]) == ("date", "2026-12-01")


@time_machine.travel(NOON, tick=False)
def test_the_plan_form_offers_today_as_an_iso_date(client_it: Client, anna: Person) -> None:
    response = client_it.get(f"/today/people/{anna.pk}/plan/")
    found = inputs(response.content)
    assert (found["on"]["type"], found["on"]["value"]) == ("date", "2026-12-01")
    assert found["at"]["type"] == "time"


@time_machine.travel(NOON, tick=False)
def test_an_unchanged_touch_saves_again_in_italian(client_it: Client, anna: Person) -> None:
    touch = services.log_touch(anna, kind="coffee", on=date(2026, 11, 20), minutes=30)
    page = client_it.get(f"/people/touches/{touch.pk}/edit/")
    found = inputs(page.content)
    assert found["on"]["value"] == "2026-11-20"
    # What the browser sends back when the user presses Save without changing anything.
    posted = {name: attrs.get("value") or "" for name, attrs in found.items()}
    posted |= {"kind": "coffee", "note": "", "direction": "", "event": ""}
    response = client_it.post(f"/people/touches/{touch.pk}/edit/", posted)
    assert response.status_code == 302, response.content.decode()
    assert Touch.objects.get(pk=touch.pk).on == date(2026, 11, 20)


@time_machine.travel(NOON, tick=False)
def test_an_event_opens_for_editing_with_its_iso_date(client_it: Client, giulia: User) -> None:
    event = Event.objects.create(owner=giulia, name="Colazione", on=date(2026, 11, 5))
    field = date_input(client_it, f"/events/{event.pk}/edit/")
    assert field["value"] == "2026-11-05"


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(coltiva.__path__, "coltiva."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type[Any]] = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("coltiva."):
            found.append(cls)
    return found


SAMPLES: dict[str, Any] = {
    "date": date(2026, 12, 1),
    "time": time(9, 30),
    "datetime-local": datetime(2026, 12, 1, 9, 30),
}
ISO = {"date": "2026-12-01", "time": "09:30", "datetime-local": "2026-12-01T09:30"}


def _date_and_time_fields() -> list[tuple[str, str, forms.Widget]]:
    rows = []
    for form in _project_forms():
        for name, field in form.base_fields.items():
            is_temporal = isinstance(field, forms.DateField | forms.TimeField | forms.DateTimeField)
            kind = getattr(field.widget, "input_type", "")
            if is_temporal or kind in SAMPLES:
                rows.append((f"{form.__module__}.{form.__name__}.{name}", kind, field.widget))
    return rows


def test_the_project_has_date_and_time_inputs_to_check() -> None:
    names = {
        row[0].rsplit(".", 2)[-2] + "." + row[0].rsplit(".", 1)[-1]
        for row in _date_and_time_fields()
    }
    assert {
        "TouchForm.on",
        "EventForm.on",
        "ReferralForm.on",
        "PlanForm.on",
        "PlanForm.at",
    } <= names


@pytest.mark.parametrize(
    ("where", "kind", "widget"),
    _date_and_time_fields(),
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_every_date_and_time_input_of_every_form_carries_an_iso_value_in_italian(
    where: str, kind: str, widget: forms.Widget
) -> None:
    assert kind in SAMPLES, f"{where} renders as a text input: use coltiva.edge.widgets"
    with translation.override("it"):
        html = widget.render("x", SAMPLES[kind])
    assert inputs(html.encode())["x"]["value"] == ISO[kind], where


@time_machine.travel(NOON, tick=False)
def test_a_referrals_value_input_carries_a_plain_number_in_italian(
    client_it: Client, giulia: User, anna: Person
) -> None:
    from coltiva.referrals.models import Referral

    Referral.objects.create(
        owner=giulia,
        person=anna,
        direction="received",
        prospect_description="Un cliente",
        status="won",
        value="27400.50",
        on=date(2026, 11, 2),
    )
    response = client_it.get("/referrals/")
    assert inputs(response.content)["value"]["value"] == "27400.50"


@time_machine.travel(NOON, tick=False)
def test_undoing_a_deleted_business_touch_in_italian_brings_back_its_value(
    client_it: Client, anna: Person
) -> None:
    touch = services.log_touch(
        anna,
        kind="business_closed",
        on=date(2026, 11, 20),
        direction="for_me",
        value=Decimal("1234.50"),
    )
    page = client_it.post(f"/people/touches/{touch.pk}/delete/", follow=True).content.decode()
    banner = re.search(r'<form[^>]*class="message undo".*?</form>', page, re.S)
    assert banner, page
    undo = inputs(banner.group().encode())
    assert (undo["on"]["value"], undo["value"]["value"]) == ("2026-11-20", "1234.50")
    posted = {name: attrs.get("value") or "" for name, attrs in undo.items()}
    client_it.post(f"/people/{anna.pk}/touches/add/", posted)
    restored = Touch.objects.get(person=anna)
    assert (restored.on, str(restored.value)) == (date(2026, 11, 20), "1234.50")
