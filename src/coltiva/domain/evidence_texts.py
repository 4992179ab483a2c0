"""Evidence in words: "2 coffees in the last 12 months; 1 referral given"."""

from __future__ import annotations

from collections.abc import Iterable

from coltiva.domain import evidence as codes
from coltiva.domain.assessment import Evidence
from coltiva.domain.evidence import BUSINESS_FOR_ME, BUSINESS_FOR_THEM, KIND_CODES
from coltiva.domain.phrases import (
    DateFormat,
    Gettext,
    MoneyFormat,
    Ngettext,
    Values,
    capitalised,
    english,
    english_plural,
    in_months,
    iso,
    window_phrase,
)
from coltiva.domain.touches import Kind


def evidence_text(
    evidence: Evidence,
    gettext: Gettext = english,
    ngettext: Ngettext = english_plural,
    *,
    format_date: DateFormat = iso,
    format_money: MoneyFormat = str,
) -> str:
    """One fact, e.g. "2 coffees in the last 12 months"."""
    return capitalised(
        _fragment(evidence, gettext, ngettext, (format_date, format_money), windowed=True)
    )


def evidence_summary(
    evidence: Iterable[Evidence],
    gettext: Gettext = english,
    ngettext: Ngettext = english_plural,
    *,
    format_date: DateFormat = iso,
    format_money: MoneyFormat = str,
) -> str:
    """All facts in one line: "2 coffees in the last 12 months; 1 referral given".

    A window is named once for a run of facts that share it.
    """
    parts: list[str] = []
    previous_window: object = None
    for item in evidence:
        window = item.params.get("days") if item.code in KIND_CODES else None
        fresh_window = window is None or window != previous_window
        formats = (format_date, format_money)
        parts.append(_fragment(item, gettext, ngettext, formats, windowed=fresh_window))
        previous_window = window
    if not parts:
        return gettext("Nothing recorded recently.")
    return capitalised(gettext("; ").join(parts))


def _fragment(
    item: Evidence,
    gettext: Gettext,
    ngettext: Ngettext,
    formats: tuple[DateFormat, MoneyFormat],
    *,
    windowed: bool,
) -> str:
    format_date, format_money = formats
    values = Values(item.params, "", format_date)
    values["count"] = item.count
    text = _kind_fragment(item.code, item.count, ngettext)
    if text is None:
        return _other_fragment(item, values, gettext, ngettext) % values
    what = text % values
    days = item.params.get("days")
    if windowed and isinstance(days, int):
        window = window_phrase(days, gettext, ngettext)
        what = gettext("%(what)s %(window)s") % {"what": what, "window": window}
    if "value" in item.params and item.code in _BUSINESS_CODES:
        what = gettext("%(what)s, worth %(value)s") % {
            "what": what,
            "value": format_money(item.params["value"]),
        }
    return what


_BUSINESS_CODES = frozenset({BUSINESS_FOR_ME, BUSINESS_FOR_THEM})


def _other_fragment(item: Evidence, values: Values, gettext: Gettext, ngettext: Ngettext) -> str:
    days = values.count("days")
    from_days = values.count("from_days")
    match item.code:
        case codes.NO_RECENT_CONTACT:
            values["window"] = window_phrase(days, gettext, ngettext)
            return gettext("no contact %(window)s; the last was on %(last)s")
        case codes.MEETING_DAYS:
            return ngettext(
                "meetings on only %(count)d day",
                "meetings on only %(count)d different days",
                item.count,
            )
        case codes.CONTACT_OLDER:
            return _older(item.count, days, from_days, ngettext, values)
    values["code"] = item.code
    return gettext("%(code)s: %(count)d")


def _older(count: int, days: int, from_days: int, ngettext: Ngettext, values: Values) -> str:
    months, from_months = in_months(days), in_months(from_days)
    if months is None or from_months is None:
        return ngettext(
            "%(count)d earlier contact, %(from_days)d to %(days)d days ago",
            "%(count)d earlier contacts, %(from_days)d to %(days)d days ago",
            count,
        )
    values.update(months=months, from_months=from_months)
    return ngettext(
        "%(count)d earlier contact, %(from_months)d to %(months)d months ago",
        "%(count)d earlier contacts, %(from_months)d to %(months)d months ago",
        count,
    )


