"""Who in the book can introduce the user to a profession, a company or a person.

Routes, strongest first: working at the company, knowing the person, knowing someone of
the profession, being in the profession's contact sphere, being in a sphere that feeds
it. A favour is asked of people who know you, so the user's stage with the introducer
weighs as much as the route.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from coltiva.domain.candidates import Candidate, company_key, sphere_of
from coltiva.domain.match_texts import role
from coltiva.domain.professions import map_profession, normalise, taxonomy

_ROUTE_WEIGHT = {
    "works_at": 1.0,
    "knows_person": 1.0,
    "knows_profession": 0.8,
    "in_network": 0.7,
    "in_sphere": 0.5,
    "sphere_feeds": 0.35,
}
# A favour is asked of people who know you: the stage weighs as much as the route.
_STAGE_FACTOR = (0.25, 0.5, 0.8, 1.0)
# Strict: a typo in a long name still matches, "Studio Rossetti" is not "Studio Rossi".
_COMPANY_CUTOFF = 95.0
_NAME_CUTOFF = 90.0
_MIN_CONFIDENCE = 0.6
_NETWORK_CUTOFF = 90.0
_NETWORK_SEPARATORS = re.compile(r"[,;\n/]+")

Route = tuple[int, str, dict[str, str]]


Graph = dict[int, set[int]]


@dataclass(frozen=True)
class Introducer:
    id: int
    score: float
    reason_code: str
    reason_params: dict[str, str] = field(hash=False)


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
    routes += _via_network(target, people)
    routes += _via_profession(target, people, graph, found_otherwise=bool(routes))
    best: dict[int, Introducer] = {}
    for pid, code, params in routes:
        rank = people[pid].stage_rank
        score = _ROUTE_WEIGHT[code] * _STAGE_FACTOR[min(max(rank, 0), 3)]
        if rank >= min_rank and (pid not in best or score > best[pid].score):
            best[pid] = Introducer(pid, round(score, 4), code, {"name": people[pid].name, **params})
    # "Strongest first": the relationship with the introducer first (profitability >
    # credibility > visibility > none), then how good the route is.
    ranked = sorted(best.values(), key=lambda x: (-people[x.id].stage_rank, -x.score, x.id))
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
    key = company_key(target)
    if len(key) < 3:
        return []
    return [
        (c.id, "works_at", {"company": c.company.strip()})
        for c in people.values()
        if c.company.strip() and fuzz.ratio(key, company_key(c.company)) >= _COMPANY_CUTOFF
    ]


def _via_person(target: str, people: Mapping[int, Candidate], graph: Graph) -> list[Route]:
    key = normalise(target)
    named = [
        c for c in people.values() if key and fuzz.ratio(key, normalise(c.name)) >= _NAME_CUTOFF
    ]
    return [(f, "knows_person", {"target": c.name}) for c in named for f in sorted(graph[c.id])]


def _via_network(target: str, people: Mapping[int, Candidate]) -> list[Route]:
    """Members of a club or group the target belongs to ("Rotary Milano") can introduce."""
    key = normalise(target)
    if len(key) < 4:
        return []
    routes: list[Route] = []
    for c in people.values():
        for network in _NETWORK_SEPARATORS.split(c.networks):
            if network.strip() and fuzz.token_set_ratio(key, normalise(network)) >= _NETWORK_CUTOFF:
                routes.append((c.id, "in_network", {"network": network.strip()}))
                break
    return routes


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
        route = _sphere_route(sphere_of(c), match.sphere_id)
        if not contacts and route is None:
            continue
        params = {"profession": match.profession_id, **role("own", c)}
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
