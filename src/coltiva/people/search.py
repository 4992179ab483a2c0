"""Finding people by what was typed in the search box."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from coltiva.accounts.models import User
from coltiva.people.models import ContactPoint, Person, fold

# What a search box reads of what was typed (a name is shorter; more only costs time).
TYPED_LIMIT = 100

# Sorts after every character, so [prefix, prefix + TOP) is "starts with prefix".
_TOP = "\U0010ffff"


def contact_matches(owner: User, folded: str) -> QuerySet[ContactPoint, Any]:
    """Ids of the people with an e-mail, phone or link starting with ``folded``.

    On SQLite, ``startswith`` becomes ``LIKE … ESCAPE``, which SQLite cannot answer from
    an index, so it read every contact point of the book (2.8 ms of a 20,000-person
    search); a range on the ``(owner, kind, normalized)`` index reads only the matches.
    PostgreSQL compares text by its collation, where that upper bound is not safe, and
    keeps ``startswith``.
    """
    points = ContactPoint.objects.filter(owner=owner)
    if connection.vendor == "sqlite":
        kinds = [kind for kind, _label in ContactPoint.KIND_CHOICES]
        points = points.filter(kind__in=kinds, normalized__gte=folded, normalized__lt=folded + _TOP)
    else:
        points = points.filter(normalized__startswith=folded)
    return points.values("person_id")


def folded(typed: str) -> str:
    """What was typed, as names are searched: trimmed, bounded, case and accents folded."""
    return fold(typed.strip()[:TYPED_LIMIT])


def name_contains(folded_text: str) -> Q:
    """People whose name contains ``folded_text`` (``folded``): the name index's key."""
    return Q(search_key__contains=folded_text)


def people_named(owner: User, typed: str, *, limit: int, exclude: int = 0) -> list[Person]:
    """The first ``limit`` living people of ``owner``'s book whose name contains what
    was typed, by name; nobody for an empty search. ``exclude``: a person not to offer."""
    text = folded(typed)
    if not text:
        return []
    people = Person.objects.alive().filter(name_contains(text), owner=owner)
    return list(people.exclude(pk=exclude).order_by("sort_name", "id")[:limit])
