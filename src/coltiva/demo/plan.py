"""Who is in a demo book: people, their trades and wishes, events, power teams, links.

Everything here is plain data drawn from one seeded ``random.Random``, so the same seed
and day give the same book. Histories (touches) are drawn per person in
``coltiva.demo.histories`` from a generator of their own, so they can be written in
chunks without holding millions of touches in memory.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass, field

from coltiva.demo import vocabulary as words
from coltiva.demo.professions import (
    Language,
    Trade,
    market_words,
    related_spheres,
    trades,
    trades_by_sphere,
)
from coltiva.domain.candidates import company_key
from coltiva.domain.professions import normalise


@dataclass(frozen=True)
class Size:
    people: int
    touches: int


SIZES = {
    "small": Size(300, 3_000),
    "medium": Size(20_000, 400_000),
    "large": Size(100_000, 2_000_000),
}

# How a networker's book is made, by share of people: many imported contacts never met,
# a steady trickle of new acquaintances, relationships at every stage, and the ones
# left to wither or go dormant.
ARCHETYPES = {
    "imported": 0.22,
    "new": 0.05,
    "acquaintance": 0.23,
    "growing": 0.16,
    "profitable": 0.08,
    "withering": 0.12,
    "dormant": 0.14,
}
TEAM_ARCHETYPES = ("growing", "profitable")
# Half the people the user vouches for belong to a referral power team: six or seven
# complementary trades serving one niche, each looking for the others.
TEAM_SHARE = 0.5
TEAM_SIZES = (6, 7)
INTRODUCTION_SHARE = 0.015
LINK_SHARE = 0.5
PLAN_SHARE = 0.03


@dataclass
class PersonPlan:
    index: int
    archetype: str
    language: Language
    given: str
    family: str
    company: str = ""
    job_title: str = ""
    profession: str = ""
    trade: str = ""  # the taxonomy id the generator meant (the truth)
    offers: str = ""
    looks_for: str = ""
    target_market: str = ""
    city: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    team: int | None = None
    trashed: bool = False
    pinned: str = ""
    cadence: int | None = None
    purposes: tuple[bool, bool, bool, bool] = (True, False, False, False)
    introductions: list[int] = field(default_factory=list)  # days ago, one per introduction


@dataclass(frozen=True)
class EventPlan:
    name: str
    ago: int
    place: str


@dataclass(frozen=True)
class Team:
    members: tuple[int, ...]
    niche: str


@dataclass(frozen=True)
class IntroductionPlan:
    a: int
    b: int
    ago: int
    outcome: str


@dataclass
class BookPlan:
    size: Size
    seed: int
    people: list[PersonPlan]
    events: list[EventPlan]
    teams: list[Team]
    introductions: list[IntroductionPlan]
    links: list[tuple[int, int, str]]
    plans: list[tuple[int, int, str]]  # person, days from today (negative: overdue), kind

    def planted_pairs(self) -> list[tuple[int, int]]:
        """Every pair inside a power team, by person index."""
        return [(a, b) for team in self.teams for a, b in itertools.combinations(team.members, 2)]


def plan_book(size: Size, seed: int) -> BookPlan:
    rng = random.Random(seed)
    people = [_person(rng, i) for i in range(size.people)]
    _name_contacts(rng, people)
    teams = _teams(rng, people)
    for person in people:
        if person.team is None:
            _describe(rng, person)
    _extras(rng, people)
    events = _events(rng, size.people)
    introductions = _introductions(rng, people)
    links = _links(rng, people, teams)
    plans = _plans(rng, people)
    return BookPlan(size, seed, people, events, teams, introductions, links, plans)


# --- People ---------------------------------------------------------------------------------


def _person(rng: random.Random, index: int) -> PersonPlan:
    archetype = rng.choices(list(ARCHETYPES), weights=list(ARCHETYPES.values()))[0]
    language: Language = "it" if rng.random() < 0.7 else "en"
    if language == "it":
        given = rng.choice(words.IT_WOMEN if rng.random() < 0.5 else words.IT_MEN)
        family = rng.choice(words.IT_FAMILY).replace("_", " ")
    else:
        given = rng.choice(words.EN_WOMEN if rng.random() < 0.5 else words.EN_MEN)
        family = rng.choice(words.EN_FAMILY)
    city = rng.choice(words.CITIES_IT if language == "it" else words.CITIES_EN)
    return PersonPlan(index, archetype, language, given, family, city=city)


def _company(rng: random.Random, person: PersonPlan) -> str:
    frames = words.IT_FIRM_FRAMES if person.language == "it" else words.EN_FIRM_FRAMES
    family = person.family if rng.random() < 0.6 else rng.choice(words.IT_FAMILY)
    word = rng.choice(words.FIRM_WORDS)
    return rng.choice(frames).format(family=family.replace("_", " "), word=word)


def _name_contacts(rng: random.Random, people: list[PersonPlan]) -> None:
    """Firms, e-mails, phones and profile links, unique where people make them unique."""
    seen: Counter[str] = Counter()
    for person in people:
        if rng.random() < 0.75:
            person.company = _company(rng, person)
        handle = "".join(ch for ch in normalise(f"{person.given}.{person.family}") if ch != " ")
        seen[handle] += 1
        if seen[handle] > 1:
            handle = f"{handle}{seen[handle]}"
        if rng.random() < 0.75:
            domain = company_key(person.company).replace(" ", "") or rng.choice(
                ["gmail", "libero", "outlook", "yahoo"]
            )
            tld = "it" if person.language == "it" else "co.uk"
            person.emails.append(f"{handle}@{domain}.{tld}")
        if rng.random() < 0.45:
            person.phones.append(_phone(rng, person.language))
        if rng.random() < 0.3:
            person.urls.append(f"https://www.linkedin.com/in/{handle.replace('.', '-')}")


def _phone(rng: random.Random, language: str) -> str:
    if language == "it":
        number = f"3{rng.randint(20, 93)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        return number if rng.random() < 0.5 else f"+39 {number}"
    return f"+44 7{rng.randint(100, 999)} {rng.randint(100000, 999999)}"


# --- What they do and look for ----------------------------------------------------------------


def _describe(rng: random.Random, person: PersonPlan) -> None:
    """A trade written in free text, what they offer, whom they serve and look for."""
    if rng.random() < 0.06:
        person.job_title = rng.choice(
            words.JOB_TITLES_IT if person.language == "it" else words.JOB_TITLES_EN
        )
        return
    trade = rng.choice(trades())
    _write_trade(rng, person, trade)
    market = _market(rng, trade, person.language)
    if rng.random() < 0.8:
        person.offers = _offers(rng, person, trade, market)
    if rng.random() < 0.7:
        person.target_market = market
    if rng.random() < 0.85:
        wanted = _wanted(rng, trade, rng.randint(1, 3))
        person.looks_for = _wish(rng, person.language, wanted, market if rng.random() < 0.3 else "")


def _write_trade(rng: random.Random, person: PersonPlan, trade: Trade) -> None:
    person.trade = trade.id
    person.profession = _capital(trade.written(person.language, rng.randrange(1000)))
    if rng.random() < 0.3:
        person.job_title = rng.choice(
            words.JOB_TITLES_IT if person.language == "it" else words.JOB_TITLES_EN
        )


def _capital(text: str) -> str:
    """As people write a trade: "SEO", "CPA", "Commercialista"."""
    return text.upper() if len(text) <= 3 else text[:1].upper() + text[1:]


def _market(rng: random.Random, trade: Trade, language: Language) -> str:
    markets = market_words()
    ids = list(trade.serves) or rng.sample(sorted(markets), 1)
    chosen = rng.sample(ids, min(len(ids), rng.randint(1, 2)))
    texts = [rng.choice(markets[m][language]) for m in chosen]
    joiner = " e " if language == "it" else " and "
    return joiner.join(texts)


def _offers(rng: random.Random, person: PersonPlan, trade: Trade, market: str) -> str:
    what = _capital(trade.written(person.language, rng.randrange(1000)))
    if person.language == "it":
        frames = (
            "{what} per {market}",
            "{what}: seguo {market} da {years} anni",
            "{what}, {extra}",
        )
        extra = rng.choice(words.EXTRA_IT)
    else:
        frames = ("{what} for {market}", "{what}, {years} years with {market}", "{what}, {extra}")
        extra = rng.choice(words.EXTRA_EN)
    return rng.choice(frames).format(
        what=what, market=market, years=rng.randint(3, 25), extra=extra
    )


def _wanted(rng: random.Random, trade: Trade, count: int) -> list[Trade]:
    spheres = related_spheres(trade.sphere)
    pool = [t for s in spheres for t in trades_by_sphere()[s] if t.id != trade.id]
    return rng.sample(pool, min(count, len(pool)))


def _wish(rng: random.Random, language: Language, wanted: list[Trade], market: str) -> str:
    names = [t.written(language, rng.randrange(1000)) for t in wanted]
    if language == "it":
        listed = _listing(names, " e ")
        frames = ["Cerco {l}", "Presentazioni a {l}", "Mi piacerebbe conoscere {l}"]
        tail = f" che lavorano con {market}" if market else ""
    else:
        listed = _listing(names, " and ")
        frames = ["Introductions to {l}", "Looking for {l}", "I'd like to meet {l}"]
        tail = f" who work with {market}" if market else ""
    return rng.choice(frames).format(l=listed) + tail


def _listing(names: list[str], last: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + last + names[-1]


# --- Power teams: the complementary pairs planted for measuring matches ------------------------


def _teams(rng: random.Random, people: list[PersonPlan]) -> list[Team]:
    pool = [p for p in people if p.archetype in TEAM_ARCHETYPES]
    rng.shuffle(pool)
    size = int(len(pool) * TEAM_SHARE)
    # A power team is where referrals flow both ways: its members are the user's
    # profitable relationships first, then growing ones.
    pool = sorted(pool, key=lambda p: p.archetype != "profitable")[:size]
    rng.shuffle(pool)
    niches = list(itertools.product(range(len(words.NICHE_CLIENTS)), words.NICHE_PLACES))
    rng.shuffle(niches)
    teams: list[Team] = []
    start = 0
    while True:
        size = rng.choice(TEAM_SIZES)
        members = pool[start : start + size]
        if len(members) < size:
            break
        start += size
        niche = niches[len(teams) % len(niches)]
        team_trades = _team_trades(rng, size)
        for person, trade in zip(members, team_trades, strict=True):
            person.team = len(teams)
            _team_member(rng, person, trade, team_trades, niche)
        teams.append(Team(tuple(p.index for p in members), f"{niche[1]}"))
    return teams


def _team_trades(rng: random.Random, size: int) -> list[Trade]:
    """Distinct, non-competing trades from one sphere and those it feeds or is fed by."""
    by_sphere = trades_by_sphere()
    while True:
        anchor = rng.choice(sorted(by_sphere))
        pool = [t for s in related_spheres(anchor) for t in by_sphere[s]]
        rng.shuffle(pool)
        chosen: list[Trade] = []
        for trade in pool:
            if not any(_compete(trade, t) for t in chosen):
                chosen.append(trade)
            if len(chosen) == size:
                return chosen


def _compete(a: Trade, b: Trade) -> bool:
    """The same trade, or one the other's specialism (the matcher ranks them down)."""
    return bool(({a.id, a.broader} - {None}) & ({b.id, b.broader} - {None}))


