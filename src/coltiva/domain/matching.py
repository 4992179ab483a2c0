"""Introductions between people who would be referral sources for each other.

Fit has two parts. Contact spheres: the same sphere with different professions, or one
sphere feeding the other. Text: what one looks for against what the other is and serves,
and target markets they share, scored BM25-style over bilingual taxonomy concepts, so
"cerco notai" meets "Notary". The user vouches only for people they know well enough
(credibility or better by default) and better-known pairs rank higher. Pairs who already
know each other, colleagues and competitors are never suggested.

``MatchIndex.build`` does the expensive part once (per request or task); ``suggest_for``
and ``suggest_all`` then only walk posting lists.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from coltiva.domain.professions import map_profession, normalise, taxonomy, terms

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

# Document building: taxonomy concepts count fully, loose words half; in a wish the
# sector only qualifies the trade sought.
TOKEN_WEIGHT = 0.5
SECTOR_IN_WISH_WEIGHT = 0.5
MENTIONED_TRADE_WEIGHT = 0.3
BROADER_WEIGHT = 0.7
OWN_SPHERE_WEIGHT = 0.5
TAXONOMY_SERVES_WEIGHT = 0.7
SERVES_IN_PROFILE_WEIGHT = 0.6
BM25_K1 = 1.2
BM25_B = 0.5
# Terms this common say little and make the all-pairs pass quadratic: dropped.
PRUNE_MIN_DF = 200
PRUNE_FRACTION = 0.05

LOOKS_REASON = 0.45
MARKET_REASON = 0.3

Doc = dict[str, float]
Postings = dict[str, tuple[list[int], list[float]]]
Graph = dict[int, set[int]]


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    profession_id: str | None
    sphere_id: str | None
    offers: str
    looks_for: str
    target_market: str
    stage_rank: int  # 0 none, 1 visibility, 2 credibility, 3 profitability
    company: str


@dataclass(frozen=True)
class Suggestion:
    a: int
    b: int
    score: float
    reason_code: str
    reason_params: dict[str, str] = field(hash=False)


@dataclass(frozen=True)
class Introducer:
    id: int
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
        self._sphere = [_sphere(c) for c in self.people]
        self._company = [_company_key(c.company) for c in self.people]
        self._known = _neighbours(known_pairs, self._pos)
        raw = [_raw_docs(c, self._sphere[i]) for i, c in enumerate(self.people)]
        self._wants, self._profile, self._serves = _weigh(raw, len(self.people))
        self._post = {
            "profile": _postings(self._profile),
            "wants": _postings(self._wants),
            "serves": _postings(self._serves),
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
        looks_out = _accumulate(self._wants[i], post["profile"], after)
        looks_in = _accumulate(self._profile[i], post["wants"], after)
        market = _accumulate(self._serves[i], post["serves"], after)
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
                name: _filter_postings(post, self._rank, min_rank)
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
            _dot(self._wants[i], self._profile[j]),
            _dot(self._wants[j], self._profile[i]),
            _dot(self._serves[i], self._serves[j]),
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
        pair = {"a": a.name, "b": b.name, **_role("a", a), **_role("b", b)}
        if min(looks_out, looks_in) >= LOOKS_REASON:
            return "mutual", pair
        if max(looks_out, looks_in) >= LOOKS_REASON:
            looker, other = (a, b) if looks_out >= looks_in else (b, a)
            return "looks_for", _looks_for_params(looker, other)
        if market >= MARKET_REASON:
            return "same_clients", {**pair, "market": _clean(a.target_market or b.target_market)}
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
        return "feeds", {**names, **_role("source", source), **_role("target", target)}


# -- documents -----------------------------------------------------------------------


def _raw_docs(c: Candidate, sphere: str | None) -> tuple[Doc, Doc, Doc]:
    """What they look for, what they are and do, and whom they serve, as term weights."""
    wants: Doc = {}
    _add_text(wants, c.looks_for, sector=SECTOR_IN_WISH_WEIGHT)
    serves: Doc = {}
    _add_text(serves, c.target_market)
    profession = taxonomy().professions.get(c.profession_id or "")
    if profession is not None:
        for market in profession.serves:
            _add(serves, f"m:{market}", TAXONOMY_SERVES_WEIGHT)
    profile: Doc = {}
    if c.profession_id:
        _add_concept(profile, f"p:{c.profession_id}", 1.0)
    if sphere is not None:
        _add(profile, f"s:{sphere}", OWN_SPHERE_WEIGHT)
    # Other trades named in a profile are mostly clients or employers ("HR manager at a
    # software house", "Russo HR"): they say little about what this person does.
    _add_text(profile, c.offers, trade=MENTIONED_TRADE_WEIGHT)
    _add_text(profile, c.company, trade=MENTIONED_TRADE_WEIGHT)
    for term, weight in serves.items():
        _add(profile, term, SERVES_IN_PROFILE_WEIGHT * weight)
    return wants, profile, serves


def _add_text(doc: Doc, text: str, *, sector: float = 1.0, trade: float = 1.0) -> None:
    for term in terms(text):
        if term.startswith("s:"):
            _add(doc, term, sector)
        elif term.startswith("p:"):
            _add_concept(doc, term, trade)
        elif term.startswith("m:"):
            _add(doc, term, 1.0)
        else:
            _add(doc, term, TOKEN_WEIGHT)


def _add_concept(doc: Doc, term: str, weight: float) -> None:
    """A profession also counts, a little less, as its broader trade."""
    _add(doc, term, weight)
    broader = taxonomy().broader_of(term[2:]) if term.startswith("p:") else None
    if broader is not None:
        _add(doc, f"p:{broader}", BROADER_WEIGHT * weight)


def _add(doc: Doc, term: str, weight: float) -> None:
    doc[term] = doc.get(term, 0.0) + weight


def _weigh(raw: Sequence[tuple[Doc, Doc, Doc]], n: int) -> tuple[list[Doc], list[Doc], list[Doc]]:
    df = [Counter(t for docs in raw for t in docs[k]) for k in range(3)]
    cap = max(PRUNE_MIN_DF, PRUNE_FRACTION * n)
    dropped = {t for counts in df for t, count in counts.items() if count > cap}
    kept = [tuple({t: w for t, w in d.items() if t not in dropped} for d in docs) for docs in raw]
    idf_profile = {t: _idf(count, n) for t, count in df[1].items()}
    idf_serves = {t: _idf(count, n) for t, count in df[2].items()}
    avg_len = sum(sum(docs[1].values()) for docs in kept) / max(n, 1) or 1.0
    wants = [_query_weights(docs[0], idf_profile, n) for docs in kept]
    profile = [_saturated(docs[1], avg_len) for docs in kept]
    serves = [_unit_vector(docs[2], idf_serves, n) for docs in kept]
    return wants, profile, serves


def _idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _query_weights(doc: Doc, idf: Mapping[str, float], n: int) -> Doc:
    """Share of the wish each term carries, so that meeting it in full scores 1.

    Professions in a wish are alternatives ("fotografi, fioristi, catering": any one
    will do), so only the heaviest counts towards the whole; sectors, markets and
    words qualify it ("HR managers in manufacturing").
    """
    unseen = _idf(0, n)
    raw = {t: w * idf.get(t, unseen) for t, w in doc.items()}
    trades = [w for t, w in raw.items() if t.startswith("p:")]
    total = max(trades, default=0.0) + sum(w for t, w in raw.items() if not t.startswith("p:"))
    return {t: w / total for t, w in raw.items()} if total else {}


def _saturated(doc: Doc, avg_len: float) -> Doc:
    """BM25 term frequency, capped at 1: how well a profile covers a term."""
    norm = BM25_K1 * (1 - BM25_B + BM25_B * sum(doc.values()) / avg_len)
    return {t: min(1.0, w * (BM25_K1 + 1) / (w + norm)) for t, w in doc.items()}


def _unit_vector(doc: Doc, idf: Mapping[str, float], n: int) -> Doc:
    unseen = _idf(0, n)
    raw = {t: w * idf.get(t, unseen) for t, w in doc.items()}
    length = math.sqrt(sum(w * w for w in raw.values()))
    return {t: w / length for t, w in raw.items()} if length else {}


def _postings(docs: Sequence[Doc]) -> Postings:
    post: Postings = {}
    for i, doc in enumerate(docs):
        for term, weight in doc.items():
            positions, weights = post.setdefault(term, ([], []))
            positions.append(i)
            weights.append(weight)
    return post


def _filter_postings(post: Postings, rank: Sequence[int], min_rank: int) -> Postings:
    out: Postings = {}
    for term, (positions, weights) in post.items():
        keep = [k for k, j in enumerate(positions) if rank[j] >= min_rank]
        if keep:
            out[term] = ([positions[k] for k in keep], [weights[k] for k in keep])
    return out


def _accumulate(query: Doc, postings: Postings, after: int) -> dict[int, float]:
    scores: dict[int, float] = {}
    get = scores.get
    for term, q in query.items():
        found = postings.get(term)
        if found is None:
            continue
        positions, weights = found
        start = bisect_right(positions, after)
        for j, w in zip(positions[start:], weights[start:], strict=True):
            scores[j] = get(j, 0.0) + q * w
    return scores


def _dot(query: Doc, doc: Doc) -> float:
    return sum(q * doc.get(t, 0.0) for t, q in query.items())


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


def _sphere(c: Candidate) -> str | None:
    if c.sphere_id is not None:
        return c.sphere_id
    profession = taxonomy().professions.get(c.profession_id or "")
    return None if profession is None else profession.sphere


_LEGAL_FORMS = frozenset(
    ["srl", "srls", "spa", "snc", "sas", "sapa", "ltd", "limited", "inc", "llc"]
)


def _company_key(company: str) -> str:
    kept = [w for w in normalise(company).split() if len(w) > 1 and w not in _LEGAL_FORMS]
    return " ".join(kept)


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


def _role(role: str, c: Candidate) -> dict[str, str]:
    return {f"{role}_profession": c.profession_id or "", f"{role}_does": _clean(c.offers)}


def _looks_for_params(looker: Candidate, other: Candidate) -> dict[str, str]:
    return {
        "looker": looker.name,
        "looks_for": _clean(looker.looks_for),
        "other": other.name,
        "company": other.company.strip(),
        **_role("other", other),
    }


_WISH_PREFIXES = (
    "i am looking for", "i'm looking for", "we are looking for", "looking for", "seeking",
    "introductions to", "sto cercando", "cerchiamo", "cerco", "vorrei conoscere",
    "mi piacerebbe conoscere", "presentazioni a",
)  # fmt: skip
_MAX_QUOTE = 100


def _clean(text: str) -> str:
    """User text fit to quote inside a sentence: no "cerco" twice, no final stop."""
    text = " ".join(text.split()).rstrip(" .;!")
    lowered = text.casefold()
    for prefix in _WISH_PREFIXES:
        if lowered.startswith(prefix + " "):
            text = text[len(prefix) + 1 :]
            break
    if len(text) > _MAX_QUOTE:
        text = text[:_MAX_QUOTE].rsplit(" ", 1)[0] + "…"
    # "Couples getting married" is quoted mid-sentence; "PMI" keeps its capitals.
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


# -- who can introduce me ------------------------------------------------------------

_ROUTE_WEIGHT = {
    "works_at": 1.0,
    "knows_person": 1.0,
    "knows_profession": 0.8,
    "in_sphere": 0.5,
    "sphere_feeds": 0.35,
}
# A favour is asked of people who know you: the stage weighs as much as the route.
_STAGE_FACTOR = (0.25, 0.5, 0.8, 1.0)
_COMPANY_CUTOFF = 88.0
_NAME_CUTOFF = 90.0
_MIN_CONFIDENCE = 0.6

Route = tuple[int, str, dict[str, str]]


def who_can_introduce(
    target: str,
    candidates: Iterable[Candidate],
    links: Mapping[int, Iterable[int]],
    *,
    min_rank: int = 1,
    limit: int = 10,
) -> list[Introducer]:
    """People in the book who can introduce the user to a profession, company or person.

    ``links`` says who in the book knows whom, in either direction.
    """
    people = {c.id: c for c in candidates}
    graph = _undirected(links, people)
    routes = _via_company(target, people) + _via_person(target, people, graph)
    routes += _via_profession(target, people, graph, found_otherwise=bool(routes))
    best: dict[int, Introducer] = {}
    for pid, code, params in routes:
        rank = people[pid].stage_rank
        score = _ROUTE_WEIGHT[code] * _STAGE_FACTOR[min(max(rank, 0), 3)]
        if rank >= min_rank and (pid not in best or score > best[pid].score):
            best[pid] = Introducer(pid, round(score, 4), code, {"name": people[pid].name, **params})
    ranked = sorted(best.values(), key=lambda x: (-x.score, -people[x.id].stage_rank, x.id))
    return ranked[:limit]


def _undirected(links: Mapping[int, Iterable[int]], people: Mapping[int, Candidate]) -> Graph:
    graph: Graph = {pid: set() for pid in people}
    for a, others in links.items():
        for b in others:
            if a in people and b in people and a != b:
                graph[a].add(b)
                graph[b].add(a)
    return graph


def _via_company(target: str, people: Mapping[int, Candidate]) -> list[Route]:
    key = _company_key(target)
    if len(key) < 3:
        return []
    return [
        (c.id, "works_at", {"company": c.company.strip()})
        for c in people.values()
        if c.company.strip() and fuzz.ratio(key, _company_key(c.company)) >= _COMPANY_CUTOFF
    ]


def _via_person(target: str, people: Mapping[int, Candidate], graph: Graph) -> list[Route]:
    key = normalise(target)
    named = [
        c for c in people.values() if key and fuzz.ratio(key, normalise(c.name)) >= _NAME_CUTOFF
    ]
    return [(f, "knows_person", {"target": c.name}) for c in named for f in sorted(graph[c.id])]


def _via_profession(
    target: str, people: Mapping[int, Candidate], graph: Graph, *, found_otherwise: bool
) -> list[Route]:
    match = map_profession(target)
    if match is None or match.confidence < _MIN_CONFIDENCE:
        return []
    if found_otherwise and match.method != "exact":
        return []  # "Greco Valvole" is a company, not a fuzzy guess at a trade
    holders = {c.id for c in people.values() if c.profession_id == match.profession_id}
    routes: list[Route] = []
    for c in people.values():
        if c.id in holders:
            continue  # they are the target, not a way to it
        contacts = sorted(people[h].name for h in graph[c.id] & holders)
        route = _sphere_route(_sphere(c), match.sphere_id)
        if not contacts and route is None:
            continue
        params = {"profession": match.profession_id, **_role("own", c)}
        if contacts:
            routes.append(
                (c.id, "knows_profession", {**params, "contacts": ", ".join(contacts[:3])})
            )
        if route is not None:
            routes.append((c.id, route, params))
    return routes


def _sphere_route(own: str | None, target: str) -> str | None:
    relation = taxonomy().relation(own, target) if own else None
    return None if relation is None else "in_sphere" if relation == "same" else "sphere_feeds"


# -- reasons in words ----------------------------------------------------------------


def _identity(message: str) -> str:
    return message


def reason_text(
    item: Suggestion | Introducer, gettext: Callable[[str], str] = _identity, language: str = "en"
) -> str:
    """One sentence explaining a suggestion or an introducer, in ``language``.

    Templates are literals passed to ``gettext`` so that makemessages extracts them;
    profession and sphere names come from the taxonomy.
    """
    values = _localised(item.reason_params, gettext, language)
    code = item.reason_code
    if code == "looks_for" and values.get("company"):
        code = "looks_for_at"
    text = _templates(gettext)[code] % values
    return text[:-1] if text.endswith("..") else text  # "... S.p.A.."


def _templates(_: Callable[[str], str]) -> dict[str, str]:
    return {
        "looks_for_at": _(
            "%(looker)s looks for %(looks_for)s; "
            "%(other)s fits: %(other_profession)s at %(company)s."
        ),
        "looks_for": _("%(looker)s looks for %(looks_for)s; %(other)s fits: %(other_profession)s."),
        "mutual": _(
            "%(a)s (%(a_profession)s) and %(b)s (%(b_profession)s) "
            "each look for what the other does."
        ),
        "same_clients": _(
            "%(a)s (%(a_profession)s) and %(b)s (%(b_profession)s) serve the same clients "
            "without competing: %(market)s."
        ),
        "contact_sphere": _(
            "%(a)s (%(a_profession)s) and %(b)s (%(b_profession)s) are in the same contact "
            "sphere, %(sphere)s: same clients, no competition."
        ),
        "feeds": _(
            "Clients of %(source)s (%(source_profession)s) often need "
            "%(target)s (%(target_profession)s)."
        ),
        "feeds_both": _(
            "Clients of %(a)s (%(a_profession)s) and of %(b)s (%(b_profession)s) "
            "often need each other."
        ),
        "common_ground": _("%(a)s and %(b)s have enough in common to be worth an introduction."),
        "works_at": _("%(name)s works at %(company)s."),
        "knows_person": _("%(name)s knows %(target)s."),
        "knows_profession": _("%(name)s knows %(contacts)s (%(profession)s)."),
        "in_sphere": _(
            "%(name)s works as %(own_profession)s, in the same contact sphere as %(profession)s."
        ),
        "sphere_feeds": _(
            "%(name)s works as %(own_profession)s, a trade that often works with %(profession)s."
        ),
    }


def _localised(
    params: Mapping[str, str], gettext: Callable[[str], str], lang: str
) -> dict[str, str]:
    values = dict(params)
    for key, value in params.items():
        if key.endswith("profession"):
            does = params.get(key.removesuffix("profession") + "does", "")
            values[key] = _profession_label(value, does, gettext, lang)
        elif key == "sphere" and value in taxonomy().spheres:
            values[key] = taxonomy().spheres[value].label(lang)
    return values


def _profession_label(pid: str, does: str, gettext: Callable[[str], str], lang: str) -> str:
    profession = taxonomy().professions.get(pid)
    if profession is None:
        return does or gettext("their trade")
    label = profession.label(lang)
    # "Wedding photographer" reads "wedding photographer" mid-sentence; "HR manager" stays.
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]
