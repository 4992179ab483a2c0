"""Sentences: every code has words, the words name the person, and they translate."""

from __future__ import annotations

import ast
import json
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from coltiva.domain import evidence_texts, phrases, texts
from coltiva.domain.assessment import plain
from coltiva.domain.texts import (
    evidence_summary,
    evidence_text,
    health_label,
    next_step_action,
    next_step_text,
    stage_label,
    warning_text,
)
from coltiva.domain.vcp import (
    Evidence,
    Flag,
    Health,
    NextStep,
    NextStepCode,
    Stage,
    WarningCode,
)

DAY = date(2025, 6, 30)
YEAR = {"days": 365}

WARNINGS = [
    Flag(WarningCode.ASKED_TOO_EARLY, DAY, {"count": 1, "last": DAY}),
    Flag(WarningCode.HARVESTING_TOO_OFTEN, DAY, {"count": 3, "days": 90}),
    Flag(WarningCode.TAKING_MORE_THAN_GIVING, DAY, {"taken": 3, "given": 1, "days": 180}),
    Flag(WarningCode.UNTHANKED, DAY, {"count": 1, "kind": "referral_received", "on": DAY}),
    Flag(WarningCode.PROMISE_OPEN, DAY, {"count": 1, "made_on": DAY}),
    Flag(
        WarningCode.FOLLOW_UP_DUE,
        DAY,
        {"event": "Expo", "days": 3, "due": DAY + timedelta(days=2), "overdue": True},
    ),
]

STEPS = [
    NextStep(NextStepCode.KEEP_PROMISE, {"count": 1, "made_on": DAY}),
    NextStep(NextStepCode.SAY_THANK_YOU, {"count": 1, "kind": "business_closed", "on": DAY}),
    NextStep(NextStepCode.FOLLOW_UP, {"event": "Expo", "days": 2, "overdue": False}),
    NextStep(NextStepCode.RECONNECT, {"days": 200, "last_contact": DAY, "health": "dormant"}),
    NextStep(NextStepCode.GET_TO_KNOW, {}),
    NextStep(NextStepCode.MEET_AGAIN, {"meeting_days": 1, "days": 365}),
    NextStep(NextStepCode.REBUILD_TRUST, {"negative": 2, "giving": 1, "days": 365}),
    NextStep(NextStepCode.GIVE_FIRST, {"meeting_days": 2, "giving": 0, "days": 365}),
    NextStep(NextStepCode.GIVE_REFERRAL, YEAR),
    NextStep(NextStepCode.ASK_FOR_REFERRAL, {"days": 365, "business_out": 1}),
    NextStep(NextStepCode.NURTURE, {}),
]


def test_every_stage_and_health_has_a_label() -> None:
    assert [stage_label(s) for s in Stage] == [
        "Not visible",
        "Visibility",
        "Credibility",
        "Profitability",
    ]
    assert [health_label(h) for h in Health] == [
        "Seed",
        "Thriving",
        "Needs tending",
        "Withering",
        "Dormant",
    ]


def test_every_warning_and_step_is_covered_here() -> None:
    assert {flag.code for flag in WARNINGS} == set(WarningCode)
    assert {step.code for step in STEPS} == set(NextStepCode)


@pytest.mark.parametrize("flag", WARNINGS, ids=lambda flag: flag.code.value)
def test_a_warning_is_a_sentence_naming_the_person(flag: Flag) -> None:
    text = warning_text(flag, "Anna")
    assert "Anna" in text
    assert text.endswith(".")
    assert "%(" not in text


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.code.value)
def test_a_next_step_is_a_sentence_naming_the_person(step: NextStep) -> None:
    text = next_step_text(step, "Anna")
    assert "Anna" in text
    assert text[0].isupper() and text.endswith(".")
    assert "%(" not in text
    assert not re.search(r"\b(he|she|him|her|his|hers)\b", text, re.IGNORECASE)


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.code.value)
def test_a_next_step_has_a_short_action_naming_the_person(step: NextStep) -> None:
    action = next_step_action(step, name="Anna")
    assert "Anna" in action
    assert len(action) < 40
    assert not action.endswith(".")


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (
            NextStep(NextStepCode.GIVE_FIRST, {"meeting_days": 2, "giving": 0, "days": 365}),
            "You have met Anna on 2 different days and given them nothing yet: help them, "
            "introduce them to someone useful, invite them to your group.",
        ),
        (
            NextStep(NextStepCode.MEET_AGAIN, {"meeting_days": 0, "days": 365}),
            "You have not met Anna for a coffee, a meal or a one-to-one in the last 12 months: "
            "invite them to one to start building credibility.",
        ),
        (
            NextStep(NextStepCode.FOLLOW_UP, {"event": "Expo", "days": 1}),
            "You met Anna at Expo 1 day ago and have not followed up: suggest a coffee while "
            "the meeting is fresh.",
        ),
        (
            NextStep(NextStepCode.KEEP_PROMISE, {"count": 2, "made_on": DAY}),
            "You have 2 open promises to Anna, the oldest from 2025-06-30: keep your word, or "
            "say plainly that you cannot.",
        ),
        (
            NextStep(NextStepCode.RECONNECT, {"days": 70, "health": Health.WITHERING}),
            "Your last contact with Anna was 70 days ago and the relationship is withering: "
            "get in touch before it goes dormant.",
        ),
    ],
)
def test_next_step_sentences_read_well(step: NextStep, expected: str) -> None:
    assert next_step_text(step, "Anna") == expected


