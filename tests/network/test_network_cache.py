"""The book's index is built once per version of the book, and never per page on a big one."""

from __future__ import annotations

import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from network_test_book import pin

from coltiva.accounts.models import User
from coltiva.network import book as books
from coltiva.network.services import introduce, link
from coltiva.people import services
from coltiva.people.models import Person


def test_an_unchanged_book_is_not_rebuilt(alice: User, network_book) -> None:
    first = books.book_for(alice)
    with CaptureQueriesContext(connection) as ctx:
        again = books.book_for(alice)
    assert again is first and len(ctx.captured_queries) == 1  # the version


@pytest.mark.parametrize(
    "change",
    [
        "edit a person",
        "add a person",
        "trash a person",
        "change a stage",
        "link two people",
        "introduce two people",
    ],
)
def test_every_change_matching_reads_moves_the_version(
    alice: User, network_book, make_person, change: str
) -> None:
    before = books.book_version(alice)
    anna, paolo = network_book["Anna"], network_book["Paolo"]
    if change == "edit a person":
        services.update_person(anna, {"looks_for": "Plant managers"})
    elif change == "add a person":
        make_person(alice, "New Person")
    elif change == "trash a person":
        services.trash_person(anna)
    elif change == "change a stage":
        pin(anna, "profitability")
    elif change == "link two people":
        link(alice, anna, paolo, "friend")
    else:
        introduce(alice, anna, paolo, alice.local_today())
    assert books.book_version(alice) != before


def test_another_books_changes_do_not_move_the_version(
    alice: User, charlie: User, network_book, make_person
) -> None:
    before = books.book_version(alice)
    make_person(charlie, "Carla Stranger")
    assert books.book_version(alice) == before


def test_a_process_without_the_book_reads_it_from_the_shared_cache(
    alice: User, network_book
) -> None:
    anna = network_book["Anna"]
    built = books.book_for(alice)
    books._local.clear()  # another worker process
    shared = books.book_for(alice)
    assert shared is not built
    assert shared.index.suggest_for(anna.pk) == built.index.suggest_for(anna.pk)


def test_the_index_pickles_without_its_rank_filters(alice: User, network_book) -> None:
    built = books.book_for(alice)
    built.index.suggest_for(network_book["Anna"].pk)
    copy = pickle.loads(pickle.dumps(built))  # noqa: S301 (our own bytes)
    assert copy.index._filtered == {}
    assert copy.index.suggest_for(network_book["Anna"].pk) == built.index.suggest_for(
        network_book["Anna"].pk
    )


def test_a_large_changed_book_serves_the_previous_index_and_rebuilds_in_the_background(
    alice: User, network_book, settings, django_capture_on_commit_callbacks
) -> None:
    settings.NETWORK_MATCH_INLINE_MAX = 3
    built = books.book_for(alice)
    services.update_person(network_book["Nadia"], {"offers": "Catering"})
    with django_capture_on_commit_callbacks() as queued:
        assert books.book_for(alice) is built
        assert books.book_for(alice) is built
    assert len(queued) == 1  # one refresh queued, however many pages asked
    assert books.book_for(alice, fresh=True) is not built


def test_a_large_book_stale_for_too_long_is_rebuilt_on_the_spot(
    alice: User, network_book, settings
) -> None:
    settings.NETWORK_MATCH_INLINE_MAX = 3
    built = books.book_for(alice)
    built.built_at -= books.STALE_SECONDS + 1
    services.update_person(network_book["Nadia"], {"offers": "Catering"})
    assert books.book_for(alice) is not built


def test_a_pair_introduced_leaves_even_a_stale_index_at_once(
    alice: User, network_book, settings, django_capture_on_commit_callbacks
) -> None:
    settings.NETWORK_MATCH_INLINE_MAX = 3
    emma, giulia = network_book["Emma"], network_book["Giulia"]
    top = books.top_pairs(alice, books.book_for(alice))
    assert any({s.a, s.b} == {emma.pk, giulia.pk} for s in top)
    with django_capture_on_commit_callbacks(execute=True):
        introduce(alice, emma, giulia, alice.local_today())
    stale = books.book_for(alice)
    assert stale.index.knows(emma.pk, giulia.pk)
    assert all({s.a, s.b} != {emma.pk, giulia.pk} for s in books.top_pairs(alice, stale))


def test_colleagues_are_inferred_only_in_small_firms(alice: User, make_person) -> None:
    for i in range(books.MAX_FIRM + 1):
        make_person(alice, f"Member {i}", company="Chamber of Commerce")
    make_person(alice, "Ada Uno", company="Uno S.r.l.")
    make_person(alice, "Bea Uno", company="UNO srl")
    book = books.book_for(alice)
    ids = {c.name: c.id for c in book.people.values()}
    assert book.colleagues(ids["Member 0"]) == []
    assert book.colleagues(ids["Ada Uno"]) == [ids["Bea Uno"]]
    assert Person.objects.filter(owner=alice).count() == books.MAX_FIRM + 3
