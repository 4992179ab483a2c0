"""Spreadsheet-safe CSV cells (CWE-1236) that still round-trip through our importer.

Export: a cell starting with a formula trigger gets a leading apostrophe, which
spreadsheets treat as "this is text". Import: a leading apostrophe is removed only when
a trigger follows it, so "+39 02 1234" survives export and re-import unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence

# The union of the OWASP and ASVS lists (docs/formats.md, "Coltiva's CSV export").
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\0")
GUARD = "'"
UTF8_BOM = "\ufeff"

Column = str | tuple[str, str]


def safe_csv_cell(value: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula.

    Apostrophes already in front of a trigger count as part of the guard, so
    ``"'=x"`` becomes ``"''=x"`` and ``strip_csv_guard`` gives back exactly ``"'=x"``.
    """
    return GUARD + value if _needs_guard(value) else value


def strip_csv_guard(value: str) -> str:
    """Undo ``safe_csv_cell``: drop a leading ``'`` only when a trigger follows it
    (after any further apostrophes), so a plain ``'quoted`` text is left alone."""
    if value[:1] == GUARD and _needs_guard(value[1:]):
        return value[1:]
    return value


def _needs_guard(value: str) -> bool:
    first = value.lstrip(GUARD)[:1]
    return first != "" and first in FORMULA_TRIGGERS


def cell_text(value: object) -> str:
    """How our exports write a Python value in a cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(cell_text(item) for item in value)
    return str(value)


def write_people_csv(
    rows: Iterable[Mapping[str, object]], columns: Sequence[Column], *, bom: bool = True
) -> Iterator[str]:
    """CSV text, one header line then one line per row, each ending in CRLF.

    ``columns`` are keys of the row mappings, or ``(key, header)`` pairs. Every cell,
    headers included, goes through ``safe_csv_cell``. The UTF-8 BOM (on by default)
    makes Excel read the file as UTF-8.
    """
    keys = [column if isinstance(column, str) else column[0] for column in columns]
    headers = [column if isinstance(column, str) else column[1] for column in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(cells: Iterable[str]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([safe_csv_cell(cell) for cell in cells])
        return buffer.getvalue()

    yield (UTF8_BOM if bom else "") + line(headers)
    for row in rows:
        yield line(cell_text(row.get(key)) for key in keys)
