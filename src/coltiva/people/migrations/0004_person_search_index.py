"""An index for searching inside names, firms and trades (``LIKE '%…%'``).

A people search read every row of the book twice (the count and the page): about 13 ms
each on a 20,000-person book, most of it reading wide rows for one short column.

- SQLite: the name-order index ``person_owner_sort`` becomes
  ``(owner_id, sort_name, deleted_at, search_key)``: a search then tests each key in the
  index and reads only the rows it shows, in name order (the count: 10 ms → 3 ms; the
  page: SQLite walked the name index and read every row until it had 50 matches). The
  index keeps its name, so Django's model state (``owner, sort_name``) still describes
  its leading columns and any query that used it still does.
- PostgreSQL: a btree entry has a size limit that a long ``search_key`` in a non-Latin
  script could pass, so it gets a trigram GIN index (``pg_trgm``) instead, which its
  planner uses for ``LIKE '%…%'`` directly. A role that may not create the extension
  keeps the scan: slower on a big book, same answers.

Both are created here rather than in ``Person.Meta`` because they differ by database.
Django's SQLite schema editor rebuilds a table to alter it and recreates only the
indexes it knows: tests/web/test_pages.py checks the search plan still uses the index.
"""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError, migrations, transaction

CREATE = {
    "sqlite": [
        "DROP INDEX IF EXISTS person_owner_sort",
        "CREATE INDEX person_owner_sort "
        "ON people_person (owner_id, sort_name, deleted_at, search_key)",
    ],
    "postgresql": [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE INDEX IF NOT EXISTS person_search_trgm ON people_person "
        "USING gin (search_key gin_trgm_ops)",
    ],
}
DROP = {
    "sqlite": [
        "DROP INDEX IF EXISTS person_owner_sort",
        "CREATE INDEX person_owner_sort ON people_person (owner_id, sort_name)",
    ],
    "postgresql": ["DROP INDEX IF EXISTS person_search_trgm"],
}


def _run(schema_editor: Any, statements: dict[str, list[str]]) -> None:
    connection = schema_editor.connection
    try:
        with transaction.atomic(using=connection.alias):
            for sql in statements.get(connection.vendor, []):
                schema_editor.execute(sql)
    except DatabaseError:
        pass  # e.g. no right to create pg_trgm: search keeps scanning (see the docstring)


def create(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, CREATE)


def drop(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, DROP)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_touch_owner_timed")]
    operations = [migrations.RunPython(create, drop)]
