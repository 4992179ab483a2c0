"""``coltiva assess``: one relationship's touches in, its assessment out, as plain JSON.

Input::

    {"today": "2025-03-31", "cadence_days": 30, "name": "Anna",
     "touches": [{"kind": "coffee", "on": "2025-03-02", "minutes": 45},
                 {"kind": "business_closed", "on": "2025-03-20",
                  "direction": "for_me", "value": 1200, "event": "Spring fair"}]}

``cadence_days`` and ``name`` are optional; a touch needs ``kind`` and ``on``. Invalid
input raises ``InputError`` with one line naming the problem and where it is.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from coltiva.domain.texts import evidence_text, next_step_text, warning_text
from coltiva.domain.touches import Direction, Kind, Touch
from coltiva.domain.vcp import Assessment, assess

_DOCUMENT_KEYS = ("today", "cadence_days", "name", "touches")
_TOUCH_KEYS = ("kind", "on", "minutes", "direction", "value", "event")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DEFAULT_NAME = "this person"
_KINDS = frozenset(kind.value for kind in Kind)
_DIRECTIONS = frozenset(direction.value for direction in Direction)


class InputError(ValueError):
    """The document cannot be assessed; the message is one line for a person to fix."""


def assess_document(doc: object, *, default_today: date | None = None) -> dict[str, object]:
    """Assess the relationship described by ``doc`` (parsed JSON).

    ``default_today`` stands in when the document has no "today" (the CLI passes the
    user's local date); without either, the document is refused.
    """
    if not isinstance(doc, Mapping):
        raise InputError('the input must be a JSON object with "today" and "touches"')
    _refuse_unknown(doc, _DOCUMENT_KEYS, "the input")
    today = _today(doc, default_today)
    cadence = _optional_cadence(doc.get("cadence_days"))
    name = _name(doc.get("name"))
    if "touches" not in doc:
        raise InputError('missing "touches": a list of touches (it may be empty)')
    touches = _touches(doc["touches"], today)
    return _output(assess(touches, today, cadence_days=cadence), name)


def _output(assessment: Assessment, name: str) -> dict[str, object]:
    step = assessment.next_step
    return {
        "stage": assessment.stage.value,
        "health": assessment.health.value,
        "scores": {
            "visibility": assessment.scores.visibility,
            "credibility": assessment.scores.credibility,
            "profitability": assessment.scores.profitability,
        },
        "warnings": [flag.code.value for flag in assessment.warnings],
        "warning_texts": [warning_text(flag, name) for flag in assessment.warnings],
        "next_step": {"code": step.code.value, "text": next_step_text(step, name)},
        "evidence": [evidence_text(item) for item in assessment.evidence],
    }


def _refuse_unknown(obj: Mapping[object, object], known: tuple[str, ...], where: str) -> None:
    for key in obj:
        if key not in known:
            raise InputError(f'{where}: unknown field "{key}" (fields: {", ".join(known)})')


def _today(doc: Mapping[object, object], default_today: date | None) -> date:
    if "today" not in doc:
        if default_today is None:
            raise InputError('missing "today": the day of the assessment, as YYYY-MM-DD')
        return default_today
    return _day(doc["today"], '"today"')


def _day(value: object, what: str) -> date:
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(f"{what} must be a date as YYYY-MM-DD, not {_shown(value)}")


def _optional_cadence(value: object) -> int | None:
    if value is None:
        return None
    days = _whole(value)
    if days is not None and days >= 1:
        return days
    raise InputError(f'"cadence_days" must be a whole number of days >= 1, not {_shown(value)}')


def _name(value: object) -> str:
    if value is None:
        return _DEFAULT_NAME
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise InputError(f'"name" must be a non-empty text, not {_shown(value)}')


def _touches(value: object, today: date) -> list[Touch]:
    if not isinstance(value, list):
        raise InputError(f'"touches" must be a list, not {_shown(value)}')
    return [_touch(item, f"touches[{index}]", today) for index, item in enumerate(value)]


def _touch(item: object, where: str, today: date) -> Touch:
    if not isinstance(item, Mapping):
        raise InputError(
            f'{where}: must be an object like {{"kind": "coffee", "on": "2025-01-31"}}'
        )
    _refuse_unknown(item, _TOUCH_KEYS, where)
    kind = _kind(item.get("kind"), where)
    on = _touch_day(item.get("on"), where, today)
    direction = _direction(item.get("direction"), kind, where)
    minutes = _minutes(item.get("minutes"), where)
    value = _value(item.get("value"), kind, where)
    event = _event(item.get("event"), where)
    return Touch(kind, on, minutes=minutes, direction=direction, value=value, event=event)


def _kind(value: object, where: str) -> Kind:
    if value is None:
        raise InputError(f'{where}: missing "kind" (for example "coffee")')
    if isinstance(value, str) and value in _KINDS:
        return Kind(value)
    valid = [kind.value for kind in Kind]
    close = difflib.get_close_matches(str(value), valid, n=1)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    raise InputError(
        f"{where}: unknown kind {_shown(value)}; {hint}valid kinds: {', '.join(valid)}"
    )


def _touch_day(value: object, where: str, today: date) -> date:
    if value is None:
        raise InputError(f'{where}: missing "on": the day it happened, as YYYY-MM-DD')
    day = _day(value, f'{where}: "on"')
    if day > today:
        raise InputError(
            f"{where}: dated {day.isoformat()}, after today ({today.isoformat()}); "
            "plans for the future are not touches"
        )
    return day


def _direction(value: object, kind: Kind, where: str) -> Direction | None:
    if kind is not Kind.BUSINESS_CLOSED:
        if value is not None:
            raise InputError(f'{where}: "direction" applies only to business_closed, not {kind}')
        return None
    if value is None:
        raise InputError(f'{where}: business_closed needs "direction": "for_me" or "for_them"')
    if isinstance(value, str) and value in _DIRECTIONS:
        return Direction(value)
    raise InputError(f'{where}: "direction" must be "for_me" or "for_them", not {_shown(value)}')


def _minutes(value: object, where: str) -> int | None:
    if value is None:
        return None
    minutes = _whole(value)
    if minutes is not None and minutes >= 0:
        return minutes
    raise InputError(f'{where}: "minutes" must be a whole number >= 0, not {_shown(value)}')


def _value(value: object, kind: Kind, where: str) -> Decimal | None:
    if value is None:
        return None
    if kind is not Kind.BUSINESS_CLOSED:
        raise InputError(f'{where}: "value" applies only to business_closed, not {kind}')
    amount = _decimal(value)
    if amount is None or not amount.is_finite() or amount < 0:
        raise InputError(f'{where}: "value" must be a number >= 0, not {_shown(value)}')
    return amount


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None


def _event(value: object, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise InputError(f'{where}: "event" must be the name of the event, not {_shown(value)}')


def _whole(value: object) -> int | None:
    # JSON has no integer type of its own: accept 45 and 45.0, refuse true and 4.5.
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    return value if isinstance(value, int) else None


def _shown(value: object) -> str:
    """``value`` as it was written in the JSON, shortened."""
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 40 else text[:37] + "..."
