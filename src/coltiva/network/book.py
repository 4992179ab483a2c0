"""A book as the matcher sees it, built once per version of the book and cached.

Building the index of a 20,000-person book takes seconds, a suggestion milliseconds, so
pages never build it per request: the built ``Book`` is kept in this process and in
Django's cache under the user, tagged with the book's version (one aggregate query).
When the version moved, a small book is rebuilt on the spot; a large one keeps serving
the previous index for up to ten minutes while the introductions task rebuilds it in
the background (with a per-process cache, the default, the page rebuilds it after that).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Count, F, Max, OuterRef, QuerySet, Subquery, Sum

from coltiva.accounts.models import User
from coltiva.domain.candidates import Candidate, company_key
from coltiva.domain.matching import MatchIndex, Suggestion
from coltiva.domain.professions import taxonomy
from coltiva.network import conf, hooks
from coltiva.network.models import Link
from coltiva.people.models import Person, Relationship
from coltiva.referrals.models import Introduction

# Bump when Book or MatchIndex change shape, so no process unpickles an old one.
FORMAT = 2
CACHE_SECONDS = 7 * 24 * 3600
# People sharing a company know each other, in a firm. Hundreds "at" one company in a
# personal book are a chamber or a freelance label, not colleagues: no links inferred.
MAX_FIRM = 30
STALE_SECONDS = 600
MAX_PER_PERSON = 2
TOP_POOL = 5
_LOCAL_BOOKS = 4


@dataclass
class Book:
    version: str
    index: MatchIndex
    people: dict[int, Candidate]
    links: dict[int, set[int]]
    firms: dict[str, list[int]] = field(default_factory=dict)
    built_at: float = field(default_factory=time.time)
    # The book-wide list, computed on first use: it walks every pair (seconds on a big book).
    top: list[Suggestion] | None = None

    def __len__(self) -> int:
        return len(self.people)

    def colleagues(self, person_id: int) -> list[int]:
        """People at the same (small) company: links inferred, never entered."""
        person = self.people.get(person_id)
        if person is None:
            return []
        return [p for p in self.firms.get(company_key(person.company), []) if p != person_id]

    def graph(self) -> dict[int, set[int]]:
        """Who knows whom: the links entered and those inferred from a shared company."""
        graph = {pid: set(others) for pid, others in self.links.items()}
        for members in self.firms.values():
            for pid in members:
                graph.setdefault(pid, set()).update(m for m in members if m != pid)
        return graph


def _scalar(rows: QuerySet[Any], aggregate: Any) -> Subquery:
    per_owner = rows.filter(owner=OuterRef("pk")).order_by().values("owner")
    return Subquery(per_owner.annotate(value=aggregate).values("value")[:1])


def book_version(user: User) -> str:
    """Everything matching reads, summed up in one query.

    People added, edited, trashed or purged move the count or the latest ``updated_at``;
    a change of stage moves the sum of rank x id (two changes cancelling out would need
    ids adding up exactly, and the daily refresh rebuilds anyway); links and
    introductions move their counts and latest row.
    """
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            v_people=_scalar(Person.objects.all(), Count("pk")),
            v_edited=_scalar(Person.objects.all(), Max("updated_at")),
            v_ranks=_scalar(Relationship.objects.all(), Sum(F("stage_rank") * F("person_id"))),
            v_links=_scalar(Link.objects.all(), Count("pk")),
            v_linked=_scalar(Link.objects.all(), Max("updated_at")),
            v_intros=_scalar(Introduction.objects.all(), Count("pk")),
            v_introduced=_scalar(Introduction.objects.all(), Max("pk")),
        )
        .values_list(
            "v_people", "v_edited", "v_ranks", "v_links", "v_linked", "v_intros", "v_introduced"
        )
        .get()
    )
    parts = [FORMAT, taxonomy().version, *row]
    return "|".join(str(p) for p in parts)


def candidates(user: User) -> Iterator[Candidate]:
    fields = ["pk", "display_name", "profession_code", "offers", "looks_for", "target_market"]
    fields += ["company", "relationship__stage_rank", "networks"]
    rows = Person.objects.alive().filter(owner=user).order_by().values_list(*fields)
    for row in rows.iterator(chunk_size=5000):
        pk, name, code, offers, looks, market, company, rank, nets = row
        yield Candidate(
            pk, name, code or None, None, offers, looks, market, rank or 0, company, nets
        )


def links(user: User) -> dict[int, set[int]]:
    graph: dict[int, set[int]] = {}
    for a, b in Link.objects.filter(owner=user).values_list("person_a_id", "person_b_id"):
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set()).add(a)
    return graph


def introduced_pairs(user: User) -> Iterable[frozenset[int]]:
    rows = Introduction.objects.filter(owner=user).values_list("person_a_id", "person_b_id")
    return [frozenset(pair) for pair in rows.iterator(chunk_size=5000)]


def build(user: User, version: str) -> Book:
    people = {c.id: c for c in candidates(user)}
    graph = links(user)
    known = [frozenset({a, b}) for a, others in graph.items() for b in others if a < b]
    known += introduced_pairs(user)
    index = MatchIndex.build(people.values(), known)
    return Book(version, index, people, graph, _firms(people.values()))


def _firms(people: Iterable[Candidate]) -> dict[str, list[int]]:
    firms: dict[str, list[int]] = {}
    for c in people:
        key = company_key(c.company)
        if key:
            firms.setdefault(key, []).append(c.id)
    return {k: sorted(v) for k, v in firms.items() if 2 <= len(v) <= MAX_FIRM}


# --- The cache --------------------------------------------------------------------------

_local: OrderedDict[int, Book] = OrderedDict()
# Threaded servers share ``_local``; reads of a dict are safe, reordering it is not.
_local_lock = threading.Lock()


def _key(user_id: int) -> str:
    return f"coltiva:network:book:{FORMAT}:{user_id}"


def _remember(user_id: int, book: Book, *, shared: bool = True) -> None:
    with _local_lock:
        _local[user_id] = book
        _local.move_to_end(user_id)
        while len(_local) > _LOCAL_BOOKS:
            _local.popitem(last=False)
    if shared:
        cache.set(_key(user_id), book, CACHE_SECONDS)


def _last_built(user_id: int, version: str) -> Book | None:
    book = _local.get(user_id)
    if book is not None and book.version == version:
        return book
    shared = cache.get(_key(user_id))
    if isinstance(shared, Book) and (book is None or shared.version == version):
        _remember(user_id, shared, shared=False)
        return shared
    return book


def book_for(user: User, *, fresh: bool = False) -> Book:
    """The user's book as the matcher sees it, as fresh as the rules above allow.

    ``fresh`` forces a rebuild when the book changed, whatever its size (tasks, CLI).
    """
    version = book_version(user)
    book = _last_built(user.pk, version)
    if book is not None and book.version == version:
        return book
    if book is not None and not fresh and _may_serve_stale(book):
        hooks.refresh_wanted.send(sender=Book, user=user)
        return book
    book = build(user, version)
    _remember(user.pk, book)
    return book


def _may_serve_stale(book: Book) -> bool:
    return len(book) > conf.inline_max() and time.time() - book.built_at < STALE_SECONDS


def top_pairs(user: User, book: Book) -> list[Suggestion]:
    """The best introductions across the book, no one in more than two of them, so the
    list is not one well-connected person's."""
    if book.top is None:
        ranked = book.index.suggest_all(
            min_vouch_rank=conf.vouch_min_rank(), limit=TOP_POOL * conf.BOOK_SUGGESTIONS
        )
        book.top = _spread(ranked, conf.BOOK_SUGGESTIONS)
        _remember(user.pk, book)
    return book.top


