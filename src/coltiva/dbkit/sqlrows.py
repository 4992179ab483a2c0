"""Reading rows of a designed statement (``agenda.today_rows``, ``web.page_rows``).

The busiest pages read their rows with one ``UNION ALL`` statement instead of a query
per kind of row: compiling each ORM query cost more than running it. These helpers run
such a statement the same way on SQLite and PostgreSQL and turn its values back into
Python ones (SQLite hands dates, datetimes and JSON back as text).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection

CENT = Decimal("0.01")


def typed_null(kind: str) -> str:
    """A NULL of a column type, so every part of a union agrees on PostgreSQL."""
    timestamp = "timestamp with time zone" if connection.vendor == "postgresql" else "text"
    types = {"int": "integer", "text": "text", "date": "date", "ts": timestamp}
    types["num"] = "numeric"
    return f"CAST(NULL AS {types[kind]})"


def literal(constant: str) -> str:
    """A model's constant (a status, a kind) written into the SQL as a literal.

    Only for the code's own constants, never a user's value: SQLite uses a partial index
    (``plan_owner_open_on``: ``status = 'planned'``) only when the statement names its
    condition's value, which a parameter does not."""
    if not constant.isidentifier() or not constant.islower():
        raise ValueError(f"not a constant: {constant!r}")
    return f"'{constant}'"


def select_list(part: str, columns: Sequence[tuple[str, str]], values: dict[str, str]) -> str:
    """The select list of one part of a union: a literal naming the part, then each
    column's expression from ``values`` or a typed NULL."""
    out = [f"'{part}' AS part"]
    for name, kind in columns:
        out.append(f"{values.get(name, typed_null(kind))} AS {name}")
    return ", ".join(out)


def run(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Run a statement written with ``%(name)s`` parameters; tuples become IN lists."""
    text, values = expand(sql, params)
    with connection.cursor() as cursor:
        cursor.execute(text, values)
        return cursor.fetchall()


def expand(sql: str, params: dict[str, Any]) -> tuple[str, list[Any]]:
    """Named parameters to positional ones, tuples to ``(%s, %s, ...)`` lists: the
    same text then runs on both databases through Django's cursor."""
    values: list[Any] = []
    out: list[str] = []
    rest = sql
    while (start := rest.find("%(")) != -1:
        end = rest.index(")s", start)
        value = params[rest[start + 2 : end]]
        out.append(rest[:start])
        if isinstance(value, tuple):
            out.append("(" + ", ".join(["%s"] * len(value)) + ")")
            values.extend(value)
        else:
            out.append("%s")
            values.append(value)
        rest = rest[end + 2 :]
    out.append(rest)
    return "".join(out), values


def as_json(raw: Any) -> dict[str, Any]:
    if isinstance(raw, str):
        loaded = json.loads(raw) if raw else {}
        return loaded if isinstance(loaded, dict) else {}
    return raw if isinstance(raw, dict) else {}


def as_day(raw: Any) -> date | None:
    """SQLite hands dates back as text; PostgreSQL as dates."""
    if raw is None or isinstance(raw, date):
        return raw
    return date.fromisoformat(str(raw)[:10])


def as_required_day(raw: Any) -> date:
    """``as_day`` for a column its part always fills (a plan's day, a touch's date)."""
    day = as_day(raw)
    assert day is not None
    return day


def as_moment(raw: Any) -> datetime:
    """An aware datetime; SQLite stores UTC as naive text."""
    moment = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def as_money(raw: Any) -> Decimal | None:
    """A DecimalField's value with its two places (SQLite keeps 2500.00 as 2500)."""
    if raw is None:
        return None
    return Decimal(str(raw)).quantize(CENT)
