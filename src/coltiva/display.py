"""How dates, times, amounts and stored codes read in the user's language, through Babel.

Pages, Jinja2 fragments, e-mails and commands all show them through these functions (the
template filters are ``FILTERS``), so "1 dicembre 2026", "27.400,00 €" and "17 maggio"
are written in one place and never as ``2026-12-01`` or ``27400.00``. The language is
Django's active one; the currency is the user's own (``User.currency``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import format_date, format_skeleton, format_time, get_datetime_format
from babel.numbers import format_currency, format_decimal, get_currency_name
from django.utils import timezone, translation
from django.utils.translation import gettext

# English is written the European way (1 Dec 2026, 09:30), as in coltiva/formats/en.
BABEL_LOCALES = {"en": "en_GB", "it": "it_IT"}

DEFAULT_CURRENCY = "EUR"
# ISO 4217 codes offered in the profile: the euro first, then the currencies of the
# countries our users most often work with.
CURRENCIES = (
    "EUR",
    "USD",
    "GBP",
    "CHF",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "CZK",
    "HUF",
    "RON",
    "BGN",
    "TRY",
    "CAD",
    "AUD",
    "NZD",
    "JPY",
    "CNY",
    "HKD",
    "SGD",
    "INR",
    "AED",
    "ILS",
    "BRL",
    "MXN",
    "ZAR",
)

# A birthday as vCard and our forms write it: 1985-03-14, or --05-17 without the year.
_BIRTHDAY = re.compile(r"^(?:(\d{4})|--)-?(\d{2})-?(\d{2})$")
_LEAP_YEAR = 2000  # any leap year, so that a yearless 29 February reads too


def locale(language: str | None = None) -> str:
    code = (language or translation.get_language() or "en").lower()
    return BABEL_LOCALES.get(code, BABEL_LOCALES.get(code.split("-")[0], "en_GB"))


def day(value: date | None, width: str = "long") -> str:
    """A calendar day: "1 December 2026" / "1 dicembre 2026"; ``short``: "1 dic 2026"."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return format_date(value, "medium" if width == "short" else "long", locale=locale())


def short_day(value: date | None) -> str:
    return day(value, "short")


def month(value: date) -> str:
    """A month of a year: "December 2026" / "dicembre 2026"."""
    return format_skeleton("yMMMM", value, locale=locale())


def moment(value: datetime | None, width: str = "long", zone: tzinfo | None = None) -> str:
    """A moment in ``zone`` (else the active time zone, the user's on a page):
    "1 dicembre 2026, 09:30"."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value, zone) if timezone.is_aware(value) else value
    where = locale()
    found = get_datetime_format("medium", locale=where)  # "{1}, {0}": the day, the time
    pattern = found if isinstance(found, str) else found.pattern
    return pattern.replace("{1}", day(local.date(), width)).replace(
        "{0}", format_time(local.time(), "short", locale=where)
    )


def money(amount: Any, currency: str | None = None) -> str:
    """An amount in the user's currency: "€27,400.00" / "27.400,00 €"."""
    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return str(amount)
    return format_currency(value, currency or DEFAULT_CURRENCY, locale=locale())


def number(value: Any) -> str:
    """A count or a quantity such as hours invested: "1,234" / "1.234", "2.5" / "2,5"."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return "" if value is None else str(value)
    return format_decimal(value, locale=locale())


def birthday(raw: str | None) -> str:
    """A stored birthday: "14 marzo 1985", or "17 maggio" when the year is unknown."""
    text = (raw or "").strip()
    match = _BIRTHDAY.match(text)
    if match is None:
        return text  # typed by hand in some other way: shown as written
    year, month, dom = match.groups()
    try:
        when = date(int(year or _LEAP_YEAR), int(month), int(dom))
    except ValueError:
        return text
    if year:
        return day(when)
    return format_skeleton("MMMMd", when, locale=locale())


def _how_met_codes() -> dict[str, str]:
    return {"event": gettext("At an event")}


def how_met(raw: str | None) -> str:
    """ "How you met" in words: the codes the app writes itself translated, free text kept."""
    text = (raw or "").strip()
    return _how_met_codes().get(text, text)


def currency_name(code: str) -> str:
    """A profile choice: "EUR · Euro" / "USD · dollaro statunitense"."""
    return f"{code} · {get_currency_name(code, locale=locale())}"


FILTERS: dict[str, Callable[..., str]] = {
    "day": day,
    "short_day": short_day,
    "moment": moment,
    "month": month,
    "money": money,
    "number": number,
    "birthday": birthday,
    "how_met": how_met,
}
