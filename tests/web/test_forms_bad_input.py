"""Bad input is refused at its field with one clear message, and nothing is saved.

Bounds: touches (and referrals, introductions) from 1 January 1950 to today, plans and
events up to five years ahead, birthdays from 1900 to today."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from coltiva.accounts.models import User
from coltiva.agenda.models import Plan
from coltiva.events.models import Event
from coltiva.people.models import ContactPoint, Person, Touch
from coltiva.referrals.models import Introduction, Referral

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 12, 1, 11, 0)  # UTC: noon in Rome, 1 December 2026


@pytest.fixture(autouse=True)
def _english_again():  # type: ignore[no-untyped-def]
    """The middleware leaves the profile's language active in the thread: later tests
    (a CLI command in-process) would speak Italian."""
    yield
    translation.deactivate()


def field_errors(response, field: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The messages shown at ``field`` (fragments/forms/field.html)."""
    html = response.content.decode()
    found = re.search(rf'<ul class="errorlist" id="id_{re.escape(field)}_error">(.*?)</ul>', html)
    return re.findall(r"<li>(.*?)</li>", found.group(1)) if found else []


@pytest.fixture(autouse=True)
def frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOON, tick=False):
        yield


def set_region(user: User, region: str) -> None:
    user.phone_region = region
    user.save()


def arabic_indic(text: str) -> str:
    return text.translate({ord("0") + i: 0x660 + i for i in range(10)})


PERSON = {"given_name": "Anna", "contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0"}


@pytest.mark.parametrize(
    ("birthday", "message"),
    [
        ("2030-05-17", "A birthday lies between 1 January 1900 and today."),
        ("2026-12-02", "A birthday lies between 1 January 1900 and today."),
        ("1899-12-31", "A birthday lies between 1 January 1900 and today."),
        ("9999-12-31", "A birthday lies between 1 January 1900 and today."),
        ("2025-W01-1", "Write the birthday as YYYY-MM-DD, or --MM-DD when the year is unknown."),
        (
            arabic_indic("1980-05-17"),
            "Write the birthday as YYYY-MM-DD, or --MM-DD when the year is unknown.",
        ),
        (
            arabic_indic("--05-17"),
            "Write the birthday as YYYY-MM-DD, or --MM-DD when the year is unknown.",
        ),
        ("1985-02-30", "Write the birthday as YYYY-MM-DD, or --MM-DD when the year is unknown."),
        ("--13-01", "Write the birthday as YYYY-MM-DD, or --MM-DD when the year is unknown."),
    ],
)
def test_an_impossible_birthday_is_refused_at_its_field(
    alice_client: Client, birthday: str, message: str
) -> None:
    response = alice_client.post("/people/add/", PERSON | {"birthday": birthday})
    assert field_errors(response, "birthday") == [message]
    assert not Person.objects.exists()


@pytest.mark.parametrize("birthday", ["1985-03-14", "1900-01-01", "2026-12-01", "--02-29"])
def test_a_real_birthday_is_kept(alice_client: Client, birthday: str) -> None:
    response = alice_client.post("/people/add/", PERSON | {"birthday": birthday})
    assert response.status_code == 302
    assert Person.objects.get().birthday == birthday


@pytest.mark.parametrize("phone", ["abc", "12", "+39 abc", "tel:abc"])
def test_a_phone_that_is_not_a_number_is_refused_at_its_field(
    alice_client: Client, phone: str
) -> None:
    data = PERSON | {"contacts-0-kind": "phone", "contacts-0-value": phone}
    response = alice_client.post("/people/add/", data)
    assert field_errors(response, "contacts-0-value") == [
        "Enter a phone number, with its country code if it is from abroad (+44 20 7946 0958)."
    ]
    assert not Person.objects.exists() and not ContactPoint.objects.exists()


