"""Who can introduce me: to a profession, a company, or a person outside the book."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from coltiva.accounts.models import User
from coltiva.network.presenters import reason
from coltiva.network.services import link
from coltiva.network.suggestions import introducers
from coltiva.people.services import update_person


def names(ways) -> list[str]:
    return [w.name for w in ways]


def test_whoever_knows_a_notary_is_the_first_way_among_equally_close_people(
    alice: User, network_book
) -> None:
    link(alice, network_book["Roberto"], network_book["Beatrice"], "partner")
    ways = introducers(alice, "notaio")
    credibility = [w for w in ways if w.stage == "credibility"]
    assert credibility[0].name == "Roberto Colombo"
    assert reason(credibility[0]) == "Roberto Colombo knows Beatrice Moretti (notary)."
    # An estate agent at profitability (the same contact sphere) is the strongest way.
    assert ways[0].name == "Sara Conti" and ways[0].stage == "profitability"


def test_strongest_first_lists_profitability_credibility_then_visibility(
    alice: User, network_book
) -> None:
    link(alice, network_book["Roberto"], network_book["Beatrice"], "partner")
    order = {"profitability": 0, "credibility": 1, "visibility": 2, "none": 3}
    stages = [order[w.stage] for w in introducers(alice, "notaio")]
    assert stages == sorted(stages) and len(set(stages)) > 1


def test_a_company_is_reached_through_who_works_there(alice: User, network_book) -> None:
    ways = introducers(alice, "Greco Valvole")
    assert names(ways) == ["Paolo Greco"]
    assert ways[0].stage == "credibility"


def test_a_person_outside_the_book_is_reached_through_a_colleague(
    alice: User, make_person, network_book
) -> None:
    # Not someone Alice knows herself (no relationship worth the name): a stranger.
    make_person(alice, "Marta Colombo", company="Studio Colombo")
    ways = introducers(alice, "Marta Colombo")
    assert {"Roberto Colombo", "Carlo Rinaldi"} <= set(names(ways))


def test_the_page_finds_them_strongest_first(alice_client: Client, network_book) -> None:
    body = alice_client.get(reverse("network:who") + "?q=notaio").content.decode()
    assert "Who can introduce me?" in body and "Sara Conti" in body
    assert body.index("Sara Conti") < body.index("Luca Ferri")  # profitability first
    empty = alice_client.get(reverse("network:who") + "?q=xyzzy").content.decode()
    assert "Nobody in your book is a way to" in empty


def test_members_of_a_club_the_target_belongs_to_can_introduce(alice: User, network_book) -> None:
    update_person(network_book["Luca"], {"networks": "Rotary Club Milano; BNI Centro"})
    ways = introducers(alice, "Rotary Milano")
    assert names(ways) == ["Luca Ferri"]
    assert reason(ways[0]) == "Luca Ferri is in Rotary Club Milano."
