"""The credibility-stage next step names the concrete match, on Today and the person page."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.agenda.presenters import shown
from coltiva.agenda.services import agenda_for
from coltiva.network.matches import attach_matches
from coltiva.people import services
from coltiva.people.models import Person, Relationship


def rel(person: Person) -> Relationship:
    return Relationship.objects.get(person=person)


def test_a_give_referral_step_gets_its_match(alice: User, network_book) -> None:
    anna = network_book["Anna"]
    assert rel(anna).next_step == "give_referral"
    assert attach_matches(alice) > 0
    match = rel(anna).next_step_params["match"]
    assert match["name"] == "Paolo Greco"
    assert match["looks_for"] == "HR managers in manufacturing"  # her wish, which he fits


def test_the_match_names_what_the_other_offers_when_the_wish_is_not_the_persons(
    alice: User, network_book
) -> None:
    attach_matches(alice)
    match = rel(network_book["Paolo"]).next_step_params["match"]
    assert match["name"] == "Anna Russo"  # Anna looks for him, not he for her
    assert (match["looks_for"], match["offers"]) == ("", "selezione e welfare aziendale")


def met_twice(alice: User, person: Person) -> None:
    """Two coffees and nothing given yet: visibility, next step "give first"."""
    services.set_relationship(person, purposes=["business"], cadence_days=None, pinned_stage="")
    for days in (20, 5):
        services.log_touch(person, kind="coffee", on=alice.local_today() - timedelta(days=days))


def test_a_give_first_step_below_credibility_names_no_match(alice: User, network_book) -> None:
    sara = network_book["Sara"]
    met_twice(alice, sara)
    assert (rel(sara).stage, rel(sara).next_step) == ("visibility", "give_first")
    attach_matches(alice)
    assert "match" not in rel(sara).next_step_params


def test_with_vouching_from_visibility_give_first_names_a_match(
    alice: User, network_book, settings
) -> None:
    settings.NETWORK_VOUCH_MIN_STAGE = "visibility"
    sara = network_book["Sara"]
    met_twice(alice, sara)
    attach_matches(alice)
    assert rel(sara).next_step_params["match"]["name"] == "Luca Ferri"


def test_today_and_the_person_page_name_the_match(
    alice: User, alice_client: Client, network_book
) -> None:
    anna = network_book["Anna"]
    Relationship.objects.filter(person=anna).update(due_on=alice.local_today())
    attach_matches(alice)
    item = next(
        i for i in shown(agenda_for(alice).items, alice.time_zone) if i.person_id == anna.pk
    )
    assert "Introduce Anna, who looks for HR managers in manufacturing, to Paolo Greco." in (
        item.reason
    )
    assert item.action == "Introduce Anna to Paolo Greco"
    page = alice_client.get(reverse("people:detail", args=[anna.pk])).content.decode()
    assert "to Paolo Greco." in page


def test_the_daily_refresh_names_the_matches(alice: User, network_book) -> None:
    Relationship.objects.filter(owner=alice).update(next_step_params={})
    services.refresh_book(alice)
    assert rel(network_book["Anna"]).next_step_params["match"]["name"] == "Paolo Greco"


def test_after_an_introduction_the_next_best_match_is_named(alice: User, network_book) -> None:
    from coltiva.network.services import introduce

    attach_matches(alice)
    introduce(alice, network_book["Anna"], network_book["Paolo"], alice.local_today())
    attach_matches(alice)
    match = rel(network_book["Anna"]).next_step_params.get("match")
    assert match is None or match["name"] != "Paolo Greco"


def test_a_touch_that_drops_the_match_gets_it_back_in_the_background(
    alice: User, network_book, immediate_tasks, django_capture_on_commit_callbacks
) -> None:
    anna = network_book["Anna"]
    attach_matches(alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.log_touch(anna, kind="conversation", on=alice.local_today())
    assert rel(anna).next_step_params["match"]["name"] == "Paolo Greco"


def test_a_large_book_leaves_the_work_to_the_background_task(
    alice: User, network_book, settings, immediate_tasks, django_capture_on_commit_callbacks
) -> None:
    settings.NETWORK_MATCH_INLINE_MAX = 3
    Relationship.objects.filter(owner=alice).update(next_step_params={})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert attach_matches(alice) == 0
    assert "match" not in rel(network_book["Anna"]).next_step_params
    for callback in callbacks:
        callback()  # the worker runs the introductions task
    assert rel(network_book["Anna"]).next_step_params["match"]["name"] == "Paolo Greco"
