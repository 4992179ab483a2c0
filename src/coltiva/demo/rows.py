"""Inserting hundreds of thousands of plain rows whose ids nobody reads back.

``bulk_create`` builds a model instance per row and compiles one huge statement per
batch: for a medium book's 400,000 touches that alone took most of two minutes. Here
rows are plain tuples of values already in the database's form, inserted with
``executemany`` of one small statement; values are adapted once per distinct date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connections, models, router

EXECUTE_BATCH = 20_000


class Adapter:
    """Python values in the form the connection's driver takes for each field type."""

    def __init__(self, model: type[models.Model]) -> None:
        self.connection = connections[router.db_for_write(model)]
        self._dates: dict[date, Any] = {}

    def day(self, value: date) -> Any:
        found = self._dates.get(value)
        if found is None:
            found = self._dates[value] = self.connection.ops.adapt_datefield_value(value)
        return found

    def moment(self, value: datetime) -> Any:
        return self.connection.ops.adapt_datetimefield_value(value)

    def money(self, value: Decimal | None) -> Any:
        if value is None:
            return None
        return self.connection.ops.adapt_decimalfield_value(value, 14, 2)


def insert(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (values in the order of ``fields``, attribute names) into ``model``."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(quote(str(meta.get_field(name).column)) for name in fields)  # type: ignore[union-attr]
    marks = ", ".join(["%s"] * len(fields))
    # Only names from the model's metadata are formatted in; every value is a parameter.
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), EXECUTE_BATCH):
            cursor.executemany(sql, rows[start : start + EXECUTE_BATCH])
