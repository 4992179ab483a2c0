"""assess_document: the JSON in and out of ``coltiva assess``."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from coltiva.domain.assess_json import InputError, assess_document


def document(*touches: object, **fields: Any) -> dict[str, Any]:
    return {"today": "2025-06-30", "touches": list(touches), **fields}


CREDIBLE: list[dict[str, object]] = [
    {"kind": "met", "on": "2025-03-01", "event": "Chamber breakfast"},
    {"kind": "coffee", "on": "2025-04-01", "minutes": 45},
    {"kind": "coffee", "on": "2025-05-01"},
    {"kind": "helped", "on": "2025-05-02"},
]


def test_a_valid_document_is_assessed() -> None:
    result = assess_document(document(*CREDIBLE, name="Anna"))
    assert result == {
        "stage": "credibility",
        "health": "needs_tending",
        "scores": {"visibility": 89, "credibility": 77, "profitability": 0},
        "warnings": [],
        "warning_texts": [],
        "next_step": {
            "code": "give_referral",
            "text": "You and Anna trust each other, but you have passed no business to them "
            "in the last 12 months: give a referral before asking for one.",
        },
        "evidence": [
            "1 first meeting in the last 12 months",
            "2 coffees in the last 12 months",
            "Helped them once in the last 12 months",
        ],
    }
    assert json.loads(json.dumps(result)) == result


def test_the_output_has_exactly_the_documented_keys() -> None:
    result = assess_document(document())
    assert list(result) == [
        "stage",
        "health",
        "scores",
        "warnings",
        "warning_texts",
        "next_step",
        "evidence",
    ]


def test_warnings_come_as_codes_and_sentences() -> None:
    touches = [*CREDIBLE, {"kind": "promise_made", "on": "2025-06-01"}]
    result = assess_document(document(*touches))
    assert result["warnings"] == ["promise_open"]
    assert result["warning_texts"] == [
        "You promised this person something on 2025-06-01 and the promise is still open."
    ]


def test_without_a_name_the_texts_say_this_person() -> None:
    result = assess_document(document())
    assert result["next_step"] == {
        "code": "get_to_know",
        "text": "You have had no real contact with this person yet: invite them for a coffee "
        "and ask about their business.",
    }


def test_business_takes_a_direction_and_a_value() -> None:
    touches = [
        *CREDIBLE,
        {"kind": "referral_given", "on": "2025-06-01"},
        {"kind": "business_closed", "on": "2025-06-02", "direction": "for_me", "value": 1200},
        {"kind": "thanked", "on": "2025-06-03"},
    ]
    result = assess_document(document(*touches))
    assert result["stage"] == "profitability"
    assert "1 deal closed for you in the last 12 months, worth 1200" in result["evidence"]  # type: ignore[operator]


def test_a_cadence_sets_the_rhythm_of_tending() -> None:
    touches = [{"kind": "coffee", "on": "2025-06-10"}]
    assert assess_document(document(*touches))["health"] == "thriving"
    assert assess_document(document(*touches, cadence_days=7))["health"] == "withering"


def test_today_may_come_from_the_caller() -> None:
    doc = {"touches": [{"kind": "coffee", "on": "2025-06-10"}]}
    assert assess_document(doc, default_today=date(2025, 6, 11))["health"] == "thriving"


def test_today_in_the_document_wins_over_the_callers() -> None:
    doc = document({"kind": "coffee", "on": "2025-06-30"})
    assert assess_document(doc, default_today=date(2025, 6, 1))["stage"] == "visibility"


def _visibility_after_a_coffee_of(minutes: object) -> object:
    result = assess_document(document({"kind": "coffee", "on": "2025-06-10", "minutes": minutes}))
    return result["scores"]["visibility"]  # type: ignore[index]


@pytest.mark.parametrize("value", [45, 45.0])
def test_minutes_may_be_any_whole_number_and_a_meetings_length_adds_weight(value: object) -> None:
    # A whole number written as 45.0 is the same 45 minutes; a length given adds weight
    # to the visibility score over a coffee of unknown length.
    assert _visibility_after_a_coffee_of(value) == _visibility_after_a_coffee_of(45)
    assert _visibility_after_a_coffee_of(value) > _visibility_after_a_coffee_of(None)


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        pytest.param([], 'the input must be a JSON object with "today" and "touches"', id="list"),
        pytest.param({"touches": []}, 'missing "today"', id="no-today"),
        pytest.param(
            {"today": "30/06/2025", "touches": []},
            '"today" must be a date as YYYY-MM-DD, not "30/06/2025"',
            id="bad-today",
        ),
        pytest.param({"today": "2025-06-30"}, 'missing "touches"', id="no-touches"),
        pytest.param(
            {"today": "2025-06-30", "touches": {}}, '"touches" must be a list', id="touches-dict"
        ),
        pytest.param(
            document(extra=1), 'the input: unknown field "extra"', id="unknown-document-field"
        ),
        pytest.param(
            document(cadence_days=0), '"cadence_days" must be a whole number', id="cadence-0"
        ),
        pytest.param(document(name=""), '"name" must be a non-empty text', id="empty-name"),
        pytest.param(
            document({"kind": "cofee", "on": "2025-06-01"}),
            'touches[0]: unknown kind "cofee"; did you mean "coffee"? valid kinds: met, ',
            id="unknown-kind",
        ),
        pytest.param(
            document(CREDIBLE[0], {"kind": "hug", "on": "2025-06-01"}),
            'touches[1]: unknown kind "hug"; valid kinds: met, conversation,',
            id="unknown-kind-no-hint",
        ),
        pytest.param(
            document({"kind": "coffee", "on": "2025-02-30"}),
            'touches[0]: "on" must be a date as YYYY-MM-DD, not "2025-02-30"',
            id="bad-date",
        ),
        pytest.param(
            document({"kind": "coffee", "on": "2025-6-1"}),
            'touches[0]: "on" must be a date as YYYY-MM-DD, not "2025-6-1"',
            id="short-date",
        ),
        pytest.param(
            document({"kind": "coffee", "on": 20250601}),
            'touches[0]: "on" must be a date as YYYY-MM-DD, not 20250601',
            id="number-date",
        ),
        pytest.param(
            document(*CREDIBLE, {"kind": "coffee", "on": "2025-07-01"}),
            "touches[4]: dated 2025-07-01, after today (2025-06-30); plans for the future are "
            "not touches",
            id="future-touch",
        ),
        pytest.param(
            document({"kind": "coffee", "on": "2025-06-01", "direction": "for_me"}),
            'touches[0]: "direction" applies only to business_closed, not coffee',
            id="direction-on-coffee",
        ),
        pytest.param(
            document({"kind": "business_closed", "on": "2025-06-01"}),
            'touches[0]: business_closed needs "direction": "for_me" or "for_them"',
            id="business-without-direction",
        ),
        pytest.param(
            document({"kind": "business_closed", "on": "2025-06-01", "direction": "inbound"}),
            'touches[0]: "direction" must be "for_me" or "for_them", not "inbound"',
            id="bad-direction",
        ),
        pytest.param(
            document({"kind": "coffee", "on": "2025-06-01", "minutes": -5}),
            'touches[0]: "minutes" must be a whole number >= 0, not -5',
            id="negative-minutes",
        ),
        pytest.param(
            document({"kind": "coffee", "on": "2025-06-01", "minutes": "45"}),
            'touches[0]: "minutes" must be a whole number >= 0, not "45"',
            id="text-minutes",
        ),
        pytest.param(
            document({"kind": "coffee", "on": "2025-06-01", "minutes": 4.5}),
            'touches[0]: "minutes" must be a whole number >= 0, not 4.5',
            id="fractional-minutes",
        ),
        pytest.param(
            document({"kind": "coffee", "on": "2025-06-01", "minutes": True}),
            'touches[0]: "minutes" must be a whole number >= 0, not true',
            id="boolean-minutes",
        ),
        pytest.param(
            document({"kind": "coffee", "on": "2025-06-01", "value": 5}),
            'touches[0]: "value" applies only to business_closed, not coffee',
            id="value-on-coffee",
        ),
        pytest.param(
            document(
                {"kind": "business_closed", "on": "2025-06-01", "direction": "for_me", "value": -1}
            ),
            'touches[0]: "value" must be a number >= 0, not -1',
            id="negative-value",
        ),
        pytest.param(
            document(
                {"kind": "business_closed", "on": "2025-06-01", "direction": "for_me", "value": "x"}
            ),
            'touches[0]: "value" must be a number >= 0, not "x"',
            id="text-value",
        ),
        pytest.param(
            document({"kind": "met", "on": "2025-06-01", "event": " "}),
            'touches[0]: "event" must be the name of the event',
            id="blank-event",
        ),
        pytest.param(
            document({"on": "2025-06-01"}), 'touches[0]: missing "kind"', id="missing-kind"
        ),
        pytest.param(document({"kind": "coffee"}), 'touches[0]: missing "on"', id="missing-on"),
        pytest.param(
            document({"kind": "coffee", "on": "2025-06-01", "minute": 5}),
            'touches[0]: unknown field "minute" (fields: kind, on, minutes, direction, value, '
            "event)",
            id="unknown-touch-field",
        ),
        pytest.param(document("coffee"), "touches[0]: must be an object like", id="not-object"),
    ],
)
def test_invalid_input_is_refused_in_one_clear_line(doc: object, message: str) -> None:
    with pytest.raises(InputError) as caught:
        assess_document(doc)
    text = str(caught.value)
    assert text.startswith(message)
    assert "\n" not in text


def test_an_input_error_is_a_value_error() -> None:
    assert issubclass(InputError, ValueError)