def _team_member(
    rng: random.Random,
    person: PersonPlan,
    trade: Trade,
    team_trades: list[Trade],
    niche: tuple[int, str],
) -> None:
    _write_trade(rng, person, trade)
    client = words.NICHE_CLIENTS[niche[0]][0 if person.language == "it" else 1]
    served = f"{client} in {niche[1]}"
    person.target_market = served
    person.offers = _offers(rng, person, trade, served)
    others = [t for t in team_trades if t.id != trade.id]
    person.looks_for = _wish(rng, person.language, others, served)


# --- The rest of the book -----------------------------------------------------------------


def _extras(rng: random.Random, people: list[PersonPlan]) -> None:
    for person in people:
        if rng.random() < 0.25:
            person.tags = rng.sample(words.TAGS, rng.randint(1, 2))
        person.purposes = (
            rng.random() < 0.9,
            rng.random() < 0.25,
            rng.random() < 0.15,
            rng.random() < 0.1,
        )
        if rng.random() < 0.03:
            person.cadence = rng.choice([14, 21, 90])
        loose = person.team is None and person.archetype in ("imported", "acquaintance")
        if loose and rng.random() < 0.004:
            person.trashed = True
        elif person.archetype == "acquaintance" and rng.random() < 0.01:
            person.pinned = "credibility"


