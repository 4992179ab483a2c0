"""Invariants that hold for any book, on synthetic books written from the taxonomy."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from matching_synthetic_book import synthetic_book, synthetic_known_pairs

from coltiva.domain.match_texts import reason_text
from coltiva.domain.matching import MatchIndex


@settings(max_examples=25, deadline=None)
@given(
    size=st.integers(min_value=0, max_value=120),
    seed=st.integers(min_value=0, max_value=10_000),
    min_rank=st.integers(min_value=0, max_value=3),
)
def test_suggestions_never_break_the_rules(size, seed, min_rank):
    book = synthetic_book(size, seed)
    known = synthetic_known_pairs(book, size // 2, seed) if size > 1 else []
    index = MatchIndex.build(book, known)
    people = {c.id: c for c in book}
    result = index.suggest_all(min_vouch_rank=min_rank, limit=40)
    seen = set()
    for s in result:
        a, b = people[s.a], people[s.b]
        pair = frozenset({s.a, s.b})
        assert s.a != s.b and pair not in seen and pair not in known
        assert a.stage_rank >= min_rank and b.stage_rank >= min_rank
        assert a.profession_id != b.profession_id
        assert not a.company or a.company != b.company
        assert s.score > 0 and reason_text(s).endswith(".")
        seen.add(pair)
    assert [s.score for s in result] == sorted((s.score for s in result), reverse=True)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_the_all_pairs_list_agrees_with_each_persons_list(seed):
    """Every pair suggest_all ranks also appears, with the same score, for both people."""
    book = synthetic_book(150, seed)
    index = MatchIndex.build(book, [])
    for s in index.suggest_all(limit=10):
        mine = {x.b: x.score for x in index.suggest_for(s.a, limit=150)}
        assert mine[s.b] == s.score


def test_suggest_for_is_exact_against_a_brute_force_ranking():
    book = synthetic_book(200, 3)
    index = MatchIndex.build(book, [])
    for person in book[:30]:
        fast = index.suggest_for(person.id, limit=5)
        i = index._pos[person.id]
        scores = sorted(
            (round(index._score(i, j, *index._components(i, j)), 4), book[j].id)
            for j in range(len(book))
            if j != i and book[j].stage_rank >= 2 and person.stage_rank >= 2
        )
        best = [score for score, _ in sorted(scores, key=lambda x: (-x[0], x[1])) if score > 0][:5]
        assert [s.score for s in fast] == best
