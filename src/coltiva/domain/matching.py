"""Introductions between people who would be referral sources for each other.

Fit has two parts. Contact spheres: the same sphere with different professions, or one
sphere feeding the other. Text: what one looks for against what the other is and serves,
and target markets they share, scored BM25-style over bilingual taxonomy concepts (see
``match_documents``). The user vouches only for people they know well enough
(credibility or better by default) and better-known pairs rank higher. Pairs who already
know each other, colleagues and competitors are never suggested.

``MatchIndex.build`` does the expensive part once (per book version, then cached);
``suggest_for`` and ``suggest_all`` only walk posting lists. Who can introduce the user
to someone is in ``introducers``; reasons in words in ``match_texts``.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from coltiva.domain.candidates import Candidate, company_key, sphere_of
from coltiva.domain.match_documents import (
    Postings,
    accumulate,
    dot,
    filter_postings,
    postings,
    raw_docs,
    weigh,
)
from coltiva.domain.match_texts import looks_for_params, quote, role
from coltiva.domain.professions import taxonomy

__all__ = ["Candidate", "MatchIndex", "Suggestion", "suggest_all", "suggest_for"]


# Weights of the fit. A wish met in full weighs most: "Anna looks for HR managers in
# manufacturing; Paolo is one" is the introduction a networker makes first. The
# taxonomy's sphere is a guess, but a contact sphere alone still earns a suggestion.
SPHERE_WEIGHT = 0.5
FIRST_LOOK_WEIGHT = 1.5
SECOND_LOOK_WEIGHT = 0.5
MARKET_WEIGHT = 0.4
MIN_FIT = 0.25
# Specialist and generalist of one trade (family lawyer, lawyer) may compete.
RIVAL_PENALTY = 0.5
SPHERE_FIT = {"same": 1.0, "mutual": 0.8, "feeds": 0.6, "fed_by": 0.6}

LOOKS_REASON = 0.45
MARKET_REASON = 0.3


@dataclass(frozen=True)
class Suggestion:
    a: int
    b: int
    score: float
    reason_code: str
    reason_params: dict[str, str] = field(hash=False)


def suggest_for(
    person_id: int,
    candidates: Iterable[Candidate],
    known_pairs: Iterable[frozenset[int]],
    *,
    min_vouch_rank: int = 2,
    limit: int = 10,
) -> list[Suggestion]:
    index = MatchIndex.build(candidates, known_pairs)
    return index.suggest_for(person_id, min_vouch_rank=min_vouch_rank, limit=limit)


def suggest_all(
    candidates: Iterable[Candidate],
    known_pairs: Iterable[frozenset[int]],
    *,
    min_vouch_rank: int = 2,
    limit: int = 50,
) -> list[Suggestion]:
    index = MatchIndex.build(candidates, known_pairs)
    return index.suggest_all(min_vouch_rank=min_vouch_rank, limit=limit)


class MatchIndex:
    """Everything about a book that does not depend on whom we suggest for.

    People are addressed by position (sorted by id) so posting lists stay sorted and
    the all-pairs pass can skip pairs it has already seen with a bisect.
    """

    def __init__(self, people: Sequence[Candidate], known_pairs: Iterable[frozenset[int]]):
        tax = taxonomy()
        self.people = list(people)
        self._pos = {c.id: i for i, c in enumerate(self.people)}
        self._rank = [c.stage_rank for c in self.people]
        self._profession = [c.profession_id for c in self.people]
        self._broader = [tax.broader_of(c.profession_id) for c in self.people]
        self._sphere = [sphere_of(c) for c in self.people]
        self._company = [company_key(c.company) for c in self.people]
        self._known = _neighbours(known_pairs, self._pos)
        raw = [raw_docs(c, self._sphere[i]) for i, c in enumerate(self.people)]
        self._wants, self._profile, self._serves = weigh(raw, len(self.people))
        self._post = {
            "profile": postings(self._profile),
            "wants": postings(self._wants),
            "serves": postings(self._serves),
        }
        self._filtered: dict[int, dict[str, Postings]] = {}
        self._fit = _sphere_fits(tax.spheres)
        self._related = _related_spheres(self._fit)
        self._by_sphere = self._group_by_sphere()

    @classmethod
    def build(
        cls, candidates: Iterable[Candidate], known_pairs: Iterable[frozenset[int]]
    ) -> MatchIndex:
        return cls(sorted(candidates, key=lambda c: c.id), known_pairs)

    def __getstate__(self) -> dict[str, object]:
        # Rank-filtered postings are a cache as big as the index: rebuilt on first use.
        return {**self.__dict__, "_filtered": {}}

    def __len__(self) -> int:
        return len(self.people)

    def knows(self, a: int, b: int) -> bool:
        i, j = self._pos.get(a), self._pos.get(b)
        return i is not None and j is not None and j in self._known.get(i, ())

    def add_known_pair(self, a: int, b: int) -> None:
        """Never suggest this pair again (they were just introduced or linked)."""
        i, j = self._pos.get(a), self._pos.get(b)
        if i is not None and j is not None and i != j:
            self._known.setdefault(i, set()).add(j)
            self._known.setdefault(j, set()).add(i)

    def suggest_for(
        self, person_id: int, *, min_vouch_rank: int = 2, limit: int = 10
    ) -> list[Suggestion]:
        i = self._pos.get(person_id)
        if i is None or self._rank[i] < min_vouch_rank:
            return []
        top = _Top(limit)
        self._collect(i, -1, min_vouch_rank, top)
        return [self._suggestion(i, b if a == i else a, score) for score, a, b in top.ranked()]

    def suggest_all(self, *, min_vouch_rank: int = 2, limit: int = 50) -> list[Suggestion]:
        top = _Top(limit)
        for i, rank in enumerate(self._rank):
            if rank >= min_vouch_rank:
                self._collect(i, i, min_vouch_rank, top)
        return [self._oriented(a, b, score) for score, a, b in top.ranked()]

    # -- scoring ---------------------------------------------------------------------

    def _collect(self, i: int, after: int, min_rank: int, top: _Top) -> None:
        """Offer i's partners positioned after ``after`` to the top list."""
        post = self._postings_for(min_rank)
        looks_out = accumulate(self._wants[i], post["profile"], after)
        looks_in = accumulate(self._profile[i], post["wants"], after)
        market = accumulate(self._serves[i], post["serves"], after)
        seen = looks_out.keys() | looks_in.keys() | market.keys()
        for j in seen:
            parts = looks_out.get(j, 0.0), looks_in.get(j, 0.0), market.get(j, 0.0)
            top.push(self._score(i, j, *parts), i, j)
        self._collect_sphere_only(i, after, min_rank, top, seen)

    def _collect_sphere_only(
        self, i: int, after: int, min_rank: int, top: _Top, seen: Iterable[int]
    ) -> None:
        """Partners with no text in common score on sphere and ranks alone.

        Each sphere's members are sorted by rank, so the walk stops as soon as the best
        score still possible cannot enter the top list.
        """
        sphere = self._sphere[i]
        seen = set(seen)
        for fit, other_sphere in self._related.get(sphere or "", []):
            for j in self._by_sphere[other_sphere]:
                bound = SPHERE_WEIGHT * fit * (self._rank[i] + self._rank[j]) / 6
                if self._rank[j] < min_rank or bound <= top.floor():
                    break
                if j > after and j != i and j not in seen:
                    top.push(self._score(i, j, 0.0, 0.0, 0.0), i, j)

    def _score(self, i: int, j: int, looks_out: float, looks_in: float, market: float) -> float:
        if i == j or self._excluded(i, j):
            return 0.0
        high, low = min(1.0, max(looks_out, looks_in)), min(1.0, looks_out, looks_in)
        fit = SPHERE_WEIGHT * self._sphere_fit(i, j)
        fit += FIRST_LOOK_WEIGHT * high + SECOND_LOOK_WEIGHT * low + MARKET_WEIGHT * market
        if fit < MIN_FIT:
            return 0.0
        score = fit * (self._rank[i] + self._rank[j]) / 6
        return score * RIVAL_PENALTY if self._rivals(i, j) else score

    def _excluded(self, i: int, j: int) -> bool:
        same_trade = self._profession[i] is not None and self._profession[i] == self._profession[j]
        colleagues = bool(self._company[i]) and self._company[i] == self._company[j]
        return same_trade or colleagues or j in self._known.get(i, ())

    def _rivals(self, i: int, j: int) -> bool:
        a = {self._profession[i], self._broader[i]} - {None}
        b = {self._profession[j], self._broader[j]} - {None}
        return bool(a & b)

    def _sphere_fit(self, i: int, j: int) -> float:
        a, b = self._sphere[i], self._sphere[j]
        return 0.0 if a is None or b is None else self._fit.get((a, b), 0.0)

    def _postings_for(self, min_rank: int) -> dict[str, Postings]:
        """Posting lists without the people we may not vouch for, built once per rank."""
        if min_rank not in self._filtered:
            self._filtered[min_rank] = {
                name: filter_postings(post, self._rank, min_rank)
                for name, post in self._post.items()
            }
        return self._filtered[min_rank]

    def _group_by_sphere(self) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {s: [] for s in taxonomy().spheres}
        for i, sphere in enumerate(self._sphere):
            if sphere is not None:
                groups.setdefault(sphere, []).append(i)
        for members in groups.values():
            members.sort(key=lambda j: (-self._rank[j], j))
        return groups

    # -- reasons ---------------------------------------------------------------------

    def _components(self, i: int, j: int) -> tuple[float, float, float]:
        return (
            dot(self._wants[i], self._profile[j]),
            dot(self._wants[j], self._profile[i]),
            dot(self._serves[i], self._serves[j]),
        )

    def _oriented(self, i: int, j: int, score: float) -> Suggestion:
        """In the all-pairs list, the person whose need drives the match comes first."""
        looks_out, looks_in, _ = self._components(i, j)
        return (
            self._suggestion(j, i, score) if looks_in > looks_out else self._suggestion(i, j, score)
        )

    def _suggestion(self, i: int, j: int, score: float) -> Suggestion:
        code, params = self._reason(i, j)
        a, b = self.people[i], self.people[j]
        return Suggestion(a.id, b.id, round(score, 4), code, params)

    def _reason(self, i: int, j: int) -> tuple[str, dict[str, str]]:
        a, b = self.people[i], self.people[j]
        looks_out, looks_in, market = self._components(i, j)
        pair = {"a": a.name, "b": b.name, **role("a", a), **role("b", b)}
        if min(looks_out, looks_in) >= LOOKS_REASON:
            return "mutual", pair
        if max(looks_out, looks_in) >= LOOKS_REASON:
            looker, other = (a, b) if looks_out >= looks_in else (b, a)
            return "looks_for", looks_for_params(looker, other)
        if market >= MARKET_REASON:
            return "same_clients", {**pair, "market": quote(a.target_market or b.target_market)}
        return self._sphere_reason(i, j, pair)

    def _sphere_reason(self, i: int, j: int, pair: dict[str, str]) -> tuple[str, dict[str, str]]:
        sa, sb = self._sphere[i], self._sphere[j]
        relation = taxonomy().relation(sa, sb) if sa and sb else None
        if relation == "same":
            return "contact_sphere", {**pair, "sphere": sa or ""}
        if relation == "mutual":
            return "feeds_both", pair
        if relation is None:
            return "common_ground", pair
        source, target = self.people[i], self.people[j]
        if relation == "fed_by":
            source, target = target, source
        names = {"source": source.name, "target": target.name}
        return "feeds", {**names, **role("source", source), **role("target", target)}