def test_the_get_to_know_action_invites_for_a_coffee() -> None:
    step = NextStep(NextStepCode.GET_TO_KNOW, {})
    assert next_step_action(step, name="Anna") == "Invite Anna for a coffee"
    assert next_step_action(step) == "Invite this person for a coffee"


@pytest.mark.parametrize(
    ("match", "sentence"),
    [
        (
            {"name": "Paolo", "looks_for": "HR managers in manufacturing"},
            "Introduce Anna, who looks for HR managers in manufacturing, to Paolo.",
        ),
        (
            {"name": "Paolo", "offers": "payroll services"},
            "Introduce Anna to Paolo, who offers payroll services.",
        ),
        (
            {"name": "Paolo", "looks_for": "caterers", "offers": "wedding venues"},
            "Introduce Anna, who looks for caterers, to Paolo, who offers wedding venues.",
        ),
        ({"name": "Paolo"}, "Introduce Anna to Paolo."),
    ],
)
@pytest.mark.parametrize("code", [NextStepCode.GIVE_FIRST, NextStepCode.GIVE_REFERRAL])
def test_a_match_names_the_concrete_introduction(
    code: NextStepCode, match: dict[str, str], sentence: str
) -> None:
    step = NextStep(code, {"days": 365, "meeting_days": 2, "giving": 0, "match": match})
    assert next_step_text(step, "Anna").endswith(" " + sentence)
    assert next_step_action(step, name="Anna") == "Introduce Anna to Paolo"


@pytest.mark.parametrize("match", [None, {}, {"name": ""}, "Paolo"])
def test_a_missing_or_malformed_match_is_ignored(match: object) -> None:
    step = NextStep(NextStepCode.GIVE_REFERRAL, {"days": 365, "match": match})
    assert "Introduce" not in next_step_text(step, "Anna")
    assert next_step_action(step, name="Anna") == "Send Anna a referral"


def test_a_match_on_another_step_is_not_mentioned() -> None:
    step = NextStep(NextStepCode.NURTURE, {"match": {"name": "Paolo"}})
    assert "Paolo" not in next_step_text(step, "Anna")


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        (
            Flag(WarningCode.UNTHANKED, DAY, {"count": 1, "kind": "business_closed", "on": DAY}),
            "You closed business thanks to Anna on 2025-06-30 and have not said thank you yet.",
        ),
        (
            Flag(WarningCode.UNTHANKED, DAY, {"count": 3, "kind": "referral_received"}),
            "You have 3 referrals or deals from Anna without a thank-you, the oldest from "
            "2025-06-30.",
        ),
        (
            Flag(WarningCode.FOLLOW_UP_DUE, DAY, {"event": "Expo", "days": 1, "due": DAY}),
            "You met Anna at Expo 1 day ago: follow up by 2025-06-30.",
        ),
        (
            Flag(WarningCode.ASKED_TOO_EARLY, DAY, {"count": 2}),
            "You asked Anna for business 2 times before credibility was there: build trust "
            "before asking again.",
        ),
    ],
)
def test_warning_sentences_read_well(flag: Flag, expected: str) -> None:
    assert warning_text(flag, "Anna") == expected


def day_first(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.code.value)
def test_params_stored_as_json_read_the_same(step: NextStep) -> None:
    stored = NextStep(step.code, json.loads(json.dumps(plain(step.params))))
    expected = next_step_text(step, "Anna", format_date=day_first)
    assert next_step_text(stored, "Anna", format_date=day_first) == expected


@pytest.mark.parametrize("flag", WARNINGS, ids=lambda flag: flag.code.value)
def test_warning_params_stored_as_json_read_the_same(flag: Flag) -> None:
    stored = Flag(flag.code, flag.since, json.loads(json.dumps(plain(flag.params))))
    expected = warning_text(flag, "Anna", format_date=day_first)
    assert warning_text(stored, "Anna", format_date=day_first) == expected