def _kind_fragment(code: str, count: int, ngettext: Ngettext) -> str | None:
    match code:
        case Kind.MET:
            return ngettext("%(count)d first meeting", "%(count)d first meetings", count)
        case Kind.CONVERSATION:
            return ngettext("%(count)d conversation", "%(count)d conversations", count)
        case Kind.EVENT_TOGETHER:
            return ngettext("%(count)d event together", "%(count)d events together", count)
        case Kind.COFFEE:
            return ngettext("%(count)d coffee", "%(count)d coffees", count)
        case Kind.MEAL:
            return ngettext("%(count)d meal", "%(count)d meals", count)
        case Kind.ONE_TO_ONE:
            return ngettext("%(count)d one-to-one", "%(count)d one-to-ones", count)
        case Kind.MESSAGE_SENT:
            return ngettext(
                "%(count)d message sent without an answer",
                "%(count)d messages sent without an answer",
                count,
            )
    return _giving_fragment(code, count, ngettext)


def _giving_fragment(code: str, count: int, ngettext: Ngettext) -> str | None:
    match code:
        case Kind.HELPED:
            return ngettext("helped them once", "helped them %(count)d times", count)
        case Kind.INTRODUCED:
            return ngettext("%(count)d introduction made", "%(count)d introductions made", count)
        case Kind.INVITED_TO_GROUP:
            return ngettext(
                "%(count)d invitation to your group", "%(count)d invitations to your group", count
            )
        case Kind.REFERRAL_GIVEN:
            return ngettext("%(count)d referral given", "%(count)d referrals given", count)
        case Kind.TESTIMONIAL_GIVEN:
            return ngettext("%(count)d testimonial given", "%(count)d testimonials given", count)
        case Kind.PROMISE_KEPT:
            return ngettext("%(count)d promise kept", "%(count)d promises kept", count)
        case Kind.THANKED:
            return ngettext("thanked them once", "thanked them %(count)d times", count)
    return _receiving_fragment(code, count, ngettext)


def _receiving_fragment(code: str, count: int, ngettext: Ngettext) -> str | None:
    match code:
        case Kind.HELP_RECEIVED:
            return ngettext("received help once", "received help %(count)d times", count)
        case Kind.INTRODUCTION_RECEIVED:
            return ngettext(
                "%(count)d introduction received", "%(count)d introductions received", count
            )
        case Kind.REFERRAL_RECEIVED:
            return ngettext("%(count)d referral received", "%(count)d referrals received", count)
        case Kind.TESTIMONIAL_RECEIVED:
            return ngettext(
                "%(count)d testimonial received", "%(count)d testimonials received", count
            )
    return _business_fragment(code, count, ngettext)


def _business_fragment(code: str, count: int, ngettext: Ngettext) -> str | None:
    if code == BUSINESS_FOR_ME:
        return ngettext("%(count)d deal closed for you", "%(count)d deals closed for you", count)
    if code == BUSINESS_FOR_THEM:
        return ngettext("%(count)d deal closed for them", "%(count)d deals closed for them", count)
    return _other_kind_fragment(code, count, ngettext)


def _other_kind_fragment(code: str, count: int, ngettext: Ngettext) -> str | None:
    match code:
        case Kind.PROMISE_MADE:
            return ngettext("%(count)d promise made", "%(count)d promises made", count)
        case Kind.PROMISE_BROKEN:
            return ngettext("%(count)d promise broken", "%(count)d promises broken", count)
        case Kind.NO_SHOW:
            return ngettext("%(count)d missed meeting", "%(count)d missed meetings", count)
        case Kind.ASK:
            return ngettext("%(count)d ask for business", "%(count)d asks for business", count)
    return None
