"""The index as the product keeps it: cached between requests, told of new introductions."""

from __future__ import annotations

import pickle

from coltiva.domain.matching import MatchIndex


def partners(index: MatchIndex, pid: int) -> list[int]:
    return [s.b for s in index.suggest_for(pid, limit=50)]


def test_a_pair_made_known_is_never_suggested_again(book, known_pairs, person):
    index = MatchIndex.build(book, known_pairs)
    sara, luca = person["Sara"], person["Luca"]
    assert luca in partners(index, sara) and not index.knows(sara, luca)
    index.add_known_pair(sara, luca)
    assert index.knows(luca, sara)
    assert luca not in partners(index, sara) and sara not in partners(index, luca)
    assert all({s.a, s.b} != {sara, luca} for s in index.suggest_all(limit=1000))


def test_unknown_ids_and_a_person_with_themself_change_nothing(book, known_pairs, person):
    index = MatchIndex.build(book, known_pairs)
    before = index.suggest_all(limit=1000)
    index.add_known_pair(person["Sara"], 9999)
    index.add_known_pair(person["Sara"], person["Sara"])
    assert index.suggest_all(limit=1000) == before


def test_a_pickled_index_suggests_the_same_and_drops_its_rank_cache(book, known_pairs, person):
    index = MatchIndex.build(book, known_pairs)
    expected = index.suggest_for(person["Anna"])
    copy = pickle.loads(pickle.dumps(index))  # noqa: S301 (our own bytes)
    assert copy._filtered == {} and len(copy) == len(book)
    assert copy.suggest_for(person["Anna"]) == expected
