"""Updating many rows, each with its own values, fast.

``bulk_update`` writes one ``CASE WHEN`` per field listing every row, which Django takes
seconds to compile for a few thousand people; one ``UPDATE ... WHERE pk = %s`` run with
``executemany`` per set of changed fields does the same in a fraction of that.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from typing import Any

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper

# Values of these types go to the driver as they are; converting each of them through
# the field (a million calls for a large import) is most of the cost of an insert.
_PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)
Reader = Callable[[Any], Any]


def _reader(field: models.Field[Any, Any], connection: BaseDatabaseWrapper, add: bool) -> Reader:
    """How to read one field of an object as the value to write."""
    stamped = getattr(field, "auto_now", False) or (add and getattr(field, "auto_now_add", False))
    if stamped:
        return lambda obj: field.get_db_prep_save(field.pre_save(obj, add), connection)
    name = field.attname
    if field.get_internal_type() in _PLAIN_TYPES:
        return lambda obj: getattr(obj, name)
    return lambda obj: field.get_db_prep_save(getattr(obj, name), connection)


def update_rows(model: type[models.Model], rows: Iterable[tuple[Any, Collection[str]]]) -> None:
    """Write the named fields of each object (``(obj, field names)`` pairs)."""
    groups: dict[tuple[str, ...], list[Any]] = defaultdict(list)
    for obj, names in rows:
        if names:
            groups[tuple(sorted(names))].append(obj)
    if not groups:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    meta = model._meta
    assert meta.pk is not None
    for names, objects in groups.items():
        fields = [meta.get_field(name) for name in names]
        concrete = [field for field in fields if isinstance(field, models.Field) and field.column]
        assignments = ", ".join(f"{quote(str(field.column))} = %s" for field in concrete)
        # Only table and column names from the model's metadata are formatted in; every
        # value is a parameter.
        table, pk = quote(meta.db_table), quote(str(meta.pk.column))
        sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
        readers = [_reader(field, connection, add=False) for field in concrete]
        params = [[read(obj) for read in readers] + [obj.pk] for obj in objects]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


def insert_rows(model: type[models.Model], objects: Iterable[Any]) -> None:
    """Insert rows whose new ids nobody needs back (``bulk_create`` compiles one huge
    statement per batch; ``executemany`` reuses one small one)."""
    meta = model._meta
    fields = [field for field in meta.concrete_fields if field is not meta.auto_field]
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    readers = [_reader(field, connection, add=True) for field in fields]
    params = [[read(obj) for read in readers] for obj in objects]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
