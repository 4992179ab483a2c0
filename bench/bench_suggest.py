"""Benchmark (not a test): introductions on a 20,000-person book, as the product runs them.

    .venv/bin/python bench/bench_suggest.py            # SQLite in a temporary data dir
    COLTIVA_DATABASE_URL=postgres://... .venv/bin/python bench/bench_suggest.py
    BENCH_BOOK=5000 .venv/bin/python bench/bench_suggest.py

The book is generated from the taxonomy the way people write: professions as free-text
synonyms in English or Italian (the taxonomy ids are hidden: matching maps the text),
wishes naming trades of related contact spheres, half the people at credibility or
better, shared companies, links and past introductions.

Prints, one ``name: value`` a line:
- ``build_s``: the book read from the database and its index built (once per change);
- ``suggest_ms``: one person's suggestions with reasons, index cached (median of 200
  people at credibility or better; ``suggest_p95_ms`` and ``suggest_max_ms`` too);
  target <= 200 ms;
- ``suggest_all_s``: the book-wide list from a cold start, build included; target <= 60 s;
- ``shared_cache_load_s``: a worker process reading the built index from Django's cache;
- ``attach_matches_s``: naming the match in every credibility-stage next step.
"""

from __future__ import annotations

import os
import pickle
import random
import statistics
import sys
import tempfile
import time
from typing import Any

BOOK = int(os.environ.get("BENCH_BOOK", "20000"))
SAMPLES = 200
EMAIL = "bench-suggest@example.com"
CITIES = ["Milano", "Torino", "Roma", "Bologna", "London", "Firenze", "Napoli", "Verona"]
LOOKS = ["Cerco {} e {}", "Looking for {} and {}", "{}, {}", "Introductions to {} or {}"]
MARKETS = ["PMI", "famiglie", "sposi", "startups", "homeowners", "small businesses", ""]


def setup() -> None:
    if "COLTIVA_DATA_DIR" not in os.environ:
        os.environ["COLTIVA_DATA_DIR"] = tempfile.mkdtemp(prefix="coltiva-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coltiva.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _written(rng: random.Random, profession: Any) -> str:
    return str(rng.choice([profession.en, profession.it, *profession.synonyms]))


def _person_fields(rng: random.Random, i: int, professions: list[Any]) -> dict[str, Any]:
    from coltiva.domain.professions import taxonomy

    tax = taxonomy()
    p = rng.choice(professions)
    related = tax.feeds(p.sphere) | {p.sphere}
    wanted = [q for q in professions if q.sphere in related and q.id != p.id] or professions
    wish = rng.choice(LOOKS).format(*(_written(rng, rng.choice(wanted)) for _ in range(2)))
    return {
        "given_name": f"Given{i}",
        "family_name": f"Family{i}",
        "display_name": f"Given{i} Family{i}",
        "sort_name": f"family{i} given{i}",
        "profession": _written(rng, p),
        "offers": f"{_written(rng, p)} a {rng.choice(CITIES)}",
        "looks_for": wish,
        "target_market": rng.choice(MARKETS),
        "company": f"Studio {rng.randrange(BOOK // 3 + 1)}" if rng.random() < 0.8 else "",
    }


def build_book() -> Any:
    from coltiva.accounts.models import User
    from coltiva.domain.professions import taxonomy
    from coltiva.network.models import Link
    from coltiva.people.models import Person, Relationship
    from coltiva.referrals.models import Introduction

    rng = random.Random(7)
    User.objects.filter(email=EMAIL).delete()
    user = User.objects.create_user(EMAIL, "bench-password-1234")
    professions = sorted(taxonomy().professions.values(), key=lambda p: p.id)
    people = Person.objects.bulk_create(
        (Person(owner=user, **_person_fields(rng, i, professions)) for i in range(BOOK)),
        batch_size=2000,
    )
    stages = ["none", "visibility", "credibility", "profitability"]
    rels = []
    for p in people:
        rank = rng.randint(2, 3) if rng.random() < 0.5 else rng.randint(0, 1)
        step = "give_referral" if rank == 2 else "nurture" if rank == 3 else "meet_again"
        rels.append(
            Relationship(person=p, owner=user, stage=stages[rank], stage_rank=rank, next_step=step)
        )
    Relationship.objects.bulk_create(rels, batch_size=2000)
    pairs = {tuple(sorted(rng.sample(range(BOOK), 2))) for _ in range(BOOK)}
    links = [(people[a], people[b]) for a, b in sorted(pairs)]
    Link.objects.bulk_create(
        (Link(owner=user, person_a=a, person_b=b, kind="friend") for a, b in links[::2]),
        batch_size=2000,
    )
    Introduction.objects.bulk_create(
        (
            Introduction(owner=user, person_a=a, person_b=b, on=user.local_today())
            for a, b in links[1::20]
        ),
        batch_size=2000,
    )
    return user


def timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    setup()
    from django.conf import settings

    from coltiva.network import book as books
    from coltiva.network import suggestions
    from coltiva.network.matches import attach_matches

    settings.NETWORK_MATCH_INLINE_MAX = BOOK + 1
    user = build_book()
    print(f"book: {BOOK} people")
    books.forget(user.pk)
    start = time.perf_counter()
    build_s, book = timed(lambda: books.book_for(user, fresh=True))
    books.top_pairs(user, book)
    suggest_all_s = time.perf_counter() - start
    eligible = sorted(pid for pid, c in book.people.items() if c.stage_rank >= 2)
    samples = []
    for pid in random.Random(5).sample(eligible, min(SAMPLES, len(eligible))):
        samples.append(timed(lambda pid=pid: suggestions.for_person(user, pid))[0])
    ms = sorted(s * 1000 for s in samples)
    data = pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL)
    load_s, _copy = timed(lambda: pickle.loads(data))  # noqa: S301 (our own bytes)
    attach_s, attached = timed(lambda: attach_matches(user, inline=True))
    print(f"build_s: {build_s:.2f}")
    print(f"suggest_ms: {statistics.median(ms):.1f}")
    print(f"suggest_p95_ms: {ms[int(len(ms) * 0.95) - 1]:.1f}")
    print(f"suggest_max_ms: {ms[-1]:.1f}")
    print(f"suggest_all_s: {suggest_all_s:.2f}")
    print(f"shared_cache_load_s: {load_s:.2f} ({len(data) / 1e6:.1f} MB)")
    print(f"attach_matches_s: {attach_s:.2f} ({attached} next steps named)")


if __name__ == "__main__":
    sys.exit(main())
