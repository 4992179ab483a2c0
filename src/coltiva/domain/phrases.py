"""Shared plumbing for translatable sentences: the gettext signatures and small helpers.

The defaults are English identity functions, so the domain reads well with no framework;
Django passes its own ``gettext`` and ``ngettext``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]
DateFormat = Callable[[date], str]
# An amount as stored (a number, or its text in JSON) in the reader's currency and language.
MoneyFormat = Callable[[object], str]


def english(message: str) -> str:
    return message


def english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def iso(day: date) -> str:
    return day.isoformat()


# Params stored as JSON (``assessment.plain``) come back with these dates as ISO text.
_DATE_KEYS = frozenset({"on", "made_on", "due", "last", "last_contact"})


class Values(dict[str, object]):
    """Placeholder values; dates are formatted on the way in."""

    def __init__(self, params: Mapping[str, object], name: str, format_date: DateFormat) -> None:
        super().__init__(name=name)
        for key, value in params.items():
            day = _as_date(key, value)
            self[key] = value if day is None else format_date(day)

    def count(self, key: str = "count") -> int:
        value = self.get(key, 0)
        return value if isinstance(value, int) else 0


def _as_date(key: str, value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and key in _DATE_KEYS:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def window_phrase(days: int, gettext: Gettext, ngettext: Ngettext) -> str:
    months = in_months(days)
    if months is not None:
        return ngettext("in the last %(months)d month", "in the last %(months)d months", months) % {
            "months": months
        }
    return ngettext("in the last %(days)d day", "in the last %(days)d days", days) % {"days": days}


def in_months(days: int) -> int | None:
    # Windows are set in days; 365 and 730 read better as 12 and 24 months.
    return days // 365 * 12 if days and days % 365 == 0 else None


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def mid_sentence(text: str) -> str:
    """Text placed inside a sentence: "Wedding photographer" reads "wedding photographer",
    but a first word with capitals of its own ("HR", "PMI", "B&B") keeps them."""
    first_word = text.split(" ", 1)[0]
    if any(ch.isupper() for ch in first_word[1:]):
        return text
    return text[:1].lower() + text[1:]