def _spread(ranked: Iterable[Suggestion], limit: int) -> list[Suggestion]:
    seen: dict[int, int] = {}
    kept = []
    for s in ranked:
        if seen.get(s.a, 0) < MAX_PER_PERSON and seen.get(s.b, 0) < MAX_PER_PERSON:
            kept.append(s)
            seen[s.a] = seen.get(s.a, 0) + 1
            seen[s.b] = seen.get(s.b, 0) + 1
        if len(kept) == limit:
            break
    return kept


def note_known_pair(user: User, a: int, b: int, *, linked: bool = False) -> None:
    """Keep a pair just introduced or linked out of suggestions at once, even while a
    large book's index waits for its rebuild."""
    book = _local.get(user.pk) or cache.get(_key(user.pk))
    if isinstance(book, Book):
        book.index.add_known_pair(a, b)
        if book.top is not None:
            book.top = [s for s in book.top if {s.a, s.b} != {a, b}]
        if linked:
            book.links.setdefault(a, set()).add(b)
            book.links.setdefault(b, set()).add(a)
        _remember(user.pk, book)


def forget(user_id: int | None = None) -> None:
    """Drop cached books (all of them without a user): tests and after bulk changes."""
    with _local_lock:
        if user_id is None:
            _local.clear()
            return
        _local.pop(user_id, None)
    cache.delete(_key(user_id))
