"""Read-side use cases: who should meet whom, and who can introduce the user to someone.

Each returns plain values: names, a score and the reason as a code with its parameters
(``coltiva.domain.match_texts.Reasoned``), which ``coltiva.network.presenters`` words at
the edge in the reader's language. They read the cached book (``coltiva.network.book``),
so a page costs the same few queries whatever the size of the book.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import get_language

from coltiva.accounts.models import User
from coltiva.domain.introducers import who_can_introduce
from coltiva.domain.matching import Suggestion
from coltiva.network import conf
from coltiva.network.book import Book, book_for, top_pairs

STAGE_NAMES = ("none", "visibility", "credibility", "profitability")


@dataclass(frozen=True)
class Pair:
    """Two people of the book worth introducing; ``a`` is the one whose need drives it."""

    a_id: int
    a_name: str
    b_id: int
    b_name: str
    score: float
    reason_code: str
    reason_params: dict[str, str] = field(hash=False)


@dataclass(frozen=True)
class Way:
    """Someone in the book who can make an introduction for the user."""

    person_id: int
    name: str
    stage: str
    score: float
    reason_code: str
    reason_params: dict[str, str] = field(hash=False)


def language() -> str:
    return (get_language() or "en")[:2]


def _pair(book: Book, s: Suggestion) -> Pair:
    a, b = book.people[s.a], book.people[s.b]
    return Pair(a.id, a.name, b.id, b.name, s.score, s.reason_code, s.reason_params)


def for_person(
    user: User, person_id: int, *, limit: int = conf.PERSON_SUGGESTIONS, book: Book | None = None
) -> list[Pair]:
    """Who should this person meet? The person always comes first in each pair."""
    book = book or book_for(user)
    found = book.index.suggest_for(person_id, min_vouch_rank=conf.vouch_min_rank(), limit=limit)
    return [_pair(book, s) for s in found]


def for_book(user: User, *, limit: int = conf.BOOK_SUGGESTIONS) -> list[Pair]:
    """Introductions worth making this month, across the whole book."""
    book = book_for(user)
    return [_pair(book, s) for s in top_pairs(user, book)[:limit]]


def introducers(user: User, target: str, *, limit: int = 10) -> list[Way]:
    """Who can introduce the user to a profession, a company or a person outside the book."""
    target = target.strip()
    if not target:
        return []
    book = book_for(user)
    found = who_can_introduce(target, book.people.values(), book.graph(), limit=limit)
    return [
        Way(
            i.id,
            book.people[i.id].name,
            STAGE_NAMES[min(max(book.people[i.id].stage_rank, 0), 3)],
            i.score,
            i.reason_code,
            i.reason_params,
        )
        for i in found
    ]


def reason_for(user: User, a: int, b: int) -> Suggestion | None:
    """Why two people picked by hand fit, when the matcher sees a reason (else None)."""
    book = book_for(user)
    for s in book.index.suggest_for(a, min_vouch_rank=0, limit=50):
        if b in (s.a, s.b):
            return s
    return None