@pytest.mark.parametrize(
    ("region", "phone"),
    [("IT", "02 1234 5678"), ("GB", "020 7946 0958"), ("IT", "+44 20 7946 0958")],
)
def test_a_phone_is_read_in_the_profiles_region(
    alice: User, alice_client: Client, region: str, phone: str
) -> None:
    set_region(alice, region)
    data = PERSON | {"contacts-0-kind": "phone", "contacts-0-value": phone}
    assert alice_client.post("/people/add/", data).status_code == 302
    assert ContactPoint.objects.get().value == phone


def test_a_phone_written_for_another_region_is_refused_in_this_one(
    alice: User, alice_client: Client
) -> None:
    # A British mobile written the British way is no number in the United States.
    data = PERSON | {"contacts-0-kind": "phone", "contacts-0-value": "07700 900123"}
    set_region(alice, "US")
    assert field_errors(alice_client.post("/people/add/", data), "contacts-0-value")
    set_region(alice, "GB")
    assert alice_client.post("/people/add/", data).status_code == 302


def test_event_mode_refuses_a_phone_that_is_not_a_number(alice: User, alice_client: Client) -> None:
    event = Event.objects.create(owner=alice, name="Breakfast", on=NOON.date())
    url = f"/events/{event.pk}/capture/"
    response = alice_client.post(url, {"name": "Bruno Neri", "phone": "abc"})
    assert field_errors(response, "phone") == [
        "Enter a phone number, with its country code if it is from abroad (+44 20 7946 0958)."
    ]
    assert not Person.objects.exists()
    assert (
        alice_client.post(url, {"name": "Bruno Neri", "phone": "333 123 4567"}).status_code == 200
    )
    assert ContactPoint.objects.get().value == "333 123 4567"


MINUTES = "Minutes must be between 1 and 1440."


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"on": "1900-06-01"}, "on", "Choose a day from 1 January 1950 on."),
        ({"on": "1949-12-31"}, "on", "Choose a day from 1 January 1950 on."),
        ({"on": "2026-12-02"}, "on", "A touch cannot be dated in the future"),
        ({"minutes": "-5"}, "minutes", MINUTES),
        ({"minutes": "0"}, "minutes", MINUTES),
        ({"minutes": "1441"}, "minutes", MINUTES),
        ({"minutes": "99999"}, "minutes", MINUTES),
        (
            {"kind": "business_closed", "value": "100"},
            "direction",
            "Say whether the business was for you or for them.",
        ),
        (
            {"note": "x" * 6000},
            "note",
            "This holds up to 5,000 characters; the text has 6,000.",
        ),
    ],
)
def test_the_touch_form_refuses_out_of_bounds_input_with_one_message(
    alice: User, alice_client: Client, make_person, data: dict[str, str], field: str, message: str
) -> None:
    anna = make_person(alice)
    payload = {"kind": "coffee", "on": "2026-11-30"} | data
    response = alice_client.post(f"/people/{anna.pk}/touches/add/", payload)
    assert response.status_code == 400
    errors = field_errors(response, field)
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert not Touch.objects.exists()


def test_an_edit_cannot_move_a_touch_out_of_bounds(
    alice: User, alice_client: Client, make_person
) -> None:
    from coltiva.people import services

    touch = services.log_touch(make_person(alice), kind="coffee", on=NOON.date(), minutes=30)
    data = {"kind": "coffee", "on": "1900-01-01", "minutes": "30"}
    response = alice_client.post(f"/people/touches/{touch.pk}/edit/", data)
    assert field_errors(response, "on") == ["Choose a day from 1 January 1950 on."]
    touch.refresh_from_db()
    assert touch.on == NOON.date()


@pytest.mark.parametrize(("on", "minutes"), [("1950-01-01", "1"), ("2026-12-01", "1440")])
def test_a_touch_at_the_bounds_is_logged(
    alice: User, alice_client: Client, make_person, on: str, minutes: str
) -> None:
    anna = make_person(alice)
    data = {"kind": "coffee", "on": on, "minutes": minutes}
    assert alice_client.post(f"/people/{anna.pk}/touches/add/", data).status_code == 302
    assert Touch.objects.get().on.isoformat() == on


