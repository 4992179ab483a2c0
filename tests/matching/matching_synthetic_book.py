"""Synthetic books of any size, written from the taxonomy the way people write.

Used by the property tests and by bench_matching.py (speed measured by hand).
"""

from __future__ import annotations

import random

from coltiva.domain.matching import Candidate
from coltiva.domain.professions import taxonomy

CITIES = ["Milano", "Torino", "Roma", "Bologna", "London", "Firenze", "Napoli", "Verona"]
LOOK_FRAMES = ["Cerco {}", "Looking for {}", "{} e {}", "Introductions to {} and {}", "{} in {}"]
OFFER_FRAMES = ["{} a {}", "{} in {}", "{} per aziende e privati", "{} for small businesses"]
MARKET_WORDS = [
    *("PMI", "famiglie", "sposi", "startups", "homeowners", "aziende manifatturiere"),
    *("proprietari di casa", "small businesses", "liberi professionisti", "sportivi"),
]


def synthetic_book(size: int, seed: int = 7, *, eligible_share: float = 0.5) -> list[Candidate]:
    rng = random.Random(seed)
    tax = taxonomy()
    professions = sorted(tax.professions.values(), key=lambda p: p.id)
    companies = [
        f"{rng.choice(['Studio', 'Gruppo', 'Acme', 'Nord'])} {i}" for i in range(size // 3 + 1)
    ]
    book = []
    for pid in range(1, size + 1):
        p = rng.choice(professions)
        related = sorted(tax.feeds(p.sphere) | {p.sphere})
        wanted = [q for q in professions if q.sphere in related and q.id != p.id] or professions
        looks = rng.choice(LOOK_FRAMES).format(*(_name(rng, rng.choice(wanted)) for _ in range(2)))
        offers = rng.choice(OFFER_FRAMES).format(_name(rng, p), rng.choice(CITIES))
        market = " e ".join(rng.sample(MARKET_WORDS, rng.randint(0, 2)))
        rank = rng.randint(2, 3) if rng.random() < eligible_share else rng.randint(0, 1)
        company = rng.choice(companies) if rng.random() < 0.8 else ""
        book.append(
            Candidate(pid, f"Person {pid}", p.id, p.sphere, offers, looks, market, rank, company)
        )
    return book


def _name(rng: random.Random, profession) -> str:  # type: ignore[no-untyped-def]
    return rng.choice([profession.en, profession.it, *profession.synonyms])


def synthetic_known_pairs(
    book: list[Candidate], count: int, seed: int = 11
) -> list[frozenset[int]]:
    rng = random.Random(seed)
    ids = [c.id for c in book]
    return [frozenset(rng.sample(ids, 2)) for _ in range(count)]