class _Top:
    """The best ``limit`` pairs offered so far; on equal scores the lower ids win."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._heap: list[tuple[float, int, int]] = []  # (score, -low, -high): worst on top

    def floor(self) -> float:
        """The score a pair must beat to get in."""
        if self.limit <= 0:
            return math.inf
        return self._heap[0][0] if len(self._heap) >= self.limit else 0.0

    def push(self, score: float, i: int, j: int) -> None:
        entry = (score, -min(i, j), -max(i, j))
        if score <= 0.0 or self.limit <= 0:
            return
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, entry)
        elif entry > self._heap[0]:
            heapq.heapreplace(self._heap, entry)

    def ranked(self) -> list[tuple[float, int, int]]:
        """(score, low, high) positions, best first."""
        return [(s, -a, -b) for s, a, b in sorted(self._heap, reverse=True)]


# -- small helpers -------------------------------------------------------------------


def _neighbours(pairs: Iterable[frozenset[int]], pos: Mapping[int, int]) -> dict[int, set[int]]:
    known: dict[int, set[int]] = {}
    for pair in pairs:
        members = [pos[p] for p in pair if p in pos]
        if len(members) == 2:
            known.setdefault(members[0], set()).add(members[1])
            known.setdefault(members[1], set()).add(members[0])
    return known


def _sphere_fits(spheres: Iterable[str]) -> dict[tuple[str, str], float]:
    relation = taxonomy().relation
    pairs = ((a, b, relation(a, b)) for a in spheres for b in spheres)
    return {(a, b): SPHERE_FIT[rel] for a, b, rel in pairs if rel is not None}


def _related_spheres(fits: Mapping[tuple[str, str], float]) -> dict[str, list[tuple[float, str]]]:
    related: dict[str, list[tuple[float, str]]] = {}
    for (a, b), fit in fits.items():
        related.setdefault(a, []).append((fit, b))
    for pairs in related.values():
        pairs.sort(key=lambda p: (-p[0], p[1]))
    return related