def _events(rng: random.Random, people: int) -> list[EventPlan]:
    """Events over six years, denser lately, always a few in the last month; most recent
    first (histories find them by bisecting their days ago)."""
    count = max(8, people // 60)
    found = []
    for i in range(count):
        recent = i < 4
        ago = rng.randint(1, 30) if recent else int(rng.triangular(1, 2200, 1))
        language = "it" if rng.random() < 0.7 else "en"
        frames = words.EVENT_FRAMES_IT if language == "it" else words.EVENT_FRAMES_EN
        city = rng.choice(words.CITIES_IT if language == "it" else words.CITIES_EN)
        name = rng.choice(frames).format(
            city=city, chapter=rng.choice(words.CHAPTERS), trade=rng.choice(words.FAIR_TRADES)
        )
        found.append(EventPlan(name, ago, city))
    return sorted(found, key=lambda e: e.ago)


def _introductions(rng: random.Random, people: list[PersonPlan]) -> list[IntroductionPlan]:
    """Introductions the user made between people they know well, never inside a team
    (those pairs are kept for the matcher to find)."""
    known = [p for p in people if p.archetype in ("growing", "profitable") and not p.trashed]
    made: list[IntroductionPlan] = []
    pairs: set[frozenset[int]] = set()
    for _ in range(int(len(people) * INTRODUCTION_SHARE) if len(known) > 1 else 0):
        a, b = rng.sample(known, 2)
        if (a.team is not None and a.team == b.team) or frozenset((a.index, b.index)) in pairs:
            continue
        pairs.add(frozenset((a.index, b.index)))
        ago = rng.randint(3, 330)
        outcome = rng.choice(["pending", "met", "met", "business", "no_response"])
        if ago < 21:
            outcome = "pending"
        made.append(IntroductionPlan(a.index, b.index, ago, outcome))
        a.introductions.append(ago)
        b.introductions.append(ago)
    return made


LINK_KINDS = ("colleague", "partner", "client", "supplier", "family", "friend")


def _links(
    rng: random.Random, people: list[PersonPlan], teams: list[Team]
) -> list[tuple[int, int, str]]:
    """Who knows whom among the people of the book (never two members of one team)."""
    found: dict[frozenset[int], tuple[int, int, str]] = {}
    n = len(people)
    for _ in range(int(n * LINK_SHARE) if n > 1 else 0):
        a = rng.randrange(n)
        # Most people know others nearby in the book's order of arrival: the same event,
        # the same season; some know anyone.
        b = (a + rng.randint(1, 40)) % n if rng.random() < 0.7 else rng.randrange(n)
        pa, pb = people[a], people[b]
        if a == b or (pa.team is not None and pa.team == pb.team):
            continue
        kind = rng.choices(LINK_KINDS, weights=[2, 2, 3, 3, 1, 3])[0]
        found.setdefault(frozenset((a, b)), (a, b, kind))
    return list(found.values())


def _plans(rng: random.Random, people: list[PersonPlan]) -> list[tuple[int, int, str]]:
    """Meetings planned with people the user is tending: some today, a few overdue."""
    tended = [p for p in people if p.archetype in ("new", "acquaintance", "growing", "profitable")]
    tended = [p for p in tended if not p.trashed]
    count = min(len(tended), int(len(people) * PLAN_SHARE))
    chosen = rng.sample(tended, count)
    kinds = ["coffee", "coffee", "meal", "conversation", "one_to_one"]
    return [(p.index, rng.randint(-3, 21), rng.choice(kinds)) for p in chosen]
