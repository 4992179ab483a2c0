"""Finding people by what was typed in the search box."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet

from coltiva.accounts.models import User
from coltiva.people.models import ContactPoint

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