def test_the_note_states_its_limit_and_does_not_cut_a_paste(
    alice: User, alice_client: Client, make_person
) -> None:
    anna = make_person(alice)
    html = alice_client.get(f"/people/{anna.pk}/").content.decode()
    textarea = re.search(r'<textarea name="note"[^>]*>', html)
    assert textarea and "maxlength" not in textarea.group()
    assert "Up to 5,000 characters." in html


def test_the_note_limit_is_said_in_italian(alice: User, make_person) -> None:
    giulia = User.objects.create_user("g@example.com", "a-long-password-42", language="it")
    client = Client()
    client.force_login(giulia)
    anna = make_person(giulia)
    assert "Fino a 5.000 caratteri." in client.get(f"/people/{anna.pk}/").content.decode()
    response = client.post(
        f"/people/{anna.pk}/touches/add/",
        {"kind": "coffee", "on": "2026-11-30", "note": "x" * 5001},
    )
    assert field_errors(response, "note") == [
        "Può contenere fino a 5.000 caratteri; il testo ne ha 5.001."
    ]


def _referral(**data: str) -> dict[str, str]:
    return {
        "direction": "given",
        "prospect_description": "A shop",
        "warmth": "3",
        "status": "given",
        "on": "2026-11-30",
    } | data


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"warmth": "0"}, "warmth", "Warmth goes from 1 to 5."),
        ({"warmth": "6"}, "warmth", "Warmth goes from 1 to 5."),
        ({"on": "1900-01-01"}, "on", "Choose a day from 1 January 1950 on."),
        ({"on": "2026-12-02"}, "on", "A referral cannot be dated in the future."),
    ],
)
def test_a_referral_out_of_bounds_is_refused(
    alice: User, alice_client: Client, make_person, data: dict[str, str], field: str, message: str
) -> None:
    anna = make_person(alice)
    response = alice_client.post("/referrals/add/", _referral(person=str(anna.pk), **data))
    assert field_errors(response, field) == [message]
    assert not Referral.objects.exists() and not Touch.objects.exists()


def test_an_introduction_dated_before_1950_is_refused(
    alice: User, alice_client: Client, make_person
) -> None:
    a, b = make_person(alice, "Anna Rossi"), make_person(alice, "Bruno Neri")
    data = {"person_a": a.pk, "person_b": b.pk, "why": "Both in catering", "on": "1900-01-01"}
    response = alice_client.post("/referrals/introductions/add/", data)
    assert field_errors(response, "on") == ["Choose a day from 1 January 1950 on."]
    assert not Introduction.objects.exists()


@pytest.mark.parametrize(
    ("on", "saved"), [("2031-12-01", True), ("2031-12-02", False), ("2040-01-01", False)]
)
def test_a_plan_is_for_the_next_five_years(
    alice: User, alice_client: Client, make_person, on: str, saved: bool
) -> None:
    anna = make_person(alice)
    response = alice_client.post(f"/today/people/{anna.pk}/plan/", {"kind": "coffee", "on": on})
    assert Plan.objects.exists() is saved
    if not saved:
        assert field_errors(response, "on") == [
            "A plan is for the next five years: choose a day up to 1 December 2031."
        ]


@pytest.mark.parametrize("on", ["1900-01-01", "2031-12-02"])
def test_an_event_out_of_bounds_is_refused(alice_client: Client, on: str) -> None:
    response = alice_client.post("/events/add/", {"name": "Breakfast", "on": on})
    assert field_errors(response, "on") == [
        "Choose a day between 1 January 1950 and 1 December 2031."
    ]
    assert not Event.objects.exists()


def test_done_with_an_overlong_note_says_so_and_logs_nothing(
    alice: User, alice_client: Client, make_person
) -> None:
    anna = make_person(alice)
    response = alice_client.post(
        f"/today/{anna.pk}/done/", {"note": "x" * 5001}, HTTP_HX_REQUEST="true"
    )
    assert "This holds up to 5,000 characters; the text has 5,001." in response.content.decode()
    assert "Choose a valid kind of touch" not in response.content.decode()
    assert not Touch.objects.exists()