def test_dates_can_be_formatted_for_the_reader() -> None:
    flag = Flag(WarningCode.PROMISE_OPEN, DAY, {"count": 1, "made_on": DAY})
    text = warning_text(flag, "Anna", format_date=lambda day: day.strftime("%d/%m/%Y"))
    assert "30/06/2025" in text


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (Evidence("coffee", 2, YEAR), "2 coffees in the last 12 months"),
        (Evidence("coffee", 1, YEAR), "1 coffee in the last 12 months"),
        (Evidence("referral_given", 1, YEAR), "1 referral given in the last 12 months"),
        (Evidence("helped", 1, YEAR), "Helped them once in the last 12 months"),
        (Evidence("thanked", 3, YEAR), "Thanked them 3 times in the last 12 months"),
        (Evidence("one_to_one", 2, {"days": 30}), "2 one-to-ones in the last 30 days"),
        (
            Evidence("business_closed_for_me", 2, {"days": 365, "value": Decimal("1500.50")}),
            "2 deals closed for you in the last 12 months, worth 1500.50",
        ),
        (
            Evidence("business_closed_for_them", 1, YEAR),
            "1 deal closed for them in the last 12 months",
        ),
        (Evidence("no_show", 2, YEAR), "2 missed meetings in the last 12 months"),
        (Evidence("meeting_days", 1, YEAR), "Meetings on only 1 day"),
        (
            Evidence("contact_older", 3, {"from_days": 365, "days": 730}),
            "3 earlier contacts, 12 to 24 months ago",
        ),
        (
            Evidence("no_recent_contact", 0, {"days": 730, "last": DAY}),
            "No contact in the last 24 months; the last was on 2025-06-30",
        ),
        (Evidence("something_new", 4, {}), "Something_new: 4"),
    ],
)
def test_evidence_reads_as_a_fact(evidence: Evidence, expected: str) -> None:
    assert evidence_text(evidence) == expected


def test_every_kind_of_evidence_has_words() -> None:
    from coltiva.domain.evidence import KIND_CODES

    for code in KIND_CODES:
        for count in (1, 2):
            text = evidence_text(Evidence(code, count, YEAR))
            assert not text.endswith(f": {count}") and "%(" not in text, text


def test_a_summary_names_a_shared_window_once() -> None:
    items = [Evidence("coffee", 2, YEAR), Evidence("referral_given", 1, YEAR)]
    assert evidence_summary(items) == "2 coffees in the last 12 months; 1 referral given"


def test_a_summary_names_each_window() -> None:
    items = [
        Evidence("coffee", 1, YEAR),
        Evidence("contact_older", 1, {"from_days": 365, "days": 730}),
        Evidence("helped", 1, YEAR),
    ]
    assert evidence_summary(items) == (
        "1 coffee in the last 12 months; 1 earlier contact, 12 to 24 months ago; "
        "helped them once in the last 12 months"
    )


def test_a_summary_of_nothing_says_so() -> None:
    assert evidence_summary([]) == "Nothing recorded recently."


def test_every_text_goes_through_the_translation_functions() -> None:
    def shout(message: str) -> str:
        return message.upper().replace("%(NAME)S", "%(name)s").replace("%(COUNT)D", "%(count)d")

    text = next_step_text(STEPS[4], "Anna", shout)
    assert text == text.upper().replace("ANNA", "Anna")


def test_plural_forms_come_from_ngettext() -> None:
    calls: list[tuple[str, str, int]] = []

    def ngettext(singular: str, plural: str, count: int) -> str:
        calls.append((singular, plural, count))
        return plural

    evidence_text(Evidence("coffee", 1, YEAR), ngettext=ngettext)
    assert ("%(count)d coffee", "%(count)d coffees", 1) in calls


def _translation_calls(module: object) -> list[ast.Call]:
    source = Path(module.__file__).read_text()  # type: ignore[attr-defined]
    return [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("gettext", "ngettext")
    ]


@pytest.mark.parametrize("module", [texts, evidence_texts, phrases])
def test_messages_are_literals_so_makemessages_finds_them(module: object) -> None:
    calls = _translation_calls(module)
    assert calls
    for call in calls:
        literals = call.args[:1] if call.func.id == "gettext" else call.args[:2]  # type: ignore[attr-defined]
        for arg in literals:
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), ast.dump(arg)
            assert "{" not in arg.value, "use %(name)s placeholders, not str.format"
