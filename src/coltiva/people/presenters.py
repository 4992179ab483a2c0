"""Stored assessments back into the domain's words, in the user's language.

The relationship stores codes and parameters, never sentences, so the same row reads
correctly in English and Italian; the domain's ``texts`` module holds the sentences.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext, ngettext

from coltiva import display
from coltiva.domain import evidence_texts, texts
from coltiva.domain.vcp import Evidence, Flag, NextStep, NextStepCode, Stage, WarningCode
from coltiva.people.models import Person, Relationship


def _date(raw: Any) -> date | None:
    return date.fromisoformat(raw) if raw else None


def next_step_of(rel: Relationship) -> NextStep | None:
    return _step(rel.next_step, rel.next_step_params, rel.next_step_since)


def flags_of(rel: Relationship) -> list[Flag]:
    return [
        Flag(
            code=WarningCode(item["code"]),
            since=_date(item["since"]) or date.min,
            params=item.get("params") or {},
        )
        for item in rel.warnings or []
    ]


def evidence_of(rel: Relationship) -> list[Evidence]:
    return [
        Evidence(code=item["code"], count=item["count"], params=item.get("params") or {})
        for item in rel.evidence or []
    ]


def local_date(day: date) -> str:
    return display.short_day(day)


def next_step_sentence(rel: Relationship, person: Person) -> str:
    return step_sentence(
        rel.next_step, rel.next_step_params, rel.next_step_since, person.first_name
    )


def next_step_action(rel: Relationship, person: Person) -> str:
    return step_action(rel.next_step, rel.next_step_params, rel.next_step_since, person.first_name)


def _step(code: str, params: dict[str, Any] | None, since: date | None) -> NextStep | None:
    if not code:
        return None
    return NextStep(code=NextStepCode(code), params=params or {}, waiting_since=since)


def step_sentence(
    code: str,
    params: dict[str, Any] | None,
    since: date | None,
    first_name: str,
    planned: str | None = None,
) -> str:
    """Why a stored next step is due, from its stored values (Today reads no models).
    ``planned``: the next planned meeting with them, formatted."""
    step = _step(code, params, since)
    if step is None:
        return ""
    return texts.next_step_text(
        step, first_name, gettext, ngettext, format_date=local_date, planned=planned
    )


def step_action(
    code: str,
    params: dict[str, Any] | None,
    since: date | None,
    first_name: str,
    planned: str | None = None,
) -> str:
    step = _step(code, params, since)
    if step is None:
        return ""
    return texts.next_step_action(step, gettext, name=first_name, planned=planned)


def warning_sentences(rel: Relationship, person: Person) -> list[str]:
    return [
        texts.warning_text(f, person.first_name, gettext, ngettext, format_date=local_date)
        for f in flags_of(rel)
    ]


def evidence_sentences(rel: Relationship, currency: str = display.DEFAULT_CURRENCY) -> list[str]:
    def money(value: object) -> str:
        return display.money(value, currency)

    return [
        evidence_texts.evidence_text(
            e, gettext, ngettext, format_date=local_date, format_money=money
        )
        for e in evidence_of(rel)
    ]


def early_ask_sentence(first_name: str, stage: Stage) -> str:
    """The method's warning for an ask below credibility (``services.early_ask``)."""
    return gettext(
        "%(name)s is at %(stage)s: asking for business before credibility exists almost "
        "always gets a no. Build credibility first: meet again, help, introduce."
    ) % {"name": first_name, "stage": texts.stage_label(stage, gettext)}
