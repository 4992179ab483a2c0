"""Dates as exporters write them: ISO, vCard basic format, US and European numeric forms,
LinkedIn's "09 Oct 2024" and "1/8/18, 6:14 PM", and birthdays without a year."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from coltiva.interchange.records import PartialDate

DateOrder = Literal["mdy", "dmy"]

# Apple writes a birthday without a year as year 1604 (X-APPLE-OMIT-YEAR=1604) and
# Thunderbird CardBook copies it; some tools write year 0000. Neither is a real year.
NO_YEAR_SENTINELS = frozenset({0, 1604})

_MONTHS = {
    # English (LinkedIn, Outlook), then German and Italian abbreviations seen in
    # localised exports; only the first three letters are compared.
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    "mär": 3, "mai": 5, "okt": 10, "dez": 12,
    "gen": 1, "mag": 5, "giu": 6, "lug": 7, "ago": 8, "set": 9, "ott": 10, "dic": 12,
}  # fmt: skip

_ISO = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?")
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ ,T].*)?")
_DAY_MONTH_NAME_YEAR = re.compile(r"(\d{1,2})[ \-.]+([^\W\d_]{3,})\.?[ \-,]+(\d{4})")


def parse_date(
    text: str, order: DateOrder = "dmy", omit_year: int | None = None
) -> PartialDate | None:
    """A date or a yearless birthday, or None when the text is empty, a placeholder
    (Outlook's ``0/0/00``) or not a date at all."""
    value = text.strip()
    if not value:
        return None
    for parse in (_parse_iso, _parse_no_year, _parse_month_name):
        found = parse(value)
        if found is not None:
            return _drop_sentinel_year(found, omit_year)
    numeric = _parse_numeric(value, order)
    return _drop_sentinel_year(numeric, omit_year) if numeric else None


def parse_full_date(text: str, order: DateOrder = "dmy") -> dt.date | None:
    """Like ``parse_date`` but only a date with a year (LinkedIn's "Connected On")."""
    found = parse_date(text, order)
    return found.to_date() if found is not None else None


def _drop_sentinel_year(value: PartialDate, omit_year: int | None) -> PartialDate:
    if value.year is not None and (value.year in NO_YEAR_SENTINELS or value.year == omit_year):
        return PartialDate(year=None, month=value.month, day=value.day)
    return value


def _make(year: int | None, month: int, day: int) -> PartialDate | None:
    try:
        return PartialDate(year=year, month=month, day=day)
    except ValueError:
        return None


def _parse_iso(value: str) -> PartialDate | None:
    match = _ISO.fullmatch(value)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if year in NO_YEAR_SENTINELS:
        return _make(None, month, day)
    return _make(year, month, day)


def _parse_no_year(value: str) -> PartialDate | None:
    match = _NO_YEAR.fullmatch(value)
    if match is None:
        return None
    return _make(None, int(match.group(1)), int(match.group(2)))


def _parse_month_name(value: str) -> PartialDate | None:
    match = _DAY_MONTH_NAME_YEAR.fullmatch(value)
    if match is None:
        return None
    month = _MONTHS.get(match.group(2)[:3].casefold())
    if month is None:
        return None
    return _make(int(match.group(3)), month, int(match.group(1)))


def _parse_numeric(value: str, order: DateOrder) -> PartialDate | None:
    match = _NUMERIC.fullmatch(value)
    if match is None:
        return None
    first, second, year_text = match.groups()
    year = _expand_year(year_text)
    a, b = int(first), int(second)
    if a == 0 or b == 0:
        return None  # Outlook's "0/0/00" means "no date"
    # An impossible month settles the order whatever the file's convention says.
    if (order == "mdy" and a <= 12 < b) or (order == "dmy" and b > 12):
        return _make(year, a, b)
    if a > 12:
        return _make(year, b, a)
    return _make(year, a, b) if order == "mdy" else _make(year, b, a)


def _expand_year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    year = int(text)
    pivot = dt.date.today().year % 100
    return 2000 + year if year <= pivot else 1900 + year
