"""Introduce: accept a suggestion or pick two people, record it, draft the double opt-in
messages, follow up on the outcome."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.network import drafts
from coltiva.network.services import introduce, set_outcome
from coltiva.people.models import Person, Touch
from coltiva.people.services import log_touch
from coltiva.referrals.models import Introduction

# The day decides what these show: each runs at noon UTC, 23:30 UTC and Rome's DST night.
pytestmark = pytest.mark.usefixtures("frozen_now")


def test_accepting_a_suggestion_opens_the_drafts_and_records_nothing(
    alice: User, alice_client: Client, network_book
) -> None:
    anna, paolo = network_book["Anna"], network_book["Paolo"]
    touches = Touch.objects.filter(person__owner=alice).count()
    response = alice_client.post(
        reverse("network:introduce"),
        {"person_a": anna.pk, "person_b": paolo.pk, "why": "Anna looks for HR managers."},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("network:drafts"))
    page = alice_client.get(response["Location"]).content.decode()
    assert "Ask each of them first" in page and 'data-copy-target="draft-together"' in page
    assert "Anna looks for HR managers." in page
    assert "I sent the introduction: record it" in page
    assert not Introduction.objects.filter(owner=alice).exists()
    assert Touch.objects.filter(person__owner=alice).count() == touches


def _say_sent(client: Client, a: Person, b: Person, why: str = "") -> Any:
    return client.post(
        reverse("network:introduce_sent"), {"person_a": a.pk, "person_b": b.pk, "why": why}
    )


def test_saying_the_introduction_was_sent_records_it_with_an_undo(
    alice: User, alice_client: Client, network_book
) -> None:
    anna, paolo = network_book["Anna"], network_book["Paolo"]
    response = _say_sent(alice_client, anna, paolo, "Anna looks for HR managers.")
    intro = Introduction.objects.get(owner=alice)
    assert response["Location"] == reverse("network:introduction", args=[intro.pk])
    assert (intro.person_a, intro.person_b, intro.on) == (anna, paolo, alice.local_today())
    for person in (anna, paolo):
        assert person.touches.filter(kind="introduced", on=alice.local_today()).exists()
    page = alice_client.get(response["Location"]).content.decode()
    assert reverse("network:introduction_undo", args=[intro.pk]) in page
    assert "Introduction of Anna Russo and Paolo Greco recorded" in page


def test_undoing_an_introduction_removes_it_and_only_its_touches(
    alice: User, alice_client: Client, network_book
) -> None:
    anna, paolo = network_book["Anna"], network_book["Paolo"]
    today = alice.local_today()
    by_hand = log_touch(anna, kind="introduced", on=today, note="Anna to her new client")
    coffee = log_touch(paolo, kind="coffee", on=today)
    _say_sent(alice_client, anna, paolo)
    intro = Introduction.objects.get(owner=alice)
    response = alice_client.post(reverse("network:introduction_undo", args=[intro.pk]))
    assert response.status_code == 302
    assert not Introduction.objects.filter(owner=alice).exists()
    assert list(anna.touches.values_list("pk", flat=True)) == [by_hand.pk]
    assert list(paolo.touches.values_list("pk", flat=True)) == [coffee.pk]
    suggested = alice_client.get(reverse("network:introductions")).content.decode()
    assert "Introduction of Anna Russo and Paolo Greco undone." in suggested


def test_nobody_else_can_undo_an_introduction(alice: User, charlie: User, network_book) -> None:
    intro = introduce(alice, network_book["Anna"], network_book["Paolo"], alice.local_today())
    client = Client()
    client.force_login(charlie)
    response = client.post(reverse("network:introduction_undo", args=[intro.pk]))
    assert response.status_code == 404
    assert Introduction.objects.filter(pk=intro.pk).exists()


def test_picking_two_people_by_hand_prefills_the_reason(alice_client: Client, network_book) -> None:
    anna, paolo = network_book["Anna"], network_book["Paolo"]
    url = reverse("network:introduce") + f"?a={anna.pk}&b={paolo.pk}"
    body = alice_client.get(url).content.decode()
    assert "Paolo Greco fits: HR manager at Greco Valvole" in body


def test_the_same_person_twice_is_refused(alice: User, alice_client: Client, network_book) -> None:
    anna = network_book["Anna"]
    response = alice_client.post(
        reverse("network:introduce"), {"person_a": anna.pk, "person_b": anna.pk}
    )
    assert response.status_code == 400
    assert not Introduction.objects.filter(owner=alice).exists()
    with pytest.raises(ValidationError):
        introduce(alice, anna, anna, alice.local_today())


def test_someone_else_s_person_cannot_be_introduced(
    alice: User, charlie: User, make_person, network_book
) -> None:
    stranger = make_person(charlie, "Carla Stranger")
    with pytest.raises(ValidationError):
        introduce(alice, network_book["Anna"], stranger, alice.local_today())


def test_the_drafts_ask_each_first_then_introduce_both_with_their_addresses(
    alice: User, network_book
) -> None:
    anna, paolo = network_book["Anna"], network_book["Paolo"]
    intro = introduce(alice, anna, paolo, alice.local_today(), "You both work with manufacturers.")
    d = drafts.drafts(alice, intro)
    assert d.ask_a.to == ["anna@example.com"] and d.ask_b.to == ["paolo@example.com"]
    assert "Would you like me to put you in touch?" in d.ask_a.body
    assert "Paolo Greco, HR manager at Greco Valvole S.p.A." in d.ask_a.body
    assert "You both work with manufacturers." in d.together.body
    assert "Anna, meet Paolo Greco" in d.together.body
    assert d.together.body.rstrip().endswith("Alice Verdi")
    mailto = d.together.mailto
    assert mailto.startswith("mailto:anna@example.com,paolo@example.com?subject=")
    assert "Anna, meet Paolo" in unquote(mailto)


def test_without_an_address_there_is_no_mail_link(alice: User, network_book) -> None:
    luca, roberto = network_book["Luca"], network_book["Roberto"]
    d = drafts.drafts(alice, introduce(alice, luca, roberto, alice.local_today()))
    assert d.ask_a.mailto == "" and d.together.mailto == ""


def test_an_italian_user_gets_professions_named_in_italian(alice: User, network_book) -> None:
    alice.language = "it"
    alice.save(update_fields=["language"])
    roberto, sara = network_book["Roberto"], network_book["Sara"]
    d = drafts.drafts(alice, introduce(alice, roberto, sara, alice.local_today()))
    assert "Roberto Colombo, Commercialista" in d.ask_b.body
    assert "Sara Conti, Agente immobiliare" in d.ask_a.body


def test_following_up_records_the_outcome(alice: User, alice_client: Client, network_book) -> None:
    intro = introduce(alice, network_book["Anna"], network_book["Paolo"], alice.local_today())
    response = alice_client.post(
        reverse("network:outcome", args=[intro.pk]),
        {"outcome": "business", "note": "Anna placed two people", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("network:introductions")  # never another site
    intro.refresh_from_db()
    assert (intro.outcome, intro.outcome_note) == ("business", "Anna placed two people")
    with pytest.raises(ValidationError):
        set_outcome(intro, "married")


def test_introductions_waiting_for_an_outcome_are_followed_up(
    alice: User, alice_client: Client, network_book
) -> None:
    long_ago = alice.local_today() - timedelta(days=15)
    recent = alice.local_today() - timedelta(days=3)
    introduce(alice, network_book["Anna"], network_book["Paolo"], long_ago)
    introduce(alice, network_book["Sara"], network_book["Luca"], recent)
    for url in (reverse("web:home"), reverse("network:introductions")):
        body = alice_client.get(url).content.decode()
        assert "You introduced Anna Russo and Paolo Greco" in body
        assert "You introduced Sara Conti and Luca Ferri" not in body


def test_an_introduction_cannot_be_dated_in_the_future(alice: User, network_book) -> None:
    with pytest.raises(ValidationError):
        introduce(
            alice,
            network_book["Anna"],
            network_book["Paolo"],
            alice.local_today() + timedelta(days=1),
        )


def test_the_outcome_buttons_are_one_group_without_stray_dots_on_today_and_network(
    alice: User, alice_client: Client, network_book
) -> None:
    long_ago = alice.local_today() - timedelta(days=15)
    introduce(alice, network_book["Anna"], network_book["Paolo"], long_ago)
    for url in (reverse("web:home"), reverse("network:introductions")):
        body = alice_client.get(url).content.decode()
        start = body.index('class="outcome-buttons" role="group"')
        group = body[start : body.index("</form>", start)]
        assert group.count('<button type="submit" name="outcome"') == 3, url
        assert "·" not in group, url
